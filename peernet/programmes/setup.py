"""Setting up a programme from hub staff's pages: each change is one function that saves it and writes its
audit entry. Closing a round tells its waiting applicants, so it lives in peernet.applications.closing."""

from django.db import transaction
from django.utils.text import slugify

from peernet.accounts import audit
from peernet.accounts.models import Hub
from peernet.programmes.models import Contract, DeliveryPartner, Facilitator, Round, Theme


class TransitionNotAllowed(ValueError):
    """The round is not in a state that allows this move; the message says why in plain words."""


def _changed(form) -> list[str]:
    return sorted(name for name in form.changed_data if name in form.fields)


@transaction.atomic
def save_round(*, form, by) -> Round:
    """Create a round (in planning) or save changes to one, from a valid RoundForm."""
    creating = form.instance.pk is None
    round = form.save()
    audit.record(
        actor=by,
        action="round.created" if creating else "round.changed",
        subject=round,
        summary=f"{round.name} of {round.programme.name} {'created' if creating else 'changed'}",
        data={"fields": _changed(form)},
    )
    return round


@transaction.atomic
def open_round(*, round: Round, by) -> Round:
    """Planning → open: the public form at /apply/<slug>/ takes applications from now."""
    moved = Round.objects.filter(pk=round.pk, status=Round.Status.PLANNING).update(status=Round.Status.OPEN)
    if not moved:
        round.refresh_from_db(fields=["status"])
        raise TransitionNotAllowed(
            f"{round.name} is {round.get_status_display().lower()}; only a round in planning opens"
        )
    round.status = Round.Status.OPEN
    audit.record(
        actor=by, action="round.opened", subject=round, summary=f"{round.name} opened for applications"
    )
    return round


@transaction.atomic
def save_partner(*, form, by) -> DeliveryPartner:
    creating = form.instance.pk is None
    form.instance.hub = form.hub
    partner = form.save()
    audit.record(
        actor=by,
        action="partner.created" if creating else "partner.changed",
        subject=partner,
        summary=f"Delivery partner {partner.name} {'added' if creating else 'changed'}",
        data={"fields": _changed(form)},
    )
    return partner


@transaction.atomic
def add_contract(*, form, by) -> Contract:
    form.instance.partner = form.partner
    contract = form.save()
    audit.record(
        actor=by,
        action="contract.created",
        subject=contract,
        hub=contract.round.programme.hub,
        summary=f"{contract.partner.name}: {contract.cohorts_awarded} cohorts in {contract.round.name}",
        data={
            "cohorts_awarded": contract.cohorts_awarded,
            "price_per_cohort_pence": contract.price_per_cohort_pence,
        },
    )
    return contract


@transaction.atomic
def add_facilitator(*, form, partner: DeliveryPartner, by) -> Facilitator:
    form.instance.partner = partner
    facilitator = form.save()
    audit.record(
        actor=by,
        action="facilitator.created",
        subject=facilitator,
        hub=partner.hub,
        summary=f"Facilitator {facilitator.full_name} added to {partner.name}",
    )
    return facilitator


@transaction.atomic
def add_theme(*, form, by) -> Theme:
    form.instance.hub = form.hub
    form.instance.slug = slugify(form.cleaned_data["name"])[:50]
    theme = form.save()
    audit.record(actor=by, action="theme.created", subject=theme, summary=f"Theme {theme.name} added")
    return theme


@transaction.atomic
def save_hub_contact(*, form, by) -> Hub:
    hub = form.save()
    audit.record(
        actor=by,
        action="hub.contact_changed",
        subject=hub,
        hub=hub,
        summary=f"{hub.name}'s contact details changed",
        data={"fields": _changed(form)},
    )
    return hub
