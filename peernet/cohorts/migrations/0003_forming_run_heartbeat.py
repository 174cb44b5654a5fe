import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0002_add_forming"),
    ]

    operations = [
        migrations.AddField(
            model_name="formingrun",
            name="updated_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, help_text="The worker's last heartbeat"
            ),
        ),
    ]
