"""Roles from group claims, and the rule that keeps the last performance-team account."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.account_rules import leaves_no_performance_team
from goldthread.domain.sign_in_roles import RoleMapError, groups_in_claim, parse_role_map, role_for_groups

ROLES = ["performance", "editor", "member", "auditor", "hr", "officer"]
group_names = st.text(alphabet=st.characters(blacklist_characters=",=", blacklist_categories=("Cs",)), min_size=1)
group_names = group_names.map(str.strip).filter(bool)


def test_the_map_reads_in_order():
    assert parse_role_map(" gt-performance=performance, gt-members = member ,", ROLES) == [
        ("gt-performance", "performance"),
        ("gt-members", "member"),
    ]
    assert parse_role_map("", ROLES) == []


@pytest.mark.parametrize(
    "text,message",
    [
        ("gt-members", "Entry 1 ('gt-members') must be written group=role."),
        ("a=member,=editor", "Entry 2 ('=editor') must be written group=role."),
        ("a=overlord", "Entry 1 ('a=overlord') names role 'overlord'"),
    ],
)
def test_a_bad_map_names_the_entry(text, message):
    with pytest.raises(RoleMapError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_role_map(text, ROLES)


@given(st.lists(st.tuples(group_names, st.sampled_from(ROLES)), max_size=6), st.lists(group_names, max_size=6))
def test_the_first_matching_entry_decides(pairs, groups):
    text = ",".join(f"{g}={r}" for g, r in pairs)
    role_map = parse_role_map(text, ROLES)
    assert role_map == pairs
    role = role_for_groups(groups, role_map)
    matching = [r for g, r in pairs if g in groups]
    assert role == (matching[0] if matching else None)


@given(st.lists(group_names, max_size=5))
def test_a_groups_claim_in_any_common_shape(groups):
    assert groups_in_claim(groups) == groups
    assert groups_in_claim(None) == []
    assert groups_in_claim("a b") == ["a", "b"]


@given(st.integers(min_value=0, max_value=5), st.booleans(), st.booleans())
def test_only_removing_the_last_performance_account_is_refused(others, is_now, stays):
    refused = leaves_no_performance_team(
        other_active_performance_accounts=others, is_performance_now=is_now, stays_performance=stays
    )
    assert refused == (is_now and not stays and others == 0)
