"""Hub staff's pages for setting up a programme: rounds, delivery partners with their contracts and
facilitators, the themes list and the hub's contact details. Other roles get 403, another hub's records
404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from peernet.accounts import permissions as can
from peernet.programmes import setup
from peernet.programmes.access import staff_round
from peernet.programmes.forms import (
    ContractForm,
    FacilitatorForm,
    HubContactForm,
    PartnerForm,
    RoundForm,
    ThemeForm,
)
from peernet.programmes.models import Contract, DeliveryPartner, Round, Theme


def _staff_only(request) -> None:
    if not can.is_hub_staff(request.user):
        raise PermissionDenied


def staff_partner(request, partner_id: int) -> DeliveryPartner:
    _staff_only(request)
    return get_object_or_404(DeliveryPartner.objects.filter(hub_id=request.user.hub_id), pk=partner_id)


@login_required
def rounds(request):
    _staff_only(request)
    hub_rounds = (
        Round.objects.visible_to(request.user)
        .select_related("programme")
        .annotate(contract_count=Count("contracts"))
        .order_by("programme__name", "-number")
    )
    return render(request, "programmes/rounds.html", {"rounds": hub_rounds})


@login_required
def round_new(request):
    _staff_only(request)
    latest = Round.objects.filter(programme__hub_id=request.user.hub_id).order_by("-number").first()
    number = latest.number + 1 if latest else 1
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        hub=request.user.hub,
        initial={"number": number, "name": f"Round {number}", "slug": f"round-{number}"},
    )
    if request.method == "POST" and form.is_valid():
        round = setup.save_round(form=form, by=request.user)
        messages.success(request, f"{round.name} created. Set its eligibility rules, then open it.")
        return redirect("programmes:round", round_id=round.pk)
    return render(request, "programmes/round_form.html", {"form": form})


@login_required
def round_detail(request, round_id: int):
    round = staff_round(request, round_id)
    contracts = Contract.objects.filter(round=round).select_related("partner")
    return render(
        request,
        "programmes/round.html",
        {"round": round, "contracts": contracts, "themes": round.themes.all()},
    )


@login_required
def round_edit(request, round_id: int):
    round = staff_round(request, round_id)
    if round.status == Round.Status.CLOSED:
        raise PermissionDenied("A closed round is no longer changed")
    form = RoundForm(request.POST if request.method == "POST" else None, instance=round, hub=request.user.hub)
    if request.method == "POST" and form.is_valid():
        setup.save_round(form=form, by=request.user)
        messages.success(request, f"{round.name} saved")
        return redirect("programmes:round", round_id=round.pk)
    return render(request, "programmes/round_form.html", {"form": form, "round": round})


@login_required
@require_POST
def round_open(request, round_id: int):
    round = staff_round(request, round_id)
    try:
        setup.open_round(round=round, by=request.user)
    except setup.TransitionNotAllowed as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{round.name} is open: the public form takes applications")
    return redirect("programmes:round", round_id=round.pk)


@login_required
def partners(request):
    _staff_only(request)
    hub_partners = (
        DeliveryPartner.objects.filter(hub_id=request.user.hub_id)
        .annotate(
            contract_count=Count("contracts", distinct=True),
            facilitator_count=Count("facilitators", distinct=True),
        )
        .order_by("name")
    )
    form = PartnerForm(request.POST if request.method == "POST" else None, hub=request.user.hub)
    if request.method == "POST" and form.is_valid():
        partner = setup.save_partner(form=form, by=request.user)
        messages.success(request, f"{partner.name} added")
        return redirect("programmes:partner", partner_id=partner.pk)
    return render(request, "programmes/partners.html", {"partners": hub_partners, "form": form})


@login_required
def partner_detail(request, partner_id: int):
    partner = staff_partner(request, partner_id)
    contract_form = ContractForm(partner=partner)
    facilitator_form = FacilitatorForm()
    if request.method == "POST":
        if "add_contract" in request.POST:
            contract_form = ContractForm(request.POST, partner=partner)
            if contract_form.is_valid():
                setup.add_contract(form=contract_form, by=request.user)
                messages.success(request, "Contract added")
                return redirect("programmes:partner", partner_id=partner.pk)
        else:
            facilitator_form = FacilitatorForm(request.POST)
            if facilitator_form.is_valid():
                facilitator = setup.add_facilitator(form=facilitator_form, partner=partner, by=request.user)
                messages.success(request, f"{facilitator.full_name} added")
                return redirect("programmes:partner", partner_id=partner.pk)
    partner = (
        DeliveryPartner.objects.filter(pk=partner.pk)
        .prefetch_related(
            Prefetch("contracts", queryset=Contract.objects.select_related("round")), "facilitators"
        )
        .get()
    )
    return render(
        request,
        "programmes/partner.html",
        {"partner": partner, "contract_form": contract_form, "facilitator_form": facilitator_form},
    )


@login_required
def themes(request):
    _staff_only(request)
    form = ThemeForm(request.POST if request.method == "POST" else None, hub=request.user.hub)
    if request.method == "POST" and form.is_valid():
        theme = setup.add_theme(form=form, by=request.user)
        messages.success(request, f"{theme.name} added")
        return redirect("programmes:themes")
    hub_themes = Theme.objects.filter(hub_id=request.user.hub_id).annotate(round_count=Count("rounds"))
    return render(request, "programmes/themes.html", {"themes": hub_themes, "form": form})


@login_required
def hub_contact(request):
    _staff_only(request)
    form = HubContactForm(request.POST if request.method == "POST" else None, instance=request.user.hub)
    if request.method == "POST" and form.is_valid():
        setup.save_hub_contact(form=form, by=request.user)
        messages.success(request, "Contact details saved")
        return redirect("programmes:hub_contact")
    return render(request, "programmes/hub_contact.html", {"form": form})
