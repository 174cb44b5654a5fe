"""Every form a person fills in, fuzzed through the real pages: the public application form's questions, hub
staff's review, rules, import, cohort-forming and programme set-up forms, the people pages and invitations,
signing in with its two-factor code, and password resets. Hostile text (any Unicode,
control characters, NUL, very long answers, digits of other scripts, markup), lists where one answer is
expected, fields left out and fields added. A page never answers 5xx: a form with a wrong answer comes back
with its error summary and keeps what was typed; a right one moves on."""

import contextlib
import csv
import datetime as dt
import io
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import quote, unquote, urlencode

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from peernet.accounts import invitations, two_factor
from peernet.applications import closing, imports
from peernet.applications.models import Application, ImportJob
from peernet.middleware import CONTROL
from peernet.text import clean
from tests import factories
from tests.cohorts.pools import proposed_cohort, waiting_pool

pytestmark = pytest.mark.fuzz

# A few dozen examples a form, with a fixed seed: each form's test takes a second or two, the module well
# under a minute, and a failure comes back on the next run.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# What people paste, what a script sends, and what breaks parsers.
NASTY = [
    "",
    " ",
    "\x00",
    "Ribble\x00Joinery",
    "line one\r\nline two",
    "\t\x0b\x0c",
    "\x1b[31mred\x1b[0m",
    "\x7f\x85\x9f",
    "\u200b\u200d\ufeff",
    "\u202egnp.exe",
    "\ufffe\uffff",
    "١٢",
    "１２",
    "१२३४५",
    "²³",
    "𝟏𝟐",
    "Ⅻ",
    "-1",
    "0",
    "1e400",
    "NaN",
    "-inf",
    "99999999999999999999999999999",
    "12.5",
    "1,2,3",
    "£1,000,000.999",
    "31 2 2020",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "{{ 7|add:7 }}",
    "a" * 100_000,
    "9" * 10_000,
    "😀" * 1_000,
    "e\u0301" * 50,
]
# Valid addresses and links longer than the database columns that keep them (254 and 200 characters).
LONG_EMAIL = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "com"
LONG_URL = "https://meet.example.org/" + "a" * 300
TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(NASTY),
    st.integers().map(str),
    st.floats().map(str),
)
# One answer, or several where the form expects one (or one where it expects several).
ANSWER = st.one_of(TEXT, TEXT, TEXT, st.lists(TEXT, min_size=1, max_size=3))
FIELD_NAME = st.one_of(st.text(min_size=1, max_size=30), st.sampled_from(["csrfmiddlewaretoken", "id", "pk"]))


def form_data(plausible: dict) -> st.SearchStrategy[dict]:
    """A form's answers: all plausible, all plausible but one (wrong or left out), or anything at all (each
    field often left out, plausible or hostile); each with a few fields the form does not have."""
    extra = st.dictionaries(FIELD_NAME, ANSWER, max_size=2)
    plausible_answers = st.fixed_dictionaries(plausible)

    def spoil(answers: dict, name: str, wrong, left_out: bool) -> dict:
        answers = dict(answers)
        if left_out:
            answers.pop(name)
        else:
            answers[name] = wrong
        return answers

    one_wrong = st.builds(spoil, plausible_answers, st.sampled_from(sorted(plausible)), ANSWER, st.booleans())
    anything = st.fixed_dictionaries(
        {}, optional={name: st.one_of(strategy, ANSWER) for name, strategy in plausible.items()}
    )
    answers = st.one_of(plausible_answers, one_wrong, anything)
    return st.builds(lambda extra, answers: {**extra, **answers}, extra, answers)


def any_form(forms: dict[str, tuple[dict, str | None]]) -> st.SearchStrategy[tuple[str, dict]]:
    """One of several forms (each its plausible answers and the text field it keeps), and answers to it."""
    return st.sampled_from(sorted(forms)).flatmap(
        lambda key: st.tuples(st.just(key), form_data(forms[key][0]))
    )


def post(client, url: str, data: dict, *, encoded: bool, **extra):
    """A POST as a browser sends it: urlencoded, or multipart as the test client does by default."""
    if encoded:
        return client.post(
            url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded", **extra
        )
    return client.post(url, data, **extra)


