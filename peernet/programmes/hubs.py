"""A new Growth Hub for a platform operator: its districts from a CSV file, its programme, and invitations
for its first hub admin. The create_hub command calls create_hub(); nothing is saved unless all of it is."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from peernet.accounts import audit, invitations
from peernet.accounts.models import District, Hub, Role, User
from peernet.programmes.models import Programme

COLUMNS = ("name", "kind", "travel_area")
KINDS = {value: value for value in District.Kind.values} | {
    label.lower(): value for value, label in District.Kind.choices
}


class HubRefused(ValueError):
    """The hub cannot be created as asked; the messages say where and what to change."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class DistrictRow:
    name: str
    kind: str
    travel_area: str


def read_districts(text: str) -> list[DistrictRow]:
    """Rows of a districts CSV (columns name, kind, travel_area), or HubRefused naming every bad row and
    column: one bad row refuses the whole file."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in headers]
    if missing:
        raise HubRefused(
            [f"The districts file has no {', '.join(missing)} column; its columns are {', '.join(COLUMNS)}"]
        )
    reader.fieldnames = headers
    rows, problems, seen = [], [], set()
    for number, raw in enumerate(reader, start=2):
        values = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        if not any(values.values()):
            continue
        for column in ("name", "travel_area"):
            if not values[column]:
                problems.append(
                    f"Row {number}, column {column}: enter the district's {column.replace('_', ' ')}"
                )
        kind = KINDS.get(values["kind"].lower() or District.Kind.DISTRICT)
        if kind is None:
            problems.append(
                f"Row {number}, column kind: {values['kind']!r} is not one of "
                + ", ".join(District.Kind.values)
            )
        if values["name"].lower() in seen:
            problems.append(f"Row {number}, column name: {values['name']} is listed twice")
        seen.add(values["name"].lower())
        rows.append(DistrictRow(values["name"], kind or "", values["travel_area"]))
    if not rows and not problems:
        problems.append("The districts file has no rows; list at least one district")
    if problems:
        raise HubRefused(problems)
    return rows


@transaction.atomic
def create_hub(
    *,
    name: str,
    short_name: str,
    slug: str,
    area: str,
    districts: list[DistrictRow],
    admin_email: str,
    national_emails: list[str] = (),
    by=None,
) -> Hub:
    """The hub, its districts and its Peer Networks programme; its first hub admin invited by email. Each
    national viewer's account is made without a password: they set one from the sign-in page's password
    reset, as national viewers belong to no hub and so are not invited by one."""
    problems = []
    if Hub.objects.filter(slug=slug).exists():
        problems.append(f"--slug: a hub already uses {slug}")
    if Hub.objects.filter(name=name).exists():
        problems.append(f"--name: a hub is already called {name}")
    if slug != slugify(slug):
        problems.append(
            f"--slug: use only lower-case letters, numbers and hyphens, like {slugify(slug) or 'lancashire'}"
        )
    if problems:
        raise HubRefused(problems)
    hub = Hub.objects.create(
        name=name, short_name=short_name, slug=slug, area_name=area, contact_email=admin_email
    )
    District.objects.bulk_create(
        District(hub=hub, name=row.name, kind=row.kind, travel_area=row.travel_area) for row in districts
    )
    Programme.objects.create(hub=hub, name="Peer Networks", slug="peer-networks")
    audit.record(
        actor=by,
        action="hub.created",
        subject=hub,
        hub=hub,
        summary=f"{name} created with {len(districts)} districts",
        data={"districts": [row.name for row in districts]},
    )
    try:
        invitations.invite(email=admin_email, role=Role.HUB_ADMIN, hub=hub, by=by)
    except invitations.InvitationRefused as refused:
        raise HubRefused([f"--admin-email: {refused}"]) from None
    for email in national_emails:
        email = User.objects.normalize_email(email).strip().lower()
        if User.objects.filter(email=email).exists():
            continue  # already a national viewer (or someone else): a national viewer sees every hub already
        viewer = User(email=email, role=Role.NATIONAL_VIEWER, hub=None)
        viewer.set_unusable_password()
        viewer.save()
        audit.record(
            actor=by, action="user.created", subject=viewer, summary=f"{email} made a national viewer"
        )
    return hub
