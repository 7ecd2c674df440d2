"""Which address a request came from, behind a known number of trusted reverse proxies.

Each proxy appends the address it received the request from to ``X-Forwarded-For``, so behind
``trusted_proxies`` proxies the client is that many entries from the right. Everything further left
was written by the client itself and can be forged, so it is never used. A header shorter than that,
or an entry that is not an IP address, means the request did not come through the proxies as
configured: the connection's own address is used instead, as it is with no trusted proxies.
"""

from __future__ import annotations

import ipaddress


def parse_address(text: str | None) -> str | None:
    """``text`` as a canonical IP address, or None. Accepts ``1.2.3.4:port`` and ``[v6]:port``."""
    if not text:
        return None
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1] or [2001:db8::1]:443
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.scope_id:
        return None  # a zone index means nothing outside the proxy's own host
    return str(address)


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted_proxies: int) -> str | None:
    """The client's address: the connection's own with no trusted proxies, else from ``forwarded_for``."""
    if trusted_proxies > 0 and forwarded_for:
        hops = forwarded_for.split(",")
        if len(hops) >= trusted_proxies:
            client = parse_address(hops[-trusted_proxies])
            if client is not None:
                return client
    return parse_address(remote_addr)
