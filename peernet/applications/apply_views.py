"""The public application form: a few questions a page, answers kept in the session, then Check your answers.

No account is needed. Every page is a Form; an answer that fails is shown again as typed with what to do.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from peernet import ratelimit
from peernet.applications import apply_forms as f
from peernet.applications import sic
from peernet.applications.answers import ApplicationAnswers
from peernet.applications.models import Application
from peernet.applications.workflow import AlreadyApplied, latest_decision, submit_application
from peernet.formats import long_date, money
from peernet.programmes.models import Round


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    applies: Callable[[Round], bool] = lambda round: True


STEPS = [
    Step("business", "About your business", f.BusinessForm),
    Step("size", "Size of the business", f.SizeForm),
    Step("sector", "What the business does", f.SectorForm),
    Step("location", "Where the business is", f.LocationForm),
    Step("leader", "About you", f.LeaderForm),
    Step("equality", "Equality monitoring", f.EqualityForm),
    Step("challenges", "Your challenges", f.ChallengesForm),
    Step("preferences", "How and when you can meet", f.PreferencesForm),
    Step(
        "subsidy",
        "Subsidy declaration",
        f.SubsidyForm,
        lambda r: r.subsidy_regime != Round.SubsidyRegime.NONE,
    ),
    Step("consent", "Privacy notice", f.ConsentForm),
]


def steps_for(round: Round) -> list[Step]:
    return [step for step in STEPS if step.applies(round)]


def step_named(round: Round, slug: str) -> Step:
    for step in steps_for(round):
        if step.slug == slug:
            return step
    raise Http404("No such question")


# Per client address (behind TRUSTED_PROXIES, the address the proxy saw), and generous: a college or a
# business centre behind one address can have dozens of applicants in an afternoon.
def post_limit() -> tuple[int, int]:
    return getattr(settings, "APPLY_RATE_LIMIT", (600, 600))


def submit_limit() -> tuple[int, int]:
    return getattr(settings, "APPLY_SUBMIT_RATE_LIMIT", (60, 3600))


def too_many(request, round: Round):
    response = render(request, "applications/apply/too_many.html", {"round": round}, status=429)
    response["Retry-After"] = "600"
    return response


def within_limit(request, *, submit: bool = False) -> bool:
    limit, window = submit_limit() if submit else post_limit()
    kind = "apply-submit" if submit else "apply-post"
    return ratelimit.allow(f"{kind}:{ratelimit.client_ip(request)}", limit=limit, window=window)


# Finding the round.


def open_rounds(round_slug: str, hub_slug: str | None = None):
    rounds = Round.objects.filter(slug=round_slug, status=Round.Status.OPEN).select_related("programme__hub")
    if hub_slug is not None:
        rounds = rounds.filter(programme__hub__slug=hub_slug)
    return list(rounds.order_by("programme__hub__name", "programme__name")[:10])


def get_open_round(hub_slug: str, round_slug: str) -> Round:
    rounds = open_rounds(round_slug, hub_slug)
    if len(rounds) != 1:
        raise Http404("This round is not open for applications")
    return rounds[0]


def urls_for(round: Round) -> dict:
    return {"hub_slug": round.programme.hub.slug, "round_slug": round.slug}


def step_url(round: Round, slug: str) -> str:
    return reverse("apply:step", kwargs={**urls_for(round), "step": slug})


# Answers in the session: each page's raw answers, as typed, under the round's key.


def session_key(round: Round) -> str:
    return f"apply-{round.pk}"


def saved(request, round: Round) -> dict:
    return request.session.get(session_key(round), {})


def save_step(request, round: Round, step: Step, form) -> None:
    answers = saved(request, round)
    answers[step.slug] = {name: values for name in form.fields if (values := form.data.getlist(name))}
    request.session[session_key(round)] = answers


def form_for(round: Round, step: Step, data: dict | None):
    if data is None:
        return step.form_class(round=round)
    return step.form_class(MultiValueDict(data), round=round)


def first_unanswered(request, round: Round) -> tuple[Step | None, dict]:
    """The first page whose saved answers are missing or no longer valid, and every valid page's form."""
    answers = saved(request, round)
    forms = {}
    for step in steps_for(round):
        form = form_for(round, step, answers.get(step.slug))
        if not form.is_bound or not form.is_valid():
            return step, forms
        forms[step.slug] = form
    return None, forms


