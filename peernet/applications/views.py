"""Hub staff's pages: rounds, the review queue and exports, one application, the round's rules, imports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from peernet.accounts import audit
from peernet.accounts import permissions as can
from peernet.applications import exports, imports, records, tasks
from peernet.applications.forms import (
    MAX_UPLOAD_BYTES,
    ImportForm,
    OverrideForm,
    QueueFilterForm,
    RoundEligibilityForm,
    WithdrawForm,
)
from peernet.applications.models import Application
from peernet.applications.workflow import (
    TransitionNotAllowed,
    accept_details,
    decide_again,
    override_decision,
    withdraw,
)
from peernet.programmes.access import staff_round
from peernet.programmes.models import Round, Theme

PAGE_SIZE = 50


def queue_queryset(round: Round, user):
    return (
        Application.objects.visible_to(user)
        .filter(round=round)
        .select_related("district", "leader", "decision", "duplicate_of")
        .order_by("-submitted_at", "-pk")
    )


@login_required
def rounds(request):
    if not can.is_hub_staff(request.user):
        raise PermissionDenied
    hub_rounds = (
        Round.objects.visible_to(request.user)
        .select_related("programme")
        .annotate(
            application_count=Count("applications"),
            waiting_count=Count("applications", filter=Q(applications__status=Application.Status.WAITING)),
            ineligible_count=Count(
                "applications", filter=Q(applications__status=Application.Status.INELIGIBLE)
            ),
        )
        .order_by("programme__name", "-number")
    )
    return render(request, "applications/rounds.html", {"rounds": hub_rounds})


@login_required
def queue(request, round_id: int):
    round = staff_round(request, round_id)
    form = QueueFilterForm(request.GET or None, round=round)
    applications = form.filter(queue_queryset(round, request.user))
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/queue.html",
        {
            "round": round,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@login_required
def export(request, round_id: int, fmt: str):
    round = staff_round(request, round_id)
    form = QueueFilterForm(request.GET or None, round=round)
    applications = form.filter(queue_queryset(round, request.user)).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name"))
    )
    audit.record(
        actor=request.user,
        action="applications.exported",
        subject=round,
        hub=round.programme.hub,
        summary=f"{round.name} applications exported as {fmt.upper()}",
        data={"filters": {k: v for k, v in request.GET.items() if k != "page"}},
    )
    filename = f"{round.slug}-applications"
    if fmt == "xlsx":
        return exports.xlsx_response(applications, filename)
    return exports.csv_response(applications, filename)


def application_for(request, round_id: int, reference: str) -> tuple[Round, Application]:
    round = staff_round(request, round_id)
    application = get_object_or_404(
        queue_queryset(round, request.user).select_related(
            "round__programme__hub", "business__district", "leader__business"
        ),
        reference=reference,
    )
    return round, application


def render_detail(request, round, application, *, override_form=None, withdraw_form=None, status=200):
    decisions = application.decisions.select_related("decided_by").order_by("-decided_at", "-id")
    repeats = (
        Application.objects.filter(round=round, duplicate_of=application)
        .select_related("business")
        .order_by("submitted_at")
    )
    business_differences, leader_differences = records.record_differences(application)
    later = records.later_application(application) if business_differences or leader_differences else None
    return render(
        request,
        "applications/detail.html",
        {
            "round": round,
            "application": application,
            "decisions": decisions,
            "repeats": repeats,
            "trail": audit.trail_for(application)[:50],
            "override_form": override_form or OverrideForm(),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "themes": application.themes.order_by("name"),
            "business_differences": business_differences,
            "leader_differences": leader_differences,
            "newer_details": records.newer_details_words(later) if later else "",
        },
        status=status,
    )


@login_required
def detail(request, round_id: int, reference: str):
    round, application = application_for(request, round_id, reference)
    return render_detail(request, round, application)


@login_required
@require_POST
def decide(request, round_id: int, reference: str):
    round, application = application_for(request, round_id, reference)
    try:
        decision = decide_again(application=application, by=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Checked again: {decision.get_outcome_display().lower()}")
    return redirect("applications:detail", round_id=round.pk, reference=application.reference)


@login_required
@require_POST
def override(request, round_id: int, reference: str):
    round, application = application_for(request, round_id, reference)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            decision = override_decision(
                application=application,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except TransitionNotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Decision overridden: {decision.get_outcome_display().lower()}")
            return redirect("applications:detail", round_id=round.pk, reference=application.reference)
    return render_detail(request, round, application, override_form=form)


@login_required
@require_POST
def withdraw_application(request, round_id: int, reference: str):
    round, application = application_for(request, round_id, reference)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            withdraw(application=application, reason=form.cleaned_data["reason"], by=request.user)
        except TransitionNotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{application.reference} withdrawn")
            return redirect("applications:detail", round_id=round.pk, reference=application.reference)
    return render_detail(request, round, application, withdraw_form=form)


@login_required
@require_POST
def accept(request, round_id: int, reference: str):
    """Hub staff accept the details the application gives onto the shared business and leader records."""
    round, application = application_for(request, round_id, reference)
    try:
        updated = accept_details(application=application, by=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Records updated from this application: {' and '.join(updated)}")
    return redirect("applications:detail", round_id=round.pk, reference=application.reference)


@login_required
def eligibility(request, round_id: int):
    round = staff_round(request, round_id)
    if request.method == "POST":
        before = {name: str(value) for name, value in RoundEligibilityForm(instance=round).initial.items()}
        form = RoundEligibilityForm(request.POST, instance=round)
        if form.is_valid():
            form.save()
            audit.record(
                actor=request.user,
                action="round.eligibility_changed",
                subject=round,
                hub=round.programme.hub,
                summary=f"{round.name}: eligibility rules changed ({', '.join(form.changed_data) or 'none'})",
                data={"changed": form.changed_data, "before": {k: before.get(k) for k in form.changed_data}},
            )
            messages.success(
                request, "Eligibility rules saved. New decisions use them; check older ones again."
            )
            return redirect("applications:eligibility", round_id=round.pk)
    else:
        form = RoundEligibilityForm(instance=round)
    return render(request, "applications/eligibility.html", {"round": round, "form": form})


@login_required
def import_upload(request, round_id: int):
    round = staff_round(request, round_id)
    if request.method == "POST":
        # Refuse an oversized upload before Django reads it, with the page rather than an error.
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + 64 * 1024:
            form = ImportForm(
                {}, {}, refused="The file must be smaller than 10 MB; split it into smaller files"
            )
            form.is_valid()
            return render(request, "applications/import.html", {"round": round, "form": form}, status=413)
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            job = tasks.start_job(
                round=round,
                by=request.user,
                filename=upload.name,
                content=upload.read(),
                notify=form.cleaned_data["notify"],
            )
            return redirect("applications:import_job", round_id=round.pk, job_id=job.pk)
    else:
        form = ImportForm()
    jobs = round.import_jobs.select_related("created_by").defer("content")[:10]
    return render(request, "applications/import.html", {"round": round, "form": form, "jobs": jobs})


@login_required
def import_job(request, round_id: int, job_id: int):
    round = staff_round(request, round_id)
    job = get_object_or_404(round.import_jobs.defer("content"), pk=job_id)
    template = "applications/import_job.html"
    if request.headers.get("HX-Request"):
        template += "#progress"
    return render(request, template, {"round": round, "job": job, "columns": imports.COLUMNS})


@login_required
@require_POST
def import_again(request, round_id: int, job_id: int):
    """Try again a job that failed for a reason other than its rows; pressed twice, it runs once."""
    round = staff_round(request, round_id)
    job = get_object_or_404(round.import_jobs.only("pk"), pk=job_id)
    tasks.try_again(job_id=job.pk)
    return redirect("applications:import_job", round_id=round.pk, job_id=job.pk)
