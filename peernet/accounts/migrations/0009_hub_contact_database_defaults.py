from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_create_cache_table"),
    ]

    operations = [
        migrations.AlterField(
            model_name="hub",
            name="contact_address",
            field=models.TextField(
                blank=True, db_default="", default="", help_text="The hub's postal address, one line per line"
            ),
        ),
        migrations.AlterField(
            model_name="hub",
            name="contact_phone",
            field=models.CharField(blank=True, db_default="", default="", max_length=40),
        ),
    ]
