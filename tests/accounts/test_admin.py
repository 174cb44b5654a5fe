"""Every model has an admin page with search and filters, and only platform operators may open it."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from peernet.accounts.models import Role, User
from tests import factories

OUR_MODELS = [model for model in apps.get_models() if model.__module__.startswith("peernet.")]


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m._meta.label)
def test_every_model_is_registered_with_search_and_filters(model):
    model_admin = admin.site._registry.get(model)

    assert model_admin is not None
    assert model_admin.search_fields
    assert model_admin.list_filter


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m._meta.label)
def test_operator_can_search_every_changelist(client, db, model):
    operator = User.objects.create_superuser("ops@peernetworks.example", "x", full_name="Olu Operator")
    client.force_login(operator)

    response = client.get(changelist_url(model), {"q": "Preston"})

    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.HUB_ADMIN, Role.PROGRAMME_MANAGER, Role.BOARD_MEMBER])
def test_admin_refuses_hub_roles_even_when_staff(client, hub, make_user, role):
    client.force_login(make_user(role, hub, is_staff=True))

    response = client.get(changelist_url(OUR_MODELS[0]))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_operator_cannot_change_an_applications_status_in_the_admin(client, db):
    """A status moves only through the workflow, which audits it; the admin shows it but cannot edit it."""
    application = factories.ApplicationFactory()
    operator = User.objects.create_superuser("ops@peernetworks.example", "x", full_name="Olu Operator")
    client.force_login(operator)

    response = client.get(reverse("admin:applications_application_change", args=[application.pk]))

    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
