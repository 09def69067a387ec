import json

from django.db import migrations, models

MODELS = ("CommunityMember", "ExchangePair")


def text_to_json(apps, schema_editor):
    """Each explanation stored as text becomes a JSON string, so that the column holds JSON before it is one."""
    for name in MODELS:
        model = apps.get_model("programme", name)
        for pk, why in model.objects.values_list("pk", "why"):
            model.objects.filter(pk=pk).update(why=json.dumps(why or "", ensure_ascii=False))


def json_to_text(apps, schema_editor):
    """Back to text: a JSON string as it is, an explanation (or a list of them) in English."""
    for name in MODELS:
        model = apps.get_model("programme", name)
        for pk, why in model.objects.values_list("pk", "why"):
            model.objects.filter(pk=pk).update(why=_english(_loaded(why)))


def _loaded(text):
    try:
        return json.loads(text) if text else ""
    except ValueError:
        return text


def _english(value) -> str:
    if isinstance(value, list):
        return "; ".join(_english(item) for item in value)
    if isinstance(value, dict):
        text, params = str(value.get("text", "")), value.get("params") or {}
        try:
            return text % params if params else text
        except (KeyError, ValueError, TypeError):
            return text
    return "" if value is None else str(value)


class Migration(migrations.Migration):
    """The planner's explanations of communities and pairs are stored language-neutral (an English template and
    its values, shown in the reader's language); the texts stored before are kept, as JSON strings."""

    dependencies = [
        ("programme", "0007_membership"),
    ]

    operations = [
        migrations.RunPython(text_to_json, json_to_text),
        migrations.AlterField(
            model_name="communitymember",
            name="why",
            field=models.JSONField(blank=True, default=str, verbose_name="why"),
        ),
        migrations.AlterField(
            model_name="exchangepair",
            name="why",
            field=models.JSONField(blank=True, default=list, verbose_name="why"),
        ),
    ]
