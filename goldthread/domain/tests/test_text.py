"""sentence_case: a capital first letter, nothing else changed."""

from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.text import sentence_case


@given(st.text())
def test_only_the_first_character_changes(text):
    result = sentence_case(text)
    assert result.endswith(text[1:])  # the rest as written, never lowered as str.capitalize would
    assert result[:1] == result[:1].upper()  # "ß" becomes "SS": the first character may grow
    assert bool(result) == bool(text)


@given(st.text())
def test_it_is_idempotent(text):
    assert sentence_case(sentence_case(text)) == sentence_case(text)


def test_examples():
    assert sentence_case("the denominator cannot be 0") == "The denominator cannot be 0"
    assert sentence_case("red and declining since 2023-24 Q2") == "Red and declining since 2023-24 Q2"
    assert sentence_case("") == ""
    assert sentence_case("'2023' is not a quarter") == "'2023' is not a quarter"
