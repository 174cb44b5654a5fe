"""Two-factor sign-in: the code after the password, recovery codes, set-up, the requirement by role, the
demo setting, and a hub admin's reset."""

import os
import subprocess
import sys

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from peernet.accounts import two_factor
from peernet.accounts.models import AuditEntry, Role, User
from tests import factories
from tests.factories import PASSWORD
from tests.html import text

SIGN_IN = "/account/sign-in/"
CODE = "/account/sign-in/code/"
SET_UP = "/account/two-factor/"


def current_code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def turn_on(user) -> tuple[TOTPDevice, list[str]]:
    device = two_factor.start(user)
    codes = two_factor.confirm(user=user, device=device, code=current_code(device, drift=-1))
    return device, codes


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_OPTIONAL_FOR_DEMO = False


@pytest.fixture
def manager(hub):
    return factories.UserFactory(email="manager@boost.example", role=Role.PROGRAMME_MANAGER, hub=hub)


def sign_in(client, user, **data):
    return client.post(SIGN_IN, {"username": user.email, "password": PASSWORD, **data})


def test_sign_in_asks_for_the_code_after_the_password(client, manager, required):
    device, _ = turn_on(manager)

    after_password = sign_in(client, manager, next="/people/")
    blocked = client.get("/people/")
    code_page = client.get(blocked["Location"])
    after_code = client.post(CODE, {"code": current_code(device), "next": "/people/"})

    assert after_password["Location"] == "/people/"
    assert blocked.status_code == 302
    assert blocked["Location"] == "/account/sign-in/code/?next=%2Fpeople%2F"
    assert 'for="id_code">Code from your authenticator app</label>' in code_page.content.decode()
    assert after_code.status_code == 302
    assert after_code["Location"] == "/people/"
    assert client.get("/").status_code == 200


def test_with_the_demo_setting_someone_with_two_factor_on_still_needs_the_code(client, manager, settings):
    settings.TWO_FACTOR_OPTIONAL_FOR_DEMO = True
    turn_on(manager)

    sign_in(client, manager)

    assert client.get("/")["Location"] == "/account/sign-in/code/?next=%2F"


def test_a_wrong_code_is_refused_and_counts_as_a_failed_sign_in(client, manager, required):
    turn_on(manager)
    sign_in(client, manager)

    response = client.post(CODE, {"code": "000000"})
    for _ in range(9):
        client.post(CODE, {"code": "000000"})
    held = client.post(CODE, {"code": "000000"})

    assert "Enter the code your authenticator app shows now, or a recovery code" in text(
        response.content.decode()
    )
    assert "You have tried to sign in too many times" in text(held.content.decode())
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("after", ["people", "１２", "https://evil.example/", "//evil.example/"])
def test_after_the_code_a_next_address_that_is_not_a_path_here_goes_home(client, manager, required, after):
    device, _ = turn_on(manager)
    sign_in(client, manager)

    entered = client.post(CODE, {"code": current_code(device), "next": after})
    # Signed in already: the code page sends on at once, by the same rule.
    again = client.get(CODE, {"next": after})

    assert (entered.status_code, entered["Location"]) == (302, "/")
    assert (again.status_code, again["Location"]) == (302, "/")


def test_the_code_page_posted_empty_says_what_is_missing(client, manager, required):
    turn_on(manager)
    sign_in(client, manager)

    response = client.post(CODE, {})

    assert response.status_code == 200
    assert "Enter the code from your authenticator app" in text(response.content.decode())


def test_a_recovery_code_works_once(client, manager, required):
    _, codes = turn_on(manager)

    sign_in(client, manager)
    first = client.post(CODE, {"code": codes[0].upper()})
    client.post("/account/sign-out/")
    sign_in(client, manager)
    second = client.post(CODE, {"code": codes[0]})

    assert first.status_code == 302
    assert second.status_code == 200
    assert client.get("/").status_code == 302


def test_a_required_role_without_two_factor_is_sent_to_set_it_up_before_any_page(client, hub, required):
    admin = factories.UserFactory(email="admin@boost.example", role=Role.HUB_ADMIN, hub=hub)
    sign_in(client, admin)

    for url in ("/", "/people/", "/account/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == SET_UP
    assert client.get(SET_UP).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.HUB_ADMIN, Role.PROGRAMME_MANAGER, Role.PARTNER_MANAGER, Role.NATIONAL_VIEWER]
)
def test_each_required_role_needs_two_factor(role, make_user, hub, settings):
    settings.TWO_FACTOR_OPTIONAL_FOR_DEMO = False
    partner = factories.DeliveryPartnerFactory(hub=hub) if role == Role.PARTNER_MANAGER else None
    user = make_user(role, hub, delivery_partner=partner)

    assert two_factor.is_required(user) is True


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.PARTICIPANT, Role.BOARD_MEMBER])
def test_other_roles_are_offered_two_factor_but_not_made_to(role, client, hub, required):
    partner = factories.DeliveryPartnerFactory(hub=hub) if role == Role.FACILITATOR else None
    user = factories.UserFactory(email="person@boost.example", role=role, hub=hub, delivery_partner=partner)

    sign_in(client, user)

    assert client.get("/account/").status_code == 200
    assert "Turn on" in text(client.get("/account/").content.decode())


def test_the_demo_setting_lets_required_roles_in_with_a_password_alone(client, manager, settings):
    settings.TWO_FACTOR_OPTIONAL_FOR_DEMO = True

    sign_in(client, manager)

    assert client.get("/").status_code == 200


