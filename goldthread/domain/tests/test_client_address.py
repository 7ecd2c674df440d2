"""The client's address behind trusted proxies: only entries the proxies wrote are believed."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldthread.domain.client_address import client_address, parse_address

ips = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
junk = st.text(alphabet=st.characters(blacklist_characters=","), max_size=30)


@pytest.mark.parametrize(
    "remote,forwarded,proxies,expected",
    [
        ("127.0.0.1", None, 0, "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7", 0, "127.0.0.1"),  # no trusted proxy: the header is ignored
        ("10.0.0.2", "203.0.113.7", 1, "203.0.113.7"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),  # a forged entry on the left
        ("10.0.0.2", "203.0.113.7, 198.51.100.1", 2, "203.0.113.7"),  # load balancer, then nginx
        ("10.0.0.2", "203.0.113.7", 2, "10.0.0.2"),  # too short: not through both proxies
        ("10.0.0.2", "not-an-address", 1, "10.0.0.2"),
        ("10.0.0.2", "203.0.113.7:51234", 1, "203.0.113.7"),
        ("10.0.0.2", "[2001:db8::1]:443", 1, "2001:db8::1"),
        ("10.0.0.2", " 2001:DB8:0::1 ", 1, "2001:db8::1"),
        ("10.0.0.2", "fe80::1%eth0", 1, "10.0.0.2"),
        ("", None, 0, None),
        ("", "", 1, None),
    ],
)
def test_examples(remote, forwarded, proxies, expected):
    assert client_address(remote, forwarded, proxies) == expected


@given(ips, st.lists(junk, max_size=4), st.lists(ips, min_size=1, max_size=4))
def test_what_the_client_writes_on_the_left_never_changes_the_answer(remote, forged, written_by_proxies):
    trusted = len(written_by_proxies)
    honest = ", ".join(written_by_proxies)
    forged_header = ", ".join([*forged, honest]) if forged else honest
    expected = str(ipaddress.ip_address(written_by_proxies[0]))
    assert client_address(remote, honest, trusted) == expected
    assert client_address(remote, forged_header, trusted) == expected


@given(ips, st.one_of(st.none(), junk, ips))
def test_with_no_trusted_proxy_the_connection_address_is_used(remote, forwarded):
    assert client_address(remote, forwarded, 0) == str(ipaddress.ip_address(remote))


@given(st.one_of(st.none(), junk), st.one_of(st.none(), junk), st.integers(min_value=0, max_value=5))
def test_the_answer_is_an_address_or_nothing(remote, forwarded, proxies):
    answer = client_address(remote, forwarded, proxies)
    assert answer is None or str(ipaddress.ip_address(answer)) == answer


@given(ips)
def test_parse_address_is_canonical(address):
    assert parse_address(address) == str(ipaddress.ip_address(address))
    assert parse_address(parse_address(address)) == parse_address(address)
