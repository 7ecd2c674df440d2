import io

from django.core.management import call_command

from goldthread.improvement.models import Action
from goldthread.scrutiny.models import Committee, CommitteeMember, WorkItem


def test_the_example_council_has_its_committees_from_the_seeds(db):
    call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())
    names = list(Committee.objects.values_list("name", flat=True))
    assert len([n for n in names if n.startswith("Overview and Scrutiny Committee")]) == 4
    assert "Audit and Governance Committee" in names and "Cabinet" in names
    audit = Committee.objects.get(slug="audit-governance")
    assert audit.members.filter(role=CommitteeMember.Role.INDEPENDENT).count() == 1
    # invented committees are labelled
    assert all(c.is_example == ("(example)" in c.name) for c in Committee.objects.all())
    assert Action.objects.filter(recommendation__review__scrutiny_item__isnull=False, is_example=True).count() == 2
    counts = (Committee.objects.count(), WorkItem.objects.count(), Action.objects.count())
    call_command("load_example", skip_benchmarks=True, stdout=io.StringIO())
    assert (Committee.objects.count(), WorkItem.objects.count(), Action.objects.count()) == counts
