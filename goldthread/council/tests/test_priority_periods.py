"""Which period a priority page shows: ``?period=`` or the latest quarter with figures, as at its end."""

from datetime import date

import pytest

from goldthread.council.links import AsAt, PeriodChoiceError, chosen_period, default_period, period_choices
from goldthread.domain.periods import parse_period


def test_a_page_speaks_as_at_the_end_of_its_period_or_today_for_one_not_over():
    assert AsAt(parse_period("2023-24 Q2"), date(2026, 1, 1)).at == date(2023, 9, 30)
    assert AsAt(parse_period("2023-24 Q2"), date(2023, 8, 15)).at == date(2023, 8, 15)


def test_choices_are_newest_first_and_stop_at_the_latest_quarter():
    choices = [p.label for p in period_choices(parse_period("2023-24 Q2"), years=2)]
    assert choices == ["2023-24 Q2", "2023-24 Q1", "2023-24", "2022-23 Q4", "2022-23 Q3", "2022-23 Q2", "2022-23 Q1",
                       "2022-23"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-24 Q9", "quarter 9 is not 1 to 4"),
        ("2023-06", "June 2023 is not a financial year or quarter"),
        ("2023", "2023 is not a financial year or quarter"),
        ("next quarter", "'next quarter' is not a period"),
    ],
)
def test_a_period_that_cannot_be_shown_is_refused_with_the_reason(council, users, text, reason):
    with pytest.raises(PeriodChoiceError) as raised:
        chosen_period(text, council, users["member"], date(2026, 1, 1))
    assert str(raised.value).startswith(reason)


def test_a_financial_year_or_quarter_is_taken_as_asked(council, users):
    assert chosen_period("2023-24", council, users["member"], date(2026, 1, 1)).label == "2023-24"
    assert chosen_period(" 2023/24 q2 ", council, users["member"], date(2026, 1, 1)).label == "2023-24 Q2"


def test_with_no_figures_anywhere_the_page_opens_on_this_quarter(council, users):
    assert default_period(council, users["member"], date(2026, 1, 15)).label == "2025-26 Q4"
    assert chosen_period("", council, users["member"], date(2026, 1, 15)).label == "2025-26 Q4"
