"""Comparator groups follow the register's exact dates: a council counts in a period if it existed on any
day of it, and the register's end date is the day its successor began (so it is not a day it existed)."""

import csv
from datetime import date

import pytest

from goldthread.benchmarking import selectors
from goldthread.benchmarking.models import Area
from goldthread.domain.periods import parse_period

from .conftest import DATA


def _register_rows():
    with open(DATA / "register" / "uk_local_authorities.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _existed(row, start: date, end: date) -> bool:
    began = not row["start-date"] or date.fromisoformat(row["start-date"]) <= end
    ended = row["end-date"] and date.fromisoformat(row["end-date"]) <= start
    return began and not ended


def _expected(la_type: str, label: str) -> set[str]:
    period = parse_period(label, "financial")
    return {
        r["gss-code"]
        for r in _register_rows()
        if r["local-authority-type"] == la_type and _existed(r, period.start, period.end)
    }


@pytest.mark.parametrize(
    ("code", "label", "count"),
    [("CTY", "2023-24", 21), ("NMD", "2023-24", 164), ("MD", "2023-24", 36), ("LBO", "2021-22", 32)],
)
def test_group_counts_in_a_year_after_reorganisation(register, code, label, count):
    members = selectors.group_members(selectors.group(code), selectors.group_period(label))
    assert members.count() == count
    assert set(members.values_list("gss_code", flat=True)) == _expected(code, label)


def test_a_council_that_ended_on_the_first_day_is_not_in_that_year(register):
    cumbria = Area.objects.get(name="Allerdale")
    assert cumbria.end_date == date(2023, 4, 1)
    nmd = selectors.group("NMD")
    assert not selectors.group_members(nmd, selectors.group_period("2023-24")).filter(pk=cumbria.pk).exists()
    assert selectors.group_members(nmd, selectors.group_period("2022-23 Q4")).filter(pk=cumbria.pk).exists()
    # 2021-22 likewise: Northamptonshire's councils ended on 1 April 2021
    assert _expected("CTY", "2021-22") == set(
        selectors.group_members(selectors.group("CTY"), selectors.group_period("2021-22")).values_list(
            "gss_code", flat=True
        )
    )
    assert "E10000021" not in _expected("CTY", "2021-22") and "E10000021" in _expected("CTY", "2020-21")


def test_eng_is_every_english_council(register):
    members = selectors.group_members(selectors.group("ENG"), selectors.group_period("2023-24"))
    wanted = {
        r["gss-code"]
        for r in _register_rows()
        if r["nation"] == "England"
        and r["local-authority-type"] in {"MD", "UA", "LBO", "CTY", "NMD", "CC"}
        and _existed(r, date(2023, 4, 1), date(2024, 3, 31))
    }
    got = set(members.values_list("gss_code", flat=True))
    assert wanted <= got
    assert all(a.nation == "England" and not a.is_aggregate for a in members)
    assert not Area.objects.filter(nation="Wales", gss_code__in=got).exists()


def test_groups_api_takes_a_period_and_shows_replaced_by(client_for, register):
    client = client_for("member")
    now = client.get("/api/groups/CTY").json()
    then = client.get("/api/groups/CTY?period=2022-23").json()
    assert now["period"] is None and len(now["members"]) == 21
    assert then["period"] == "2022-23" and len(then["members"]) == len(_expected("CTY", "2022-23"))
    ended = [a for a in then["member_areas"] if a["end_date"]]
    assert ended and all(a["replaced_by"] for a in ended)
    assert {a["gss_code"] for a in then["member_areas"]} == set(then["members"])
    assert client.get("/api/groups/CTY?period=banana").status_code == 422
    everything = client.get("/api/groups/all").json()
    assert everything["members"] is None and "Scotland" in everything["note"] and "Wales" in everything["note"]
    assert "ENG" in {g["code"] for g in client.get("/api/groups?period=2023-24").json()}


def test_group_page_lists_members_as_at_a_period(client_for, register):
    client = client_for("member")
    page = client.get("/benchmarking/groups/NMD/?period=2023-24").content.decode()
    assert "164 members in 2023-24" in page and "Allerdale" not in page
    earlier = client.get("/benchmarking/groups/NMD/?period=2022-23").content.decode()
    assert "Allerdale" in earlier and "replaced by CBD" in earlier
    bad = client.get("/benchmarking/groups/NMD/?period=banana")
    assert bad.status_code == 200 and "govuk-error-message" in bad.content.decode()
    assert "whose definitions differ" in client.get("/benchmarking/groups/all/").content.decode()
