from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("applications", "0006_fill_application_facts")]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="trading_since",
            field=models.DateField(),
        ),
        migrations.AlterField(
            model_name="application",
            name="employees",
            field=models.PositiveIntegerField(),
        ),
        migrations.AlterField(
            model_name="application",
            name="turnover_pence",
            field=models.BigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(("turnover_pence__gte", 0)), name="application_turnover_not_negative"
            ),
        ),
    ]
