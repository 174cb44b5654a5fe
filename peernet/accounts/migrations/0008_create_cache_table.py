"""The shared cache's table (rate limits and sign-in holds), made by migrate so no deployment misses it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Makes the table of each DatabaseCache in CACHES, if it is missing; with Redis it does nothing.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_add_user_sessions_generation")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
