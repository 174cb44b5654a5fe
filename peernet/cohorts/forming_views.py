"""Hub staff's pages for forming a round's cohorts: the proposal, suggesting, moving, locking, pinning,
building a cohort by hand or around an organisation, and confirming. Staff of the round's hub only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from peernet import numbers
from peernet.applications.models import Application
from peernet.cohorts import confirm, forming, proposal, tasks
from peernet.cohorts.forms import WAITING, ConfirmForm, ManualCohortForm, MoveForm, PartnerCohortForm
from peernet.cohorts.models import Cohort, FormingRun, Membership
from peernet.cohorts.pool import pool_applications
from peernet.matching import slot_words
from peernet.programmes.access import staff_round
from peernet.programmes.models import Theme


def _proposed(round):
    members = (
        Membership.objects.filter(status=Membership.Status.PROPOSED)
        .select_related("application__leader", "application__business", "application__district")
        .prefetch_related(
            Prefetch("application__themes", queryset=Theme.objects.only("id", "slug", "name")),
            Prefetch("application__not_with", queryset=Application.objects.only("id", "reference")),
        )
        .order_by("application__leader__full_name")
    )
    return (
        forming.proposed_cohorts(round)
        .select_related("partner")
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="members"))
        .order_by("name")
    )


def _with_problems(round, cohorts: list[Cohort]) -> list[Cohort]:
    """Each cohort's broken hard rules (size included): what stops it being confirmed."""
    for cohort in cohorts:
        cohort.round = round  # already loaded: no query per cohort
        cohort.problems = proposal.rule_problems(cohort, [m.application for m in cohort.members], whole=True)
        cohort.meets = slot_words(cohort.slot)
    return cohorts


def _waiting(round):
    return pool_applications(round).exclude(memberships__status=Membership.Status.PROPOSED)


@login_required
def proposal_page(request, round_id: int):
    round = staff_round(request, round_id)
    cohorts = _with_problems(round, list(_proposed(round)))
    waiting = list(_waiting(round))
    latest = round.forming_runs.order_by("-created_at", "-id").first()
    last_done = (
        latest
        if latest and latest.status == FormingRun.Status.DONE
        else round.forming_runs.filter(status=FormingRun.Status.DONE).order_by("-created_at", "-id").first()
    )
    reasons = last_done.unplaced if last_done else {}
    for application in waiting:
        application.reason = reasons.get(application.reference) or (
            "Taken out of a suggested cohort by hand, or applied since cohorts were last suggested"
            if last_done
            else "Not yet considered: suggest cohorts to place them"
        )
    confirmed = (
        round.cohorts.filter(status__in=Cohort.Status.COUNTED)
        .select_related("partner", "facilitator")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status__in=Membership.Status.CURRENT))
        )
        .order_by("name")
    )
    return render(
        request,
        "cohorts/proposal.html",
        {
            "round": round,
            "cohorts": cohorts,
            "waiting": waiting,
            "run": latest,
            "last_done": last_done,
            "confirmed": confirmed,
            "move_form": MoveForm(people=[], cohorts=cohorts),
            "pool_size": sum(len(c.members) for c in cohorts) + len(waiting),
        },
    )


@login_required
@require_POST
def suggest(request, round_id: int):
    round = staff_round(request, round_id)
    try:
        tasks.start_run(round=round, by=request.user)
    except forming.RunRefused as refused:
        messages.error(request, str(refused))
    return redirect("cohorts:proposal", round_id=round.pk)


# The page asks again after this many seconds, a little later each time, so a long run costs few requests.
POLL_SECONDS = (1, 2, 3, 5)


@login_required
def run_progress(request, round_id: int, run_id: int):
    round = staff_round(request, round_id)
    run = get_object_or_404(round.forming_runs, pk=run_id)
    try:
        asked = numbers.whole_number(request.GET.get("n", "0"), name="n", example="1")
    except ValidationError:
        asked = 0
    response = render(
        request,
        "cohorts/includes/run_progress.html",
        {
            "round": round,
            "run": run,
            "next_n": asked + 1,
            "delay": POLL_SECONDS[min(asked, len(POLL_SECONDS) - 1)],
        },
    )
    if run.finished and request.headers.get("HX-Request"):
        # One reload shows the new proposal; polling stops with it.
        response["HX-Refresh"] = "true"
    return response


def _move_form(round, data):
    cohorts = list(forming.proposed_cohorts(round).order_by("name"))
    people = list(pool_applications(round).values_list("reference", "leader__full_name"))
    return MoveForm(data, people=people, cohorts=cohorts), {c.code: c for c in cohorts}


