import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLES = [
    ("coordinator", "coordinator"),
    ("expert", "expert"),
    ("city_staff", "city staff"),
    ("volunteer_leader", "volunteer leader"),
    ("volunteer", "volunteer"),
]


def move_content_type(apps, schema_editor, source="network", target="programme"):
    content_type = apps.get_model("contenttypes", "ContentType")
    # A content type the target app already has (made by an earlier post-migrate) is kept, not duplicated.
    if not content_type.objects.filter(app_label=target, model="membership").exists():
        content_type.objects.filter(app_label=source, model="membership").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="programme", target="network")


class Migration(migrations.Migration):
    """Memberships are programme's and name the programme a role holds in. The rows that were there hold in every
    programme (no programme named), as they did: nothing is guessed and no role is lost."""

    dependencies = [
        ("programme", "0006_plan_rules_and_runs_move_to_planning"),
        ("network", "0003_membership_moves_to_programme"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=ROLES, max_length=32, verbose_name="role")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to=settings.AUTH_USER_MODEL, verbose_name="user")),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="network.organisation", verbose_name="organisation")),
                    ],
                    options={
                        "verbose_name": "membership",
                        "verbose_name_plural": "memberships",
                        "db_table": "network_membership",
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "organisation", "role"), name="membership_unique_role")
                        ],
                    },
                ),
            ],
        ),
        migrations.RemoveConstraint(model_name="membership", name="membership_unique_role"),
        migrations.AddField(
            model_name="membership",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty: the role holds in every programme of the site.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="programme.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                condition=models.Q(programme__isnull=False),
                fields=("user", "organisation", "programme", "role"),
                name="membership_unique_programme_role",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                condition=models.Q(programme__isnull=True),
                fields=("user", "organisation", "role"),
                name="membership_unique_everywhere_role",
            ),
        ),
    ]
