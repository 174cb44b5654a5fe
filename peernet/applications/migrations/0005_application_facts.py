import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The facts an applicant gives, kept on their application. Trading date, employees and turnover start
    empty here, are filled from each application's business by 0006, and are required from 0007."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("applications", "0004_import_job_error_and_heartbeat"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="business_name",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="application",
            name="company_number",
            field=models.CharField(blank=True, max_length=8),
        ),
        migrations.AddField(
            model_name="application",
            name="legal_form",
            field=models.CharField(
                choices=[
                    ("limited_company", "Limited company"),
                    ("llp", "Limited liability partnership"),
                    ("partnership", "Partnership"),
                    ("sole_trader", "Sole trader"),
                    ("charity", "Charity or social enterprise"),
                    ("other", "Other"),
                ],
                default="limited_company",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="trading_since",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="application",
            name="employees",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="application",
            name="turnover_pence",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="application",
            name="sic",
            field=models.CharField(blank=True, max_length=5, verbose_name="SIC 2007 code"),
        ),
        migrations.AddField(
            model_name="application",
            name="sector",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="application",
            name="postcode",
            field=models.CharField(default="", max_length=10),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="application",
            name="district",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="applications",
                to="accounts.district",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="ownership",
            field=models.JSONField(
                blank=True, default=list, help_text="Ownership profile tags, e.g. women-led"
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="leader_name",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="application",
            name="job_title",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="application",
            name="phone",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="application",
            name="gender",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="application",
            name="age_band",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AddField(
            model_name="application",
            name="ethnicity",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="application",
            name="disability",
            field=models.CharField(blank=True, max_length=40),
        ),
    ]
