"""Closing a round (hub staff), and the public page where an applicant it left waiting says yes to the next
round's pool."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from peernet.applications import closing
from peernet.applications.workflow import AlreadyApplied
from peernet.programmes.access import staff_round


@login_required
def close_round(request, round_id: int):
    round = staff_round(request, round_id)
    if request.method == "POST":
        try:
            told = closing.close_round(
                round=round, by=request.user, base_url=request.build_absolute_uri("/").rstrip("/")
            )
        except closing.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                f"{round.name} closed. Applicants still waiting told by email: {told}",
            )
        return redirect("programmes:round", round_id=round.pk)
    waiting = closing.still_waiting(round).count()
    return render(request, "applications/close_round.html", {"round": round, "waiting": waiting})


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="Yes, put me forward for the next round with the answers I gave",
        error_messages={"required": "Tick the box to say yes, or close this page to say no"},
    )


def carry_over(request, token: str):
    try:
        application = closing.application_for_token(token)
    except closing.OfferNotValid as invalid:
        return render(request, "applications/carry_over.html", {"problem": str(invalid)}, status=404)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    context = {"application": application, "form": form, "next_round": closing.next_open_round(application)}
    if request.method == "POST" and form.is_valid():
        try:
            new = closing.carry_over(application=application)
        except closing.OfferNotValid as invalid:
            context["problem"] = str(invalid)
        except AlreadyApplied as repeat:
            context["done"] = repeat.application
        else:
            context["done"] = new
    return render(request, "applications/carry_over.html", context)
