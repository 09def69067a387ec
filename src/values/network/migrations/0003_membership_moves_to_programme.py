from django.db import migrations


class Migration(migrations.Migration):
    """Memberships move to programme, where a role names the programme it holds in: the table stays."""

    dependencies = [("network", "0002_audit_log_and_recovery_codes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[], state_operations=[migrations.DeleteModel(name="Membership")]
        ),
    ]
