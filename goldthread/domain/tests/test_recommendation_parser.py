from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.recommendation_parser import NoRecommendationsFound, parse_recommendations

# Invented documents in the layouts of the two seed documents (see documents/README.md).
DOCUMENTS = Path(__file__).resolve().parent / "documents"


def test_headed_recommendations_with_words_and_digits():
    text = (
        "Key recommendations\n\n- **Recommendation One: Increase reserves:** Grow them over the MTFP.\n"
        "- **Recommendation 2 - Review meetings:** Stand some down.\n\n3. Next steps\n\nSomething else."
    )
    found = parse_recommendations(text)
    assert [(r.ref, r.title, r.text) for r in found] == [
        ("1", "Increase reserves", "Grow them over the MTFP."),
        ("2", "Review meetings", "Stand some down."),
    ]


def test_lettered_paragraphs_keep_every_council_response():
    text = (
        "The peers made a number of recommendations.\n"
        "A Refresh the vision. Then set milestones.\n"
        "Council response – We will start in 2023.\n"
        "B Take stock with partners.\n"
        "Council response – Capacity – New directors are in post.\n"
        "More workforce plans are coming.\n"
        "Council response – Partnerships – We value partners.\n"
        "3. Refreshing the Vision\n"
        "Not part of B.\n"
    )
    a, b = parse_recommendations(text)
    assert (a.ref, a.title, a.text, a.response) == (
        "A",
        "Refresh the vision.",
        "Then set milestones.",
        "We will start in 2023.",
    )
    assert b.response == (
        "Capacity – New directors are in post.\n\nMore workforce plans are coming.\n\nPartnerships – We value partners."
    )


def test_a_line_broken_mid_sentence_runs_on():
    text = "A Do this. It matters because\nof that.\nB Do the other."
    assert parse_recommendations(text)[0].text == "It matters because of that."


def test_numbered_list_in_a_document_about_recommendations():
    text = "Recommendations\n1. Publish the plan: within five months.\n2) Report quarterly.\n"
    found = parse_recommendations(text)
    assert [(r.ref, r.title) for r in found] == [("1", "Publish the plan"), ("2", "Report quarterly.")]


@pytest.mark.parametrize("text", ["", "Minutes of the meeting.\nNothing to see.", "1. Apples\n2. Pears"])
def test_no_recommendations_is_an_error_not_an_empty_plan(text):
    with pytest.raises(NoRecommendationsFound, match="No recommendations found"):
        parse_recommendations(text)


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=40).map(str.strip).filter(bool)


@given(st.lists(st.tuples(words, words), min_size=1, max_size=12))
def test_headed_round_trip(items):
    text = "\n".join(f"Recommendation {n}: {t.capitalize()}: {b}." for n, (t, b) in enumerate(items, start=1))
    found = parse_recommendations(text)
    assert [r.ref for r in found] == [str(n) for n in range(1, len(items) + 1)]
    assert [r.title for r in found] == [t.capitalize() for t, _ in items]


def test_a_peer_challenge_report_gives_its_key_recommendations():
    found = parse_recommendations((DOCUMENTS / "peer_challenge_report.txt").read_text(encoding="utf-8"))
    assert [r.ref for r in found] == ["1", "2", "3", "4", "5"]
    assert found[0].title == "Agree a small number of corporate priorities"
    assert found[2].title == "Increase Financial Reserves"
    assert found[3].text.endswith("make the best use of Members' and officers' time.")
    assert "written updates to share information" in found[3].text  # a page break mid-sentence is joined
    assert found[4].title == "Report performance with targets and comparisons"
    assert all(r.response == "" for r in found)  # the peer team's bold bullets are not recommendations


def test_a_cabinet_report_gives_a_to_e_with_the_council_responses():
    found = parse_recommendations((DOCUMENTS / "cabinet_report.txt").read_text(encoding="utf-8"))
    assert [r.ref for r in found] == list("ABCDE")  # not the front sheet's (1), (2) nor (A), (B) cost headings
    assert found[0].title.startswith("Use the refresh of the Council's Vision")
    assert found[0].response.startswith("The Council will begin the review of its Vision in 2024")
    assert found[1].response.count("\n\n") == 3
    assert found[1].response.startswith("Member development – the peer team")
    assert "Workforce plans are being written" in found[1].response
    assert found[1].response.endswith("will keep working closely with them.")
    assert found[2].response.endswith("and will be shared with the Overview and Scrutiny Committees.")
    assert found[3].response.endswith("This review will be undertaken over the next 6 months.")
    assert found[4].response.endswith("in the coming months.")
    assert "Refreshing the Vision" not in found[4].response


def test_page_footers_are_ignored():
    text = "A Do this. It matters because\nPage 1 of 2\nof that.\n7\nB Do the other."
    assert parse_recommendations(text)[0].text == "It matters because of that."


def test_headings_on_their_own_line():
    text = (
        "Recommendations\n\nRecommendation 1\nIncrease reserves\nGrow them over the plan.\n"
        "Recommendation 2: Review meetings\nStand some down.\nKeep the rest short.\n"
    )
    found = parse_recommendations(text)
    assert [(r.ref, r.title, r.text) for r in found] == [
        ("1", "Increase reserves", "Grow them over the plan."),
        ("2", "Review meetings", "Stand some down.\n\nKeep the rest short."),
    ]


def test_a_heading_wrapped_by_a_pdf_is_not_cut_short():
    text = (
        "Recommendation One: Review and align corporate capacity to support\ncouncil priorities: The Council should "
        "act.\nRecommendation Two Increase our financial reserves over the\nmedium term. The council should act."
    )
    one, two = parse_recommendations(text)
    assert one.title == "Review and align corporate capacity to support council priorities"
    assert two.title == "Increase our financial reserves over the medium term."
