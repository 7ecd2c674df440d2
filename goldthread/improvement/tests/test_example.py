import hashlib
import json
from datetime import date

import pytest

from goldthread.core.models import Change
from goldthread.council import example as council_example
from goldthread.improvement import example, selectors
from goldthread.improvement.models import Action, Recommendation, Review


@pytest.fixture
def sefton(db):
    return council_example.load(council=None, log=lambda *a: None, options={})


def test_example_reviews_from_the_seeds(sefton):
    example.load(council=sefton, log=lambda *a: None)
    cpc23 = Review.objects.get(reference="cpc-2023")
    assert [m.name for m in cpc23.team.all()][0] == "Caroline Simpson"
    assert len(cpc23.scope_themes) == 5
    assert cpc23.recommendations.count() == 10
    revisit = Review.objects.get(reference="revisit-2022")
    assert [r.number for r in revisit.recommendations.all()] == list("ABCDE")
    assert set(revisit.recommendations.values_list("response", flat=True)) == {Recommendation.Response.ACCEPTED}
    assert Review.objects.get(reference="cpc-2018").scope_themes[1] == "Leadership of place"
    dues = {d.rule.name: d.due for d in selectors.review_deadlines(cpc23, date(2024, 1, 1))}
    assert dues["Action plan published (no later than)"] == date(2024, 4, 24)
    assert dues["Next corporate peer challenge"] == date(2028, 11, 24)
    localities = Action.objects.get(recommendation__reference="REV22-R04")
    assert localities.due_date == date(2023, 1, 28)  # "over the next 6 months" from 28 July 2022
    assert not localities.is_example
    assert all(a.is_example for a in Action.objects.filter(recommendation__review=cpc23))


def test_example_is_idempotent(sefton):
    example.load(council=sefton, log=lambda *a: None)
    counts = (Change.objects.count(), Action.objects.count(), Recommendation.objects.count())
    example.load(council=sefton, log=lambda *a: None)
    assert (Change.objects.count(), Action.objects.count(), Recommendation.objects.count()) == counts


# sha256 of the recommendations (reference, number, title, text, response, council response, order) that
# the loader made when it still parsed the seed documents at run time: the bundled copy must load the same.
LOADED_FROM_THE_SEEDS = "e2956bd1957e08a63788facfa859b6543c7c172e0219b49f83f10c01e3deb0cb"


def test_example_recommendations_load_as_they_did_from_the_seed_documents(sefton):
    example.load(council=sefton, log=lambda *a: None)
    recs = list(Recommendation.objects.order_by("reference"))
    assert [(r.reference, r.number) for r in recs] == [(f"CPC23-R{n:02d}", str(n)) for n in range(1, 11)] + [
        (f"REV22-R0{n}", letter) for n, letter in enumerate("ABCDE", start=1)
    ]
    assert recs[2].title == "Increase Financial Reserves"
    assert recs[13].response_text.endswith("This review will be undertaken over the next 6 months.")
    rows = [[r.reference, r.number, r.title, r.text, r.response, r.response_text, r.order] for r in recs]
    assert hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest() == LOADED_FROM_THE_SEEDS
    bundled = example.example_recommendations()
    for review, prefix in (("cpc-2023", "CPC23"), ("revisit-2022", "REV22")):
        mine = [r for r in recs if r.reference.startswith(prefix)]
        assert [(r.number, r.title, r.text, r.response_text) for r in mine] == [
            (p.ref, p.title, p.text, p.response) for p in bundled[review]
        ]
