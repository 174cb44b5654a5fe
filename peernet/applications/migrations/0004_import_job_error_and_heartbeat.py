import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_import_job_and_digest_run"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="error",
            field=models.TextField(
                blank=True, help_text="Why it failed when the rows were not the reason; it can be tried again"
            ),
        ),
        migrations.AddField(
            model_name="importjob",
            name="updated_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, help_text="The worker's last heartbeat"
            ),
        ),
    ]