@contextlib.contextmanager
def rolled_back():
    """Each example starts from the same records and rate limits: what it saved is undone when it ends."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class Typed(HTMLParser):
    """What a page's forms show in each text box or text area named `name`."""

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.values: list[str] = []
        self.in_textarea = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("name") != self.name:
            return
        if tag == "input":
            self.values.append(attrs.get("value") or "")
        elif tag == "textarea":
            self.values.append("")
            self.in_textarea = True

    def handle_endtag(self, tag):
        if tag == "textarea" and self.in_textarea:
            # Its first line break is the HTML's own, dropped as a browser drops it.
            self.values[-1] = self.values[-1].removeprefix("\n")
            self.in_textarea = False

    def handle_data(self, data):
        if self.in_textarea:
            self.values[-1] += data


def shown(page: str, name: str) -> list[str]:
    """The text in each box named `name`."""
    parser = Typed(name)
    parser.feed(page)
    parser.close()
    return parser.values


def assert_answered(response, data: dict, kept: str | None = None, done: str | None = None) -> None:
    """No server error: a redirect, the page of what was done (a 200 showing `done`), or the page again with
    its error summary, keeping the text typed into the field `kept` (when one answer was sent for it)."""
    assert response.status_code < 500
    if response.status_code == 302:
        return
    assert response.status_code in (200, 400), response.status_code
    page = response.content.decode()
    if done is not None and response.status_code == 200 and done in page:
        return
    assert "govuk-error-summary" in page
    if kept is not None and isinstance(data.get(kept), str):
        typed = data[kept]
        assert {typed, typed.replace("\r\n", "\n")} & set(shown(page, kept)), kept


# The public application form: each question page, with the text field whose answer a wrong page keeps.

BASE = "/apply/boost/round-3"


@pytest.fixture
def round_3(hub):
    programme = factories.ProgrammeFactory(hub=hub, name="Peer Networks", slug="peer-networks")
    round_ = factories.RoundFactory(programme=programme, number=3, name="Round 3", slug="round-3")
    preston = factories.DistrictFactory(hub=hub, name="Preston", travel_area="Central Lancashire")
    round_.eligible_districts.add(preston)
    round_.themes.add(factories.ThemeFactory(hub=hub, slug="staffing", name="Staffing and recruitment"))
    return round_


def step_fields(round_) -> dict[str, tuple[dict, str | None]]:
    preston = round_.eligible_districts.get()
    digits = st.integers(min_value=-10, max_value=10**7).map(str)
    return {
        "business": (
            {
                "business_name": st.just("Ribble Valley Joinery Ltd"),
                "legal_form": st.sampled_from(["limited_company", "sole_trader", "partnership"]),
                "company_number": st.sampled_from(["01234567", "SC123456", ""]),
                "trading_day": st.integers(1, 28).map(str),
                "trading_month": st.integers(1, 12).map(str),
                "trading_year": st.integers(1990, 2020).map(str),
            },
            "business_name",
        ),
        "size": ({"employees": digits, "turnover": digits}, "employees"),
        "sector": ({"sic": st.sampled_from(["16230", "01110", "99999", "1623"])}, None),
        "location": (
            {"postcode": st.sampled_from(["PR1 2HE", "pr12he"]), "district": st.just(str(preston.pk))},
            "postcode",
        ),
        "leader": (
            {
                "leader_name": st.just("Amira Shah"),
                "leader_role": st.just("Managing director"),
                "email": st.sampled_from(["amira@example.com", "Amira@Example.COM", "amira@"]),
                "phone": st.sampled_from(["01772 123456", "+44 1772 123456"]),
            },
            "leader_name",
        ),
        "equality": ({"gender": st.just("woman"), "age_band": st.just("prefer_not")}, None),
        "challenges": (
            {"themes": st.lists(st.sampled_from(["staffing", "exporting"])), "challenge": TEXT},
            "challenge",
        ),
        "preferences": (
            {
                "mode": st.sampled_from(["online", "in_person", "either"]),
                "slots": st.lists(st.sampled_from(["tue-am", "thu-pm"]), min_size=1, max_size=2),
                "ownership": st.lists(st.sampled_from(["women-led", "family"]), max_size=2),
                "organisation": st.just("FSB"),
            },
            "organisation",
        ),
        "subsidy": (
            {"prior_assistance": digits, "within_threshold": st.sampled_from(["yes", "no"])},
            "prior_assistance",
        ),
        "consent": ({"consent": st.sampled_from(["on", "true", "1"])}, None),
    }


