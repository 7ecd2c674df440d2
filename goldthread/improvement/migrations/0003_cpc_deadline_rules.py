"""The LGA's Corporate Peer Challenge deadlines (seed 000 §5), as editable data."""

from django.db import migrations

CPC_RULES = [
    ("Report published", 3, 10),
    ("Action plan published (target)", 3, 20),
    ("Action plan published (no later than)", 5, 30),
    ("Progress review", 10, 40),
    ("Progress review report", 12, 50),
    ("Next corporate peer challenge", 60, 60),
]


def add_rules(apps, schema_editor):
    rule = apps.get_model("improvement", "DeadlineRule")
    for name, months, order in CPC_RULES:
        rule.objects.get_or_create(
            review_type="cpc", name=name, defaults={"anchor": "onsite_end", "months": months, "order": order}
        )


def remove_rules(apps, schema_editor):
    apps.get_model("improvement", "DeadlineRule").objects.filter(
        review_type="cpc", name__in=[n for n, _, _ in CPC_RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("improvement", "0002_review_recommendation_prefix_review_scope_themes_and_more")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
