from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_operators_have_no_hub"),
    ]

    operations = [
        migrations.AddField(
            model_name="hub",
            name="contact_address",
            field=models.TextField(blank=True, help_text="The hub's postal address, one line per line"),
        ),
        migrations.AddField(
            model_name="hub",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=40),
        ),
    ]