STEPS = [
    "business",
    "size",
    "sector",
    "location",
    "leader",
    "equality",
    "challenges",
    "preferences",
    "subsidy",
    "consent",
]


@pytest.mark.parametrize("step", STEPS)
def test_a_question_page_answers_any_input_without_a_server_error(client, round_3, step):
    plausible, kept = step_fields(round_3)[step]

    @FUZZ
    @given(data=form_data(plausible), encoded=st.booleans(), change=st.booleans())
    def answer(data, encoded, change):
        with rolled_back():
            url = f"{BASE}/{step}/" + ("?change=1" if change else "")
            assert_answered(post(client, url, data, encoded=encoded), data, kept)

    answer()


# Whatever Unicode a person's answers hold, the application sent keeps them as they were typed, less only the
# control characters nobody can see.
WORDS = st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=100).filter(
    lambda words: clean(words).strip()
)


def test_an_application_in_any_script_is_sent_and_kept(client, round_3):
    preston = round_3.eligible_districts.get()

    # Each example sends a whole application: fewer of them.
    @settings(FUZZ, max_examples=10)
    @given(
        business_name=WORDS,
        leader_name=WORDS,
        organisation=WORDS,
        challenge=st.text(st.characters(exclude_characters="\x00"), max_size=2000),
    )
    def apply(business_name, leader_name, organisation, challenge):
        pages = {
            "business": {
                "business_name": business_name,
                "legal_form": "sole_trader",
                "trading_day": "1",
                "trading_month": "4",
                "trading_year": "2015",
            },
            "size": {"employees": "12", "turnover": "450000"},
            "sector": {"sic": "16230"},
            "location": {"postcode": "PR1 2HE", "district": str(preston.pk)},
            "leader": {
                "leader_name": leader_name,
                "leader_role": "Owner",
                "email": "amira@example.com",
                "phone": "01772 123456",
            },
            "equality": {},
            "challenges": {"challenge": challenge},
            "preferences": {"mode": "online", "slots": ["tue-am"], "organisation": organisation},
            "subsidy": {"prior_assistance": "0", "within_threshold": "yes"},
            "consent": {"consent": "on"},
        }
        with rolled_back():
            for step, data in pages.items():
                response = client.post(f"{BASE}/{step}/", data)
                assert response.status_code == 302, (step, response.content.decode()[:2000])
            sent = client.post(f"{BASE}/check/")
            assert sent.status_code == 302
            assert client.get(sent["Location"]).status_code == 200

            application = Application.objects.get()
            assert (application.business_name, application.leader_name, application.organisation) == (
                clean(business_name).strip(),
                clean(leader_name).strip(),
                clean(organisation).strip(),
            )

    apply()


# Hub staff's forms, signed in as the round's programme manager.


@pytest.fixture
def staff(client, world):
    client.force_login(world.manager)
    return client


@pytest.fixture
def application(world):
    return factories.ApplicationFactory(round=world.round, leader__hub=world.hub)


def in_address(query: dict) -> bool:
    """Whether a GET with this query holds a control character, which the middleware refuses."""
    words = [
        *query,
        *(v for value in query.values() for v in (value if isinstance(value, list) else [value])),
    ]
    return any(CONTROL.search(word) for word in words)


def district_ids(world) -> st.SearchStrategy:
    ids = [str(pk) for pk in world.hub.districts.values_list("pk", flat=True)] or ["1"]
    return st.lists(st.sampled_from(ids), max_size=2)


