"""Template filters for eligibility: a rule's label from its slug."""

from django import template

from peernet.applications.eligibility import RULE_LABELS

register = template.Library()


@register.filter
def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule)
