"""The recommendation importer on the two real seed documents, where they are present (beside the
checkout in ../shared/seeds, or wherever GOLDTHREAD_SHARED_SEEDS points). The only test that may skip
for a missing folder: everything else runs on documents written for the tests."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command

from goldthread.improvement.example import example_recommendations
from goldthread.improvement.models import Recommendation

SEEDS = settings.GOLDTHREAD_SHARED_SEEDS
PEER_CHALLENGE_2023 = SEEDS / "000_7012912e2ebebc3c.txt"
CABINET_2022 = SEEDS / "001_99a0fd017dfed5c1.txt"


@pytest.mark.skipif(
    not (PEER_CHALLENGE_2023.is_file() and CABINET_2022.is_file()),
    reason=f"the seed documents are not in {SEEDS} (set GOLDTHREAD_SHARED_SEEDS to the folder that holds them)",
)
def test_the_seed_documents_give_the_example_councils_recommendations(capsys, db):
    found = {}
    for review, path in (("cpc-2023", PEER_CHALLENGE_2023), ("revisit-2022", CABINET_2022)):
        call_command("import_recommendations", str(path), "--dry-run", "--format", "json")
        found[review] = json.loads(capsys.readouterr().out)
    assert not Recommendation.objects.exists()

    cpc = found["cpc-2023"]
    assert [r["ref"] for r in cpc] == [str(n) for n in range(1, 11)]
    assert cpc[0]["title"] == "Review and align corporate capacity to support council priorities"
    assert cpc[1]["title"].startswith("Use the process of developing the Council's Medium Term Financial Plan")
    assert cpc[2]["title"] == "Increase Financial Reserves"
    assert cpc[6]["text"].endswith("maximising the contribution of Members and senior officers.")
    assert "channels to avoid meetings" in cpc[6]["text"]  # a page break mid-sentence is joined
    assert cpc[9]["title"] == (
        "Build on the findings of the upcoming staff survey and consider the benefit of a resident survey"
    )
    assert all(r["response"] == "" for r in cpc)

    revisit = found["revisit-2022"]
    assert [r["ref"] for r in revisit] == list("ABCDE")
    assert revisit[0]["response"].startswith("In Section 3 of this report the Council stated")
    assert revisit[1]["response"].count("\n\n") == 3  # B's several "Council response" paragraphs, all kept
    assert revisit[1]["response"].startswith("Member development – the peer team")
    assert "Social Work Academy" in revisit[1]["response"]
    assert revisit[2]["response"].endswith("quarterly reports to Cabinet with a focus on our key priorities.")
    assert revisit[3]["response"].endswith("This review will be undertaken over the next 6 months.")
    assert "Refreshing the Vision" not in revisit[4]["response"]

    # The example council's own copy of these recommendations is word for word what the documents say.
    bundled = {review: [r.as_dict() for r in recs] for review, recs in example_recommendations().items()}
    assert bundled == found
