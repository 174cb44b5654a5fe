from django.db import migrations
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

BUSINESS = {
    "business_name": "name",
    "legal_form": "legal_form",
    "trading_since": "trading_since",
    "employees": "employees",
    "turnover_pence": "turnover_pence",
    "sic": "sic",
    "sector": "sector",
    "postcode": "postcode",
    "district": "district",
    "ownership": "ownership",
}
LEADER = {
    "leader_name": "full_name",
    "job_title": "job_title",
    "phone": "phone",
    "gender": "gender",
    "age_band": "age_band",
    "ethnicity": "ethnicity",
    "disability": "disability",
}


def fill_from_records(apps, schema_editor):
    """Applications made before their facts were kept on them take them from their business and leader as
    recorded now: the facts their decisions were made on, as far as anyone can tell."""
    Application = apps.get_model("applications", "Application")
    business = apps.get_model("applications", "Business").objects.filter(pk=OuterRef("business_id"))
    leader = apps.get_model("applications", "Leader").objects.filter(pk=OuterRef("leader_id"))
    Application.objects.update(
        company_number=Coalesce(Subquery(business.values("company_number")[:1]), Value("")),
        **{field: Subquery(business.values(source)[:1]) for field, source in BUSINESS.items()},
        **{field: Subquery(leader.values(source)[:1]) for field, source in LEADER.items()},
    )


class Migration(migrations.Migration):
    dependencies = [("applications", "0005_application_facts")]

    operations = [migrations.RunPython(fill_from_records, migrations.RunPython.noop)]
