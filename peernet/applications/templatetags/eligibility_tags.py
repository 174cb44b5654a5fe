"""Template filters for eligibility: a rule's label from its slug."""

from django import template

from peernet.applications.eligibility import RULE_LABELS
from peernet.slots import slot_label

register = template.Library()


@register.filter
def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule)


@register.filter
def slot_labels(slots: list[str]) -> str:
    """['tue-am', 'thu-pm'] → 'Tuesday morning, Thursday afternoon'."""
    return ", ".join(slot_label(slot) for slot in slots or [])