@login_required
def move(request, round_id: int):
    """Check a move (GET, also what a drag asks) and save it (POST) if no rule refuses it."""
    round = staff_round(request, round_id)
    data = request.POST if request.method == "POST" else request.GET
    form, by_code = _move_form(round, data)
    check = None
    status = 200
    if form.is_valid():
        application = pool_applications(round).get(reference=form.cleaned_data["application"])
        target = by_code.get(form.cleaned_data["to"]) if form.cleaned_data["to"] != WAITING else None
        if request.method == "POST":
            try:
                check = proposal.move(application=application, target=target, by=request.user)
            except proposal.ChangeRefused:
                check = proposal.check_move(application=application, target=target)
                status = 400
            else:
                where = target.name if target else "the waiting list"
                messages.success(request, f"{application.leader.full_name} moved to {where}")
                for warning in check.warnings:
                    messages.warning(request, warning)
                return redirect(reverse("cohorts:proposal", args=[round.pk]) + f"#{application.reference}")
        else:
            check = proposal.check_move(application=application, target=target)
            # htmx swaps only successful responses: to a drag, the refusal is the check's answer.
            status = 200 if check.allowed or request.headers.get("HX-Request") else 400
    else:
        status = 400
    template = "cohorts/move.html"
    if request.headers.get("HX-Request"):
        template = "cohorts/includes/move_check.html"
    return render(request, template, {"round": round, "form": form, "check": check}, status=status)


def _proposed_cohort(round, code: str) -> Cohort:
    return get_object_or_404(
        forming.proposed_cohorts(round).select_related("round__programme__hub"), code=code
    )


@login_required
@require_POST
def lock(request, round_id: int, code: str):
    round = staff_round(request, round_id)
    cohort = _proposed_cohort(round, code)
    locked = request.POST.get("locked") == "1"
    proposal.set_locked(cohort=cohort, locked=locked, by=request.user)
    messages.success(
        request,
        f"{cohort.name} is locked: suggesting cohorts again keeps it as it is"
        if locked
        else f"{cohort.name} is unlocked",
    )
    return redirect(reverse("cohorts:proposal", args=[round.pk]) + f"#cohort-{cohort.code}")


@login_required
@require_POST
def pin(request, round_id: int, code: str, reference: str):
    round = staff_round(request, round_id)
    cohort = _proposed_cohort(round, code)
    membership = get_object_or_404(
        cohort.memberships.select_related("application__leader", "cohort__round__programme__hub"),
        application__reference=reference,
        status=Membership.Status.PROPOSED,
    )
    pinned = request.POST.get("pinned") == "1"
    proposal.set_pinned(membership=membership, pinned=pinned, by=request.user)
    name = membership.application.leader.full_name
    messages.success(
        request,
        f"{name} is pinned to {cohort.name}: suggesting cohorts again keeps them there"
        if pinned
        else f"{name} is no longer pinned to {cohort.name}",
    )
    return redirect(reverse("cohorts:proposal", args=[round.pk]) + f"#{reference}")


@login_required
def new_cohort(request, round_id: int):
    round = staff_round(request, round_id)
    form = ManualCohortForm(request.POST if request.method == "POST" else None, round=round)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cohort = proposal.start_cohort(
            round=round,
            name=data["name"],
            slot=data["slot"],
            mode=data["mode"],
            area=data["area"],
            basis=data["basis"],
            basis_value=data["basis_value"].strip(),
            by=request.user,
        )
        messages.success(
            request, f"{cohort.name} started. Move members into it from the waiting list or other cohorts."
        )
        return redirect(reverse("cohorts:proposal", args=[round.pk]) + f"#cohort-{cohort.code}")
    return render(
        request, "cohorts/new_cohort.html", {"round": round, "form": form}, status=400 if form.errors else 200
    )


@login_required
def new_partner_cohort(request, round_id: int):
    round = staff_round(request, round_id)
    organisations = sorted(
        set(pool_applications(round).exclude(organisation="").values_list("organisation", flat=True)),
        key=str.casefold,
    )
    form = PartnerCohortForm(
        request.POST if request.method == "POST" else None, round=round, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = proposal.start_partner_cohort(
            round=round,
            partner=data["partner"],
            organisation=data["organisation"],
            slot=data["slot"],
            mode=data["mode"],
            area=data["area"],
            name=data["name"].strip(),
            by=request.user,
        )
        return render(request, "cohorts/partner_cohort_made.html", {"round": round, "made": made})
    return render(
        request,
        "cohorts/new_partner_cohort.html",
        {"round": round, "form": form, "organisations": organisations},
        status=400 if form.errors else 200,
    )


@login_required
def confirm_page(request, round_id: int, code: str):
    round = staff_round(request, round_id)
    cohort = _proposed_cohort(round, code)
    problems = confirm.confirm_problems(cohort)
    contracts = confirm.contracts_with_room(round)
    form = ConfirmForm(
        request.POST if request.method == "POST" else None,
        cohort=cohort,
        contracts=contracts,
        initial={"partner": cohort.partner},
    )
    if request.method == "POST" and not problems and form.is_valid():
        data = form.cleaned_data
        try:
            confirm.confirm_cohort(
                cohort=cohort,
                partner=data["partner"],
                facilitator=data["facilitator"],
                starts_on=data["starts_on"],
                venue=data["venue"],
                online_link=data["online_link"],
                by=request.user,
            )
        except confirm.ConfirmRefused as refused:
            for field, message in refused.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request, f"{cohort.name} is confirmed. Its members and facilitator have been emailed."
            )
            return redirect("cohorts:detail", code=cohort.code)
    members = cohort.memberships.filter(status=Membership.Status.PROPOSED).select_related(
        "application__leader", "application__business"
    )
    return render(
        request,
        "cohorts/confirm.html",
        {
            "round": round,
            "cohort": cohort,
            "form": form,
            "problems": problems,
            "members": members,
            "contracts": contracts,
        },
        status=400 if (request.method == "POST") else 200,
    )