@never_cache
def start(request, round_slug: str, hub_slug: str | None = None):
    rounds = open_rounds(round_slug, hub_slug)
    if not rounds:
        raise Http404("This round is not open for applications")
    if len(rounds) > 1:
        return render(request, "applications/apply/choose.html", {"rounds": rounds})
    round = rounds[0]
    districts = list(round.eligible_districts.order_by("name").values_list("name", flat=True))
    return render(
        request,
        "applications/apply/start.html",
        {"round": round, "districts": districts, "first_step": step_url(round, STEPS[0].slug)},
    )


@never_cache
@csrf_protect
def step(request, hub_slug: str, round_slug: str, step: str):
    round = get_open_round(hub_slug, round_slug)
    current = step_named(round, step)
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        if not within_limit(request):
            return too_many(request, round)
        form = current.form_class(request.POST, round=round)
        if form.is_valid():
            save_step(request, round, current, form)
            steps = steps_for(round)
            index = steps.index(current)
            if changing or index + 1 == len(steps):
                return redirect("apply:check", **urls_for(round))
            return redirect(step_url(round, steps[index + 1].slug))
    else:
        form = form_for(round, current, saved(request, round).get(current.slug))
    steps = steps_for(round)
    index = steps.index(current)
    back = (
        step_url(round, steps[index - 1].slug)
        if index
        else reverse("apply:start_in_hub", kwargs=urls_for(round))
    )
    context = {
        "round": round,
        "step": current,
        "form": form,
        "number": index + 1,
        "total": len(steps),
        "back": reverse("apply:check", kwargs=urls_for(round)) if changing else back,
        "changing": changing,
    }
    if current.slug == "sector":
        context.update(sector_context(request, form))
    return render(request, "applications/apply/step.html", context)