def test_the_review_queue_and_its_exports_take_any_filter(staff, world, application):
    url = f"/rounds/{world.round.pk}/applications/"
    filters = form_data(
        {
            "q": st.sampled_from([application.reference, application.business_name[:5], ""]),
            "status": st.sampled_from(Application.Status.values),
            "district": district_ids(world).map(lambda ids: ids[:1]),
            "sector": st.sampled_from(["Manufacturing", "Retail"]),
            "outcome": st.sampled_from(["eligible", "ineligible", "none"]),
            "rule": st.sampled_from(["employees", "district", "sic"]),
            "duplicates": st.sampled_from(["on", ""]),
            "page": st.integers(min_value=-2, max_value=10**30).map(str),
        }
    )

    @FUZZ
    @given(query=filters, export=st.sampled_from(["", "export.csv", "export.xlsx"]))
    def filter_queue(query, export):
        with rolled_back():
            response = staff.get(url + export, query)

            if in_address(query):
                # Refused before any view reads the address.
                assert response.status_code == 400
            else:
                assert response.status_code == 200
            if response.status_code == 200 and not export and isinstance(query.get("q"), str):
                assert query["q"] in shown(response.content.decode(), "q")

    filter_queue()


def test_override_withdraw_and_decide_again_take_any_input(staff, world, application):
    base = f"/rounds/{world.round.pk}/applications/{application.reference}/"
    reasons = st.sampled_from(["Evidence of 7 employees seen on payroll", ""])
    outcomes = st.sampled_from(["eligible", "ineligible", "waiting"])

    @FUZZ
    @given(
        action=st.sampled_from(["override", "withdraw", "decide"]),
        data=form_data({"outcome": outcomes, "reason": reasons}),
        encoded=st.booleans(),
    )
    def act(action, data, encoded):
        with rolled_back():
            response = post(staff, base + f"{action}/", data, encoded=encoded)

            assert_answered(response, data, kept="reason")

    act()


def test_the_eligibility_rules_form_takes_any_input(staff, world):
    url = f"/rounds/{world.round.pk}/eligibility/"
    counts = st.integers(min_value=-5, max_value=10**6).map(str)
    rules = form_data(
        {
            "eligible_districts": district_ids(world),
            "min_months_trading_over": counts,
            "min_employees": counts,
            "max_employees": counts,
            "min_turnover_over_pence": st.sampled_from(["100000", "£100,000", "1321.10"]),
            "excluded_sic_prefixes": st.sampled_from(["01, 64191, 92", ""]),
            "one_leader_per_business": st.sampled_from(["on", ""]),
            "subsidy_regime": st.sampled_from(["mfa", "de_minimis", "none"]),
            "cost_per_place_pence": st.sampled_from(["1500", "0"]),
            "subsidy_threshold_pence": st.sampled_from(["315000", "0"]),
            "subsidy_wording": TEXT,
            "privacy_notice_version": st.sampled_from(["1.0", "2"]),
        }
    )

    @FUZZ
    @given(data=rules, encoded=st.booleans())
    def change_rules(data, encoded):
        with rolled_back():
            assert_answered(post(staff, url, data, encoded=encoded), data, kept="min_employees")

    change_rules()


