"""Platform operators: superusers made by a command, in no hub; only they open the Django admin, whose sign-in
is limited like the service's."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from peernet.accounts.models import AuditEntry, Role, User
from tests import factories
from tests.factories import PASSWORD
from tests.html import text

ADMIN_SIGN_IN = "/admin/login/"
OPERATOR_PASSWORD = "a long operator passphrase"


@pytest.fixture
def operator(db):
    return User.objects.create_superuser(
        "ops@peernetworks.example", OPERATOR_PASSWORD, full_name="Olu Operator"
    )


def create_operator(email: str, password: str = OPERATOR_PASSWORD, **options) -> str:
    out = io.StringIO()
    call_command("create_operator", email, "--full-name", "Olu Operator", "--no-input", stdout=out, **options)
    return out.getvalue()


def test_create_operator_makes_a_superuser_in_no_hub_with_no_role(db, monkeypatch):
    monkeypatch.setenv("OPERATOR_PASSWORD", OPERATOR_PASSWORD)

    output = create_operator("Ops@PeerNetworks.example")

    user = User.objects.get(email="ops@peernetworks.example")
    assert (user.is_superuser, user.is_staff, user.hub, user.role) == (True, True, None, "")
    assert user.full_name == "Olu Operator"
    assert authenticate(email="ops@peernetworks.example", password=OPERATOR_PASSWORD) == user
    assert output == "Created platform operator ops@peernetworks.example; they sign in at /admin/\n"


def test_create_operator_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("OPERATOR_PASSWORD", "password")

    with pytest.raises(CommandError, match="This password is too short"):
        create_operator("ops@peernetworks.example")

    assert not User.objects.exists()


def test_create_operator_without_a_password_in_no_input_mode_says_what_to_set(db, monkeypatch):
    monkeypatch.delenv("OPERATOR_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="Set OPERATOR_PASSWORD"):
        create_operator("ops@peernetworks.example")


def test_create_operator_refuses_an_address_already_in_use(hub, make_user, monkeypatch):
    make_user(Role.HUB_ADMIN, hub, email="admin@boost.example")
    monkeypatch.setenv("OPERATOR_PASSWORD", OPERATOR_PASSWORD)

    with pytest.raises(CommandError, match="admin@boost.example already has an account"):
        create_operator("admin@boost.example")

    assert not User.objects.get(email="admin@boost.example").is_superuser


def test_create_operator_prompts_for_the_password_twice(db, monkeypatch):
    answers = iter([OPERATOR_PASSWORD, OPERATOR_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    call_command("create_operator", "ops@peernetworks.example", "--full-name", "Olu", stdout=io.StringIO())

    assert User.objects.get(email="ops@peernetworks.example").check_password(OPERATOR_PASSWORD)


def test_create_superuser_gives_no_hub_role(operator):
    assert (operator.role, operator.hub, operator.is_staff) == ("", None, True)


def test_create_superuser_refuses_a_hub(hub):
    with pytest.raises(ValueError, match="Platform operators belong to no hub"):
        User.objects.create_superuser("x@boost.example", OPERATOR_PASSWORD, full_name="X", hub=hub)


def test_database_refuses_a_superuser_in_a_hub(hub, make_user):
    user = make_user(Role.HUB_ADMIN, hub)
    user.is_superuser = True

    with pytest.raises(IntegrityError), transaction.atomic():
        user.save()


def test_validation_explains_a_superuser_must_be_in_no_hub(hub, make_user):
    user = make_user(Role.HUB_ADMIN, hub)
    user.is_superuser = True

    with pytest.raises(ValidationError) as refused:
        user.full_clean()

    assert refused.value.messages == ["A superuser (a platform operator) has no hub and no role; remove both"]


def test_operator_can_open_the_admin_and_read_every_hub(client, operator, hub, other_hub):
    factories.UserFactory(email="someone@other.example", hub=other_hub)
    client.force_login(operator)

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 200
    assert "someone@other.example" in response.content.decode()


def test_operator_signs_in_to_the_admin_with_a_password(client, operator):
    response = client.post(
        ADMIN_SIGN_IN + "?next=/admin/",
        {"username": "ops@peernetworks.example", "password": OPERATOR_PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


OTHER_HUB_PAGES = [
    "/admin/",
    "/admin/accounts/user/",
    "/admin/accounts/user/?hub__id__exact={other_hub}",
    "/admin/accounts/user/{other_user}/change/",
    "/admin/accounts/auditentry/",
    "/admin/accounts/auditentry/{entry}/change/",
    "/admin/accounts/hub/{other_hub}/change/",
    "/admin/applications/leader/",
    "/admin/delivery/challenge/",
]


@pytest.mark.parametrize("role", list(Role))
def test_no_hub_role_reaches_another_hubs_records_through_the_admin(client, hub, other_hub, role):
    # Even with the staff flag set: the flag alone never opens the admin.
    user = factories.UserFactory(
        role=role,
        hub=None if role == Role.NATIONAL_VIEWER else hub,
        delivery_partner=factories.DeliveryPartnerFactory(hub=hub)
        if role in {Role.PARTNER_MANAGER, Role.FACILITATOR}
        else None,
        is_staff=True,
    )
    other_user = factories.UserFactory(email="someone@other.example", hub=other_hub)
    entry = AuditEntry.objects.create(hub=other_hub, action="x", summary="Other hub's secret")
    client.force_login(user)

    for page in OTHER_HUB_PAGES:
        url = page.format(other_hub=other_hub.pk, other_user=other_user.pk, entry=entry.pk)
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"].startswith(ADMIN_SIGN_IN), url


def test_hub_admin_cannot_sign_in_to_the_admin(client, hub, make_user):
    make_user(Role.HUB_ADMIN, hub, email="admin@boost.example", is_staff=True)

    response = client.post(
        ADMIN_SIGN_IN, {"username": "admin@boost.example", "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_asks_to_wait_after_too_many_attempts(client, operator):
    for _ in range(10):
        client.post(ADMIN_SIGN_IN, {"username": "ops@peernetworks.example", "password": "wrong"})

    response = client.post(
        ADMIN_SIGN_IN, {"username": "ops@peernetworks.example", "password": OPERATOR_PASSWORD}
    )

    assert response.status_code == 200
    assert "You have tried to sign in too many times. Wait 15 minutes, then try again" in text(
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_admin_and_service_sign_ins_share_one_limit(client, operator):
    for _ in range(10):
        client.post("/account/sign-in/", {"username": "ops@peernetworks.example", "password": "wrong"})

    response = client.post(
        ADMIN_SIGN_IN, {"username": "ops@peernetworks.example", "password": OPERATOR_PASSWORD}
    )

    assert "You have tried to sign in too many times" in text(response.content.decode())
    assert "_auth_user_id" not in client.session


def test_migration_takes_existing_superusers_out_of_their_hubs(transactional_db):
    before, after = [("accounts", "0002_user_delivery_partner")], [("accounts", "0004_operators_have_no_hub")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    hub = old.get_model("accounts", "Hub").objects.create(name="Boost", short_name="Boost", slug="boost")
    OldUser = old.get_model("accounts", "User")
    superuser = {"is_superuser": True, "is_staff": True}
    OldUser.objects.create(email="admin@boost.example", role="hub_admin", hub=hub, **superuser)
    OldUser.objects.create(email="ops@peernetworks.example", role="hub_admin", hub=None, **superuser)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    people = User.objects.order_by("email").values_list(
        "email", "role", "hub__slug", "is_superuser", "is_staff"
    )
    assert list(people) == [
        ("admin@boost.example", "hub_admin", "boost", False, False),
        ("ops@peernetworks.example", "", None, True, True),
    ]
