from goldthread.core.models import Change
from goldthread.council import example as council_example
from goldthread.risk import example
from goldthread.risk.models import AssuranceSource, Risk, RiskReview


def test_example_loads_seed_risks_once(db):
    council = council_example.load(log=lambda *_: None)
    example.load(council=council, log=lambda *_: None)
    counts = (Risk.objects.count(), RiskReview.objects.count(), AssuranceSource.objects.count(), Change.objects.count())
    example.load(council=council, log=lambda *_: None)
    assert (
        Risk.objects.count(),
        RiskReview.objects.count(),
        AssuranceSource.objects.count(),
        Change.objects.count(),
    ) == counts
    dsg = Risk.objects.get(reference="CR-001")
    assert "£24 million" in dsg.event and "2025-2026" in dsg.event
    assert "fourth lowest" in Risk.objects.get(reference="CR-002").event
    assert "£80.1 million" in Risk.objects.get(reference="CR-003").event
    assert all(r.is_example_score for r in Risk.objects.all())
    assert set(RiskReview.objects.values_list("period", flat=True)) == {"2023-24 Q2", "2023-24 Q3"}
    assert Risk.objects.get(reference="CR-006").priorities.filter(code="protect-vulnerable").exists()