def sector_context(request, form) -> dict:
    """The SIC search works without JavaScript: a GET search box above radios of the matching codes."""
    search = SicSearch(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    results = sic.search(query, limit=25) if query else []
    chosen = sic.lookup(form["sic"].value() or "") if form.is_bound else None
    if chosen and chosen.code not in {r.code for r in results}:
        results.insert(0, chosen)
    return {"search": search, "query": query, "results": results}


class SicSearch(f.forms.Form):
    q = f.forms.CharField(label="Search for what your business does", max_length=100, required=False)


def summary(round: Round, forms: dict) -> list[dict]:
    """Check your answers: one row per question, with a link back to change it."""
    rows = []
    for step in steps_for(round):
        form = forms[step.slug]
        for name, value in display_answers(step.slug, form).items():
            rows.append(
                {"step": step, "label": name, "value": value, "url": step_url(round, step.slug) + "?change=1"}
            )
    return rows


def choice_label(field, value) -> str:
    return str(dict(field.choices).get(value, value))


def display_answers(slug: str, form) -> dict:
    data, fields = form.cleaned_data, form.fields
    if slug == "business":
        return {
            "Business name": data["business_name"],
            "Kind of business": choice_label(fields["legal_form"], data["legal_form"]),
            "Companies House number": data["company_number"] or "None",
            "Trading since": long_date(data["trading_since"]),
        }
    if slug == "size":
        return {"Employees": str(data["employees"]), "Turnover": money(data["turnover"])}
    if slug == "sector":
        code = sic.lookup(data["sic"])
        return {"What the business does": code.label if code and code.description else data["sic"]}
    if slug == "location":
        return {
            "Postcode": data["postcode"],
            "Council area": choice_label(fields["district"], data["district"]),
        }
    if slug == "leader":
        return {
            "Your name": data["leader_name"],
            "Your role": data["leader_role"],
            "Email address": data["email"],
            "Phone number": data["phone"],
        }
    if slug == "equality":
        return {
            field.label: choice_label(field, data[name]) if data[name] else "Not answered"
            for name, field in fields.items()
        }
    if slug == "challenges":
        themes = ", ".join(choice_label(fields["themes"], t) for t in data["themes"])
        return {
            "Challenges": themes or "None chosen",
            "Your challenge in your words": data["challenge"] or "None",
        }
    if slug == "preferences":
        return {
            "How you would like to meet": choice_label(fields["mode"], data["mode"]),
            "When you can meet": ", ".join(choice_label(fields["slots"], s) for s in data["slots"]),
            "Business profile": ", ".join(choice_label(fields["ownership"], o) for o in data["ownership"])
            or "None",
            "Business organisation": data["organisation"] or "None",
        }
    if slug == "subsidy":
        return {
            "Assistance already received": money(data["prior_assistance"]),
            "Stays within the allowance": "Yes" if data["within_threshold"] == "yes" else "No",
        }
    return {"Privacy notice": "Read and agreed"}


def answers_from(round: Round, forms: dict) -> ApplicationAnswers:
    def get(slug, name, default=None):
        form = forms.get(slug)
        return form.cleaned_data.get(name, default) if form else default

    location = forms["location"]
    district = location.districts.get(location.cleaned_data["district"])
    theme_slugs = get("challenges", "themes", [])
    within = get("subsidy", "within_threshold")
    return ApplicationAnswers(
        business_name=get("business", "business_name"),
        legal_form=get("business", "legal_form"),
        company_number=get("business", "company_number", ""),
        trading_since=get("business", "trading_since"),
        employees=get("size", "employees"),
        turnover_pence=get("size", "turnover"),
        sic=get("sector", "sic"),
        postcode=get("location", "postcode"),
        district=district,
        leader_name=get("leader", "leader_name"),
        leader_role=get("leader", "leader_role"),
        email=get("leader", "email"),
        phone=get("leader", "phone"),
        gender=get("equality", "gender", ""),
        age_band=get("equality", "age_band", ""),
        ethnicity=get("equality", "ethnicity", ""),
        disability=get("equality", "disability", ""),
        themes=list(round.themes.filter(slug__in=theme_slugs)),
        challenge=get("challenges", "challenge", ""),
        mode=get("preferences", "mode"),
        slots=get("preferences", "slots", []),
        ownership=get("preferences", "ownership", []),
        organisation=get("preferences", "organisation", ""),
        subsidy_within_threshold=None if within is None else within == "yes",
        subsidy_prior_assistance_pence=get("subsidy", "prior_assistance"),
        privacy_notice_version=round.privacy_notice_version,
    )


@never_cache
@csrf_protect
def check(request, hub_slug: str, round_slug: str):
    round = get_open_round(hub_slug, round_slug)
    missing, forms = first_unanswered(request, round)
    if missing is not None:
        return redirect(step_url(round, missing.slug))
    if request.method == "POST":
        if not within_limit(request, submit=True):
            return too_many(request, round)
        try:
            application = submit_application(round=round, answers=answers_from(round, forms))
            request.session[f"{session_key(round)}-done"] = application.reference
            request.session.pop(f"{session_key(round)}-repeat", None)
        except AlreadyApplied:
            request.session[f"{session_key(round)}-done"] = ""
            request.session[f"{session_key(round)}-repeat"] = forms["leader"].cleaned_data["email"]
        request.session.pop(session_key(round), None)
        return redirect("apply:confirmation", **urls_for(round))
    steps = steps_for(round)
    return render(
        request,
        "applications/apply/check.html",
        {"round": round, "rows": summary(round, forms), "back": step_url(round, steps[-1].slug)},
    )


@never_cache
def confirmation(request, hub_slug: str, round_slug: str):
    round = get_open_round(hub_slug, round_slug)
    key = f"{session_key(round)}-done"
    if key not in request.session:
        raise Http404("No application has been sent from this browser")
    reference = request.session[key]
    application = decision = None
    if reference:
        application = (
            Application.objects.filter(round=round, reference=reference).select_related("leader").first()
        )
        decision = latest_decision(application) if application else None
    return render(
        request,
        "applications/apply/confirmation.html",
        {
            "round": round,
            "hub": round.programme.hub,
            "application": application,
            "decision": decision,
            "repeat_email": request.session.get(f"{session_key(round)}-repeat", ""),
        },
    )