def csv_file(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def xlsx_file(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# A header naming the import's columns (some, or one twice), then rows of hostile cells.
TABLE = st.builds(
    lambda header, rows: [header, *rows],
    st.lists(st.sampled_from(imports.COLUMNS), min_size=1, max_size=len(imports.COLUMNS) + 1),
    st.lists(st.lists(TEXT, max_size=len(imports.COLUMNS) + 2), max_size=3),
)
UPLOAD = st.one_of(
    st.tuples(st.sampled_from(["applicants.csv", "applicants.CSV", "applicants.txt", ".csv"]), st.binary()),
    st.tuples(st.just("applicants.csv"), TABLE.map(csv_file)),
    st.tuples(st.just("applicants.xlsx"), TABLE.map(xlsx_file)),
    st.tuples(st.just("applicants.xlsx"), st.binary().map(lambda b: b"PK\x03\x04" + b)),
    st.tuples(TEXT.map(lambda name: name[:200] + ".csv"), st.binary(max_size=50)),
)


def test_the_import_form_takes_any_file(staff, world, django_capture_on_commit_callbacks):
    url = f"/rounds/{world.round.pk}/import/"

    @FUZZ
    @given(upload=st.one_of(st.none(), UPLOAD), data=form_data({"notify": st.just("on")}))
    def upload_file(upload, data):
        with rolled_back():
            if upload is not None:
                data = {**data, "file": SimpleUploadedFile(upload[0], upload[1])}
            with django_capture_on_commit_callbacks(execute=True):
                response = staff.post(url, data)

            assert_answered(response, data)
            if response.status_code == 302:
                # The file was taken and its job has run: it finished, in words, whatever the file held.
                job = ImportJob.objects.get()
                assert job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED)
                assert staff.get(response["Location"]).status_code == 200

    upload_file()


# The round's forming pages: a waiting pool, two cohorts proposed from it.


@pytest.fixture
def forming(world):
    people = waiting_pool(world.round, 12)
    # The first is big enough to confirm (Round's smallest cohort is 8), the second is not.
    first = proposed_cohort(world.round, people[:8], name="Tuesday makers")
    second = proposed_cohort(world.round, people[8:10], name="Tuesday traders")
    return SimpleNamespace(people=people, first=first, second=second)


def test_moves_are_checked_and_saved_for_any_input(staff, world, forming):
    url = f"/rounds/{world.round.pk}/cohorts/move/"
    references = [a.reference for a in forming.people]
    move = form_data(
        {
            "application": st.sampled_from(references),
            "to": st.sampled_from(["waiting", forming.first.code, forming.second.code]),
        }
    )

    @FUZZ
    @given(data=move, method=st.sampled_from(["get", "post"]), htmx=st.booleans())
    def try_move(data, method, htmx):
        with rolled_back():
            headers = {"HX-Request": "true"} if htmx else {}
            if method == "get":
                response = staff.get(url, data, headers=headers)
                if in_address(data):
                    assert response.status_code == 400
                    return
            else:
                response = post(staff, url, data, encoded=False, headers=headers)

            assert response.status_code < 500
            if not htmx:
                assert_answered(response, data, done="Check a move")

    try_move()


def test_lock_and_pin_take_any_input(staff, world, forming):
    base = f"/rounds/{world.round.pk}/cohorts/{forming.first.code}/"
    pinned = forming.people[0].reference

    @FUZZ
    @given(
        action=st.sampled_from(["lock/", f"pin/{pinned}/"]),
        data=form_data({"locked": st.sampled_from(["1", "0"]), "pinned": st.sampled_from(["1", "0"])}),
        encoded=st.booleans(),
    )
    def press(action, data, encoded):
        with rolled_back():
            response = post(staff, base + action, data, encoded=encoded)

            assert response.status_code == 302

    press()


SHAPE = {
    "slot": st.sampled_from(["tue-am", "thu-pm", "sun-am"]),
    "mode": st.sampled_from(["online", "in_person", "either"]),
    "area": st.sampled_from(["Central Lancashire", ""]),
}


def test_a_cohort_built_by_hand_takes_any_input(staff, world, forming):
    url = f"/rounds/{world.round.pk}/cohorts/new/"
    cohort = form_data(
        {
            **SHAPE,
            "name": st.just("Food manufacturers, Tuesday mornings"),
            "basis": st.sampled_from(["open", "sector", "ownership", "organisation"]),
            "basis_value": st.sampled_from(["Manufacturing", ""]),
        }
    )

    @FUZZ
    @given(data=cohort, encoded=st.booleans())
    def start(data, encoded):
        with rolled_back():
            assert_answered(post(staff, url, data, encoded=encoded), data, kept="name")

    start()


def test_a_partner_led_cohort_takes_any_input(staff, world, forming):
    url = f"/rounds/{world.round.pk}/cohorts/new-partner-led/"
    cohort = form_data(
        {
            **SHAPE,
            "partner": st.just(str(world.partner.pk)),
            "organisation": st.sampled_from(["FSB", "fsb"]),
            "name": st.just("FSB members"),
        }
    )

    @FUZZ
    @given(data=cohort, encoded=st.booleans())
    def start(data, encoded):
        with rolled_back():
            assert_answered(post(staff, url, data, encoded=encoded), data, kept="name", done="started")

    start()


def test_confirming_a_cohort_takes_any_input(staff, world, forming):
    url = f"/rounds/{world.round.pk}/cohorts/{forming.first.code}/confirm/"
    facilitator = world.cohort.facilitator
    soon = timezone.localdate() + dt.timedelta(days=30)
    confirmation = form_data(
        {
            "partner": st.just(str(world.partner.pk)),
            "facilitator": st.just(str(facilitator.pk)),
            "starts_on": st.sampled_from(
                [f"{soon:%d %m %Y}", f"{soon:%Y-%m-%d}", f"{soon:%d %B %Y}", "31 2 2031"]
            ),
            "venue": st.just("Preston Business Centre"),
            "online_link": st.sampled_from(
                ["https://meet.example.org/abc", "meet.example.org", "", LONG_URL]
            ),
        }
    )

    @FUZZ
    @given(data=confirmation, encoded=st.booleans())
    @example(
        data={
            "partner": str(world.partner.pk),
            "facilitator": str(facilitator.pk),
            "starts_on": f"{soon:%d %m %Y}",
            "online_link": LONG_URL,
        },
        encoded=False,
    )
    def confirm(data, encoded):
        with rolled_back():
            # The cohort meets online: the page asks for the link, not a venue.
            assert_answered(post(staff, url, data, encoded=encoded), data, kept="online_link")

    confirm()


# Signing in: any address and password, and where to go next.


def test_the_sign_in_form_takes_any_input(client, world):
    email = world.manager.email
    credentials = form_data(
        {
            "username": st.sampled_from([email, email.upper(), "nobody@example.com"]),
            "password": st.sampled_from([factories.PASSWORD, "wrong"]),
            "next": st.sampled_from(["/applications/", "https://evil.example/", "//evil.example"]),
        }
    )

    @FUZZ
    @given(data=credentials, encoded=st.booleans())
    def sign_in(data, encoded):
        with rolled_back():
            client.logout()
            response = post(client, "/account/sign-in/", data, encoded=encoded)

            assert_answered(response, data, kept="username")
            if response.status_code == 302:
                assert not response["Location"].startswith(("http", "//"))

    sign_in()


# Two-factor sign-in: the code after the password, and the first code that turns it on.


def app_code(device, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def test_two_factor_codes_take_any_input(client, world):
    # The manager has it on, with recovery codes; the hub admin sets it up.
    manager_device = two_factor.start(world.manager)
    # Turned on with the last code, so the app's code now is one not used yet.
    recovery = two_factor.confirm(
        user=world.manager, device=manager_device, code=app_code(manager_device, drift=-1)
    )
    setting_up = two_factor.start(world.hub_admin)
    forms = {
        "/account/sign-in/code/": (
            {
                "code": st.sampled_from([app_code(manager_device), recovery[0], "000000", "123 456"]),
                "next": st.sampled_from(["/people/", "https://evil.example/"]),
            },
            "code",
        ),
        "/account/two-factor/": ({"code": st.sampled_from([app_code(setting_up), "000000"])}, "code"),
    }

    @FUZZ
    @given(form=any_form(forms), encoded=st.booleans())
    def enter(form, encoded):
        url, data = form
        with rolled_back():
            client.logout()
            if url == "/account/two-factor/":
                client.force_login(world.hub_admin)
            else:
                # The password first: the code page asks only someone who has just given it.
                signed_in = client.post(
                    "/account/sign-in/", {"username": world.manager.email, "password": factories.PASSWORD}
                )
                assert signed_in.status_code == 302
            response = post(client, url, data, encoded=encoded)

            assert_answered(response, data, kept=forms[url][1], done="Two-factor sign-in is on")
            if response.status_code == 302:
                assert not response["Location"].startswith(("http", "//"))

    enter()


# Setting up a programme: rounds, partners with their contracts and facilitators, themes, the hub's details.

EMAILS = st.sampled_from(["fay@example.com", "Fay@Example.COM", "fay@", LONG_EMAIL])
DAYS = st.sampled_from(["1 4 2027", "2027-04-01", "1 April 2027", "31 2 2027", "1/4/27"])


def test_a_round_is_made_and_changed_with_any_input(staff, world):
    counts = st.integers(min_value=-1, max_value=40_000).map(str)
    hours = st.sampled_from(["18", "12.5", "-1", "1000", "1e3"])
    answers = form_data(
        {
            "programme": st.just(str(world.round.programme_id)),
            "name": st.just("Round 9"),
            "number": counts,
            "slug": st.sampled_from(["round-9", "", "Round 9"]),
            "funder": st.just("Department for Business and Trade"),
            "grant_pence": st.sampled_from(["390000", "£390,000.50"]),
            "starts_on": DAYS,
            "ends_on": DAYS,
            "applications_open_on": DAYS,
            "applications_close_on": DAYS,
            "planned_cohorts": counts,
            "planned_participants": counts,
            "cohort_min_size": counts,
            "cohort_max_size": counts,
            "scheduled_hours": hours,
            "completion_min_hours": hours,
            "output_min_support_hours": hours,
            "themes": st.lists(st.just("1"), max_size=1),
        }
    )

    @FUZZ
    @given(data=answers, edit=st.booleans(), encoded=st.booleans())
    def save(data, edit, encoded):
        with rolled_back():
            url = f"/rounds/{world.round.pk}/edit/" if edit else "/rounds/new/"
            assert_answered(post(staff, url, data, encoded=encoded), data, kept="name")

    save()


def test_partners_contracts_and_facilitators_take_any_input(staff, world):
    partner = factories.DeliveryPartnerFactory(hub=world.hub, name="Lancashire Chamber")
    forms = {
        "/partners/": (
            {
                "name": st.sampled_from(["Pennine Growth", "Red Rose Chamber"]),
                "kind": st.sampled_from(["chamber", "other", "university"]),
                "contact_name": st.just("Cara Contact"),
                "contact_email": EMAILS,
            },
            "name",
        ),
        f"/partners/{partner.pk}/#contract": (
            {
                "add_contract": st.just("1"),
                "round": st.just(str(world.round.pk)),
                "cohorts_awarded": st.sampled_from(["4", "0", "40000"]),
                "price_per_cohort_pence": st.sampled_from(["14000", "£14,000.00"]),
                "reference": st.just("C-2027-04"),
            },
            "reference",
        ),
        f"/partners/{partner.pk}/#facilitator": (
            {"full_name": st.just("Fay Facilitator"), "email": EMAILS, "phone": st.just("01772 000000")},
            "full_name",
        ),
    }

    @FUZZ
    @given(form=any_form(forms), encoded=st.booleans())
    @example(
        form=("/partners/", {"name": "Long Mail Ltd", "kind": "other", "contact_email": LONG_EMAIL}),
        encoded=False,
    )
    @example(
        form=(f"/partners/{partner.pk}/#facilitator", {"full_name": "Lee Long", "email": LONG_EMAIL}),
        encoded=False,
    )
    def add(form, encoded):
        key, data = form
        with rolled_back():
            url = key.partition("#")[0]
            assert_answered(post(staff, url, data, encoded=encoded), data, kept=forms[key][1])

    add()


def test_themes_and_the_hubs_contact_details_take_any_input(staff, world):
    forms = {
        "/themes/": ({"name": st.sampled_from(["Exporting", "Staffing and recruitment", "!!!"])}, "name"),
        "/hub/contact/": (
            {
                "contact_email": EMAILS,
                "contact_phone": st.just("0300 123 4567"),
                "contact_address": st.just("1 Winckley Square\r\nPreston"),
            },
            "contact_phone",
        ),
    }

    @FUZZ
    @given(form=any_form(forms), encoded=st.booleans())
    @example(form=("/hub/contact/", {"contact_email": LONG_EMAIL}), encoded=False)
    def save(form, encoded):
        url, data = form
        with rolled_back():
            assert_answered(post(staff, url, data, encoded=encoded), data, kept=forms[url][1])

    save()


# People: inviting someone, changing a role, and the invited person's own page.


def test_inviting_and_changing_roles_take_any_input(client, world):
    client.force_login(world.hub_admin)
    roles = st.sampled_from(["programme_manager", "facilitator", "partner_manager", "hub_admin", "board"])
    partner = st.just(str(world.partner.pk))
    forms = {
        "/people/invite/": (
            {
                "full_name": st.just("Iris Invited"),
                "email": EMAILS,
                "role": roles,
                "delivery_partner": partner,
            },
            "full_name",
        ),
        f"/people/{world.board.pk}/role/": ({"role": roles, "delivery_partner": partner}, None),
    }

    @FUZZ
    @given(form=any_form(forms), encoded=st.booleans())
    @example(
        form=("/people/invite/", {"full_name": "Lee Long", "email": LONG_EMAIL, "role": "programme_manager"}),
        encoded=False,
    )
    def save(form, encoded):
        url, data = form
        with rolled_back():
            assert_answered(post(client, url, data, encoded=encoded), data, kept=forms[url][1])

    save()


def path_part(text: str) -> str:
    return quote(text, safe="") or "x"


def test_an_invitation_link_takes_any_token_and_any_answers(client, world):
    invitation = invitations.invite(
        email="iris@example.com",
        role="programme_manager",
        hub=world.hub,
        full_name="Iris",
        by=world.hub_admin,
    )
    password = st.sampled_from(["correct horse battery staple", "short", "iris@example.com"])
    answers = form_data({"full_name": st.just("Iris Invited"), "password1": password, "password2": password})

    @FUZZ
    @given(token=st.one_of(st.just(invitation.token), TEXT.map(path_part)), data=answers, renew=st.booleans())
    def accept(token, data, renew):
        with rolled_back():
            client.logout()
            url = f"/account/invitation/{token}/" + ("new/" if renew else "")
            response = post(client, url, data, encoded=True)

            if CONTROL.search(unquote(token)):
                assert response.status_code == 400
            elif token != invitation.token:
                assert response.status_code == 404
            elif renew:
                assert response.status_code == 200
            else:
                assert_answered(response, data, kept="full_name")

    accept()


# Forgotten passwords: asking for a link, and choosing a new password from it.


def test_a_password_reset_takes_any_address_and_any_new_password(client, world):
    user = world.manager
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    link = f"/account/password-reset/{uid}/{token}/"
    password = st.sampled_from(["correct horse battery staple", "short", user.email])
    forms = {
        "ask": ({"email": st.sampled_from([user.email, "nobody@example.com", LONG_EMAIL])}, "email"),
        "choose": ({"new_password1": password, "new_password2": password}, None),
    }

    @FUZZ
    @given(form=any_form(forms), encoded=st.booleans())
    @example(form=("ask", {"email": LONG_EMAIL}), encoded=False)
    def reset(form, encoded):
        step, data = form
        with rolled_back():
            if step == "ask":
                response = post(client, "/account/password-reset/", data, encoded=encoded)
                assert_answered(response, data, kept="email")
            else:
                # The link puts its token in the session and sends the browser on to choose the password.
                choose = client.get(link)
                assert choose.status_code == 302
                assert_answered(post(client, choose["Location"], data, encoded=encoded), data)

    reset()


def test_a_password_reset_link_takes_any_address(client, world):
    @FUZZ
    @given(uid=TEXT.map(path_part), token=TEXT.map(path_part))
    def follow(uid, token):
        with rolled_back():
            response = client.get(f"/account/password-reset/{uid}/{token}/")

            assert response.status_code in (400, 200, 302)

    follow()


# The next round's offer to an applicant a closed round left waiting, and the public form's SIC search.


def test_the_next_round_offer_takes_any_token_and_any_answer(client, world, application):
    offer = closing.offer_token(application)

    @FUZZ
    @given(
        token=st.one_of(st.just(offer), TEXT.map(path_part)),
        data=form_data({"consent": st.just("on")}),
        method=st.sampled_from(["get", "post"]),
    )
    def answer(token, data, method):
        with rolled_back():
            url = f"/next-round/{token}/"
            response = client.get(url) if method == "get" else post(client, url, data, encoded=True)

            assert response.status_code < 500
            if CONTROL.search(unquote(token)):
                assert response.status_code == 400
            elif token != offer:
                assert response.status_code == 404

    answer()


def test_the_sic_search_takes_any_words(client, round_3):
    @FUZZ
    @given(query=form_data({"q": st.sampled_from(["joinery", "bakery", "62012"])}))
    def search(query):
        with rolled_back():
            response = client.get(f"{BASE}/sector/", query)

            if in_address(query):
                assert response.status_code == 400
            else:
                assert response.status_code == 200
                if isinstance(query.get("q"), str) and len(query["q"]) <= 100:
                    assert query["q"] in shown(response.content.decode(), "q")

    search()
