from collections import Counter
from datetime import date

from goldthread.enquiries.holidays import bank_holidays


def test_bank_holidays_data_is_plausible():
    holidays = bank_holidays()
    assert all(day.weekday() < 5 for day in holidays)  # substitute days are always weekdays
    per_year = Counter(day.year for day in holidays)
    assert set(per_year) == {2021, 2022, 2023, 2024, 2025, 2026}
    # eight a year, plus 2022's Platinum Jubilee and State Funeral and 2023's coronation
    assert per_year == {2021: 8, 2022: 10, 2023: 9, 2024: 8, 2025: 8, 2026: 8}
    assert {date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8), date(2026, 12, 28)} <= holidays