def test_the_demo_setting_is_off_unless_the_environment_turns_it_on():
    # A fresh interpreter reads settings.py as a deployment does, outside the tests.
    env = {key: value for key, value in os.environ.items() if key != "TWO_FACTOR_OPTIONAL_FOR_DEMO"}
    script = "import peernet.settings as s; print(s.TESTING, s.TWO_FACTOR_OPTIONAL_FOR_DEMO)"

    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.split() == ["False", "False"]


def test_set_up_shows_a_qr_code_and_the_secret_then_ten_recovery_codes_once(client, manager, required):
    client.force_login(manager)

    page = client.get(SET_UP).content.decode()
    device = TOTPDevice.objects.get(user=manager)
    done = client.post(SET_UP, {"code": current_code(device)})
    again = client.get(SET_UP)

    assert '<img src="data:image/svg+xml' in page
    assert two_factor.secret_text(device) in page
    codes = text(done.content.decode())
    assert "Two-factor sign-in is on" in codes
    assert done.content.decode().count("<li><code>") == 10
    assert two_factor.is_on(manager)
    assert client.get("/").status_code == 200  # this session entered a code
    assert "<code>" not in again.content.decode()
    assert AuditEntry.objects.filter(action="user.two_factor_on").count() == 1


def test_set_up_with_a_wrong_code_leaves_two_factor_off(client, manager, required):
    client.force_login(manager)
    client.get(SET_UP)

    response = client.post(SET_UP, {"code": "000000"})

    assert "Enter the 6 numbers your authenticator app shows now" in text(response.content.decode())
    assert not two_factor.is_on(manager)


def test_between_password_and_code_the_set_up_page_cannot_add_another_app(client, manager, required):
    turn_on(manager)
    sign_in(client, manager)

    response = client.get(SET_UP)

    assert response["Location"] == "/account/sign-in/code/?next=%2Faccount%2Ftwo-factor%2F"


def test_an_operator_needs_two_factor_for_the_admin(client, required, db):
    User.objects.create_superuser("ops@peernetworks.example", PASSWORD, full_name="Ops")
    client.post("/admin/login/", {"username": "ops@peernetworks.example", "password": PASSWORD})

    assert client.get("/admin/")["Location"] == SET_UP


def test_a_hub_admin_resets_a_colleagues_two_factor(client, hub, manager, required):
    admin = factories.UserFactory(email="admin@boost.example", role=Role.HUB_ADMIN, hub=hub)
    turn_on(admin)
    turn_on(manager)
    sign_in(client, admin)
    client.post(CODE, {"code": two_factor.new_recovery_codes(admin)[0]})
    url = f"/account/people/{manager.pk}/reset-two-factor/"

    page = client.get(url)
    response = client.post(url)

    assert "Reset two-factor sign-in for" in text(page.content.decode())
    assert response.status_code == 302
    assert response["Location"] == f"/people/{manager.pk}/"
    assert not two_factor.is_on(manager)
    entry = AuditEntry.objects.get(action="user.two_factor_reset")
    assert (entry.actor, entry.object_id, entry.hub) == (admin, str(manager.pk), hub)


def test_reset_two_factor_is_refused_to_other_roles_and_other_hubs(client, hub, other_hub, manager):
    colleague = factories.UserFactory(email="colleague@boost.example", role=Role.PROGRAMME_MANAGER, hub=hub)
    outsider = factories.UserFactory(email="admin@other.example", role=Role.HUB_ADMIN, hub=other_hub)
    turn_on(manager)
    url = f"/account/people/{manager.pk}/reset-two-factor/"

    client.force_login(colleague)
    by_colleague = client.post(url)
    client.force_login(outsider)
    by_outsider = client.post(url)

    assert by_colleague.status_code == 403
    assert by_outsider.status_code == 404
    assert two_factor.is_on(manager)


def test_new_recovery_codes_replace_the_old_ones(client, manager, required):
    device, old = turn_on(manager)
    sign_in(client, manager)
    client.post(CODE, {"code": current_code(device)})

    response = client.post("/account/two-factor/recovery-codes/")
    client.post("/account/sign-out/")
    sign_in(client, manager)
    with_old = client.post(CODE, {"code": old[1]})

    assert "New recovery codes made" in text(response.content.decode())
    assert response.content.decode().count("<li><code>") == 10
    assert with_old.status_code == 200
    assert AuditEntry.objects.filter(action="user.recovery_codes_renewed").count() == 1


def test_new_recovery_codes_need_a_session_that_entered_a_code(client, manager, settings):
    settings.TWO_FACTOR_OPTIONAL_FOR_DEMO = True
    turn_on(manager)
    client.force_login(manager)
    session = client.session
    session.pop(two_factor.PENDING, None)
    session.save()

    response = client.post("/account/two-factor/recovery-codes/")

    assert response.status_code == 403


def test_a_persons_page_links_hub_admins_only_to_the_reset(client, hub, manager):
    admin = factories.UserFactory(email="admin@boost.example", role=Role.HUB_ADMIN, hub=hub)
    colleague = factories.UserFactory(email="colleague@boost.example", role=Role.PROGRAMME_MANAGER, hub=hub)
    link = f'href="/account/people/{manager.pk}/reset-two-factor/"'

    client.force_login(admin)
    for_admin = client.get(f"/people/{manager.pk}/").content.decode()
    client.force_login(colleague)
    for_colleague = client.get(f"/people/{manager.pk}/").content.decode()

    assert link in for_admin
    assert link not in for_colleague
