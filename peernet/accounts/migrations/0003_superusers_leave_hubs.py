"""Before superusers are held to no hub: a superuser in a hub (the demo's hub administrator was one) keeps
their hub role and loses the admin; one in no hub becomes a platform operator with no hub role."""

from django.db import migrations


def superusers_leave_hubs(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(is_superuser=True, hub__isnull=False).update(is_superuser=False, is_staff=False)
    User.objects.filter(is_superuser=True, role="national_viewer").update(is_superuser=False, is_staff=False)
    User.objects.filter(is_superuser=True).update(role="")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_delivery_partner")]

    operations = [migrations.RunPython(superusers_leave_hubs, migrations.RunPython.noop)]
