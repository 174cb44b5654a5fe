"""create_hub: a platform operator's new hub, its districts and programme, and its first admin invited; a bad
districts file refuses the whole hub with each row's and column's problem."""

import pytest
from django.core.management import CommandError, call_command

from peernet.accounts.models import District, Hub, Invitation, Role, User
from peernet.outbox.models import Email
from peernet.programmes.models import Programme

GOOD = "name,kind,travel_area\nPreston,district,Central Lancashire\nBlackpool,unitary,Fylde Coast\n"


def run(tmp_path, csv_text=GOOD, *extra):
    path = tmp_path / "districts.csv"
    path.write_text(csv_text, encoding="utf-8")
    args = [
        "create_hub",
        "--name",
        "Boost — Lancashire's Business Growth Hub",
        "--short-name",
        "Boost",
        "--slug",
        "boost",
        "--area",
        "Lancashire",
        "--districts",
        str(path),
        "--admin-email",
        "Admin@Boost.example",
        *extra,
    ]
    call_command(*args)


@pytest.mark.django_db
def test_create_hub_makes_hub_districts_programme_and_invites_its_admin(tmp_path):
    run(tmp_path, GOOD, "--national-email", "viewer@dbt.example")

    hub = Hub.objects.get(slug="boost")
    assert (hub.short_name, hub.area_name, hub.contact_email) == (
        "Boost",
        "Lancashire",
        "Admin@Boost.example",
    )
    assert list(District.objects.filter(hub=hub).values_list("name", "kind", "travel_area")) == [
        ("Blackpool", "unitary", "Fylde Coast"),
        ("Preston", "district", "Central Lancashire"),
    ]
    assert Programme.objects.get(hub=hub).slug == "peer-networks"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.hub) == ("admin@boost.example", Role.HUB_ADMIN, hub)
    assert Email.objects.get().to == ["admin@boost.example"]
    viewer = User.objects.get(email="viewer@dbt.example")
    assert (viewer.role, viewer.hub, viewer.has_usable_password()) == (Role.NATIONAL_VIEWER, None, False)


@pytest.mark.django_db
def test_a_bad_row_refuses_the_whole_hub_naming_row_and_column(tmp_path):
    bad = GOOD + "Wyre,county,Fylde Coast\n,district,\nPreston,district,Central Lancashire\n"

    with pytest.raises(CommandError) as refused:
        run(tmp_path, bad)

    assert str(refused.value).splitlines() == [
        "Nothing was created:",
        "Row 4, column kind: 'county' is not one of unitary, district",
        "Row 5, column name: enter the district's name",
        "Row 5, column travel_area: enter the district's travel area",
        "Row 6, column name: Preston is listed twice",
    ]
    assert not Hub.objects.exists()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_file_without_the_columns_is_refused(tmp_path):
    with pytest.raises(CommandError) as refused:
        run(tmp_path, "district,area\nPreston,Central\n")

    assert "The districts file has no name, kind, travel_area column" in str(refused.value)
    assert not Hub.objects.exists()


@pytest.mark.django_db
def test_a_taken_slug_is_refused_and_nothing_is_saved(tmp_path, hub):
    with pytest.raises(CommandError) as refused:
        run(tmp_path)

    assert "--slug: a hub already uses boost" in str(refused.value)
    assert Hub.objects.count() == 1
    assert not District.objects.exists()
