"""Roles from an identity provider's group claims, set by GOLDTHREAD_OIDC_ROLE_MAP.

The map is written ``group=role,group=role``; the first entry whose group the person is in decides
their role, so the council lists its most powerful group first. No Django here: plain rules."""

from collections.abc import Iterable


class RoleMapError(ValueError):
    """The role map's text cannot be read: which entry and why."""


def parse_role_map(text: str, known_roles: Iterable[str]) -> list[tuple[str, str]]:
    """``"gt-performance=performance, gt-members=member"`` as ordered (group, role) pairs."""
    known = set(known_roles)
    pairs: list[tuple[str, str]] = []
    for number, entry in enumerate(text.split(","), start=1):
        entry = entry.strip()
        if not entry:
            continue
        group, sep, role = entry.rpartition("=")
        group, role = group.strip(), role.strip()
        if not sep or not group or not role:
            raise RoleMapError(f"Entry {number} ({entry!r}) must be written group=role.")
        if role not in known:
            raise RoleMapError(f"Entry {number} ({entry!r}) names role {role!r}; roles are {', '.join(sorted(known))}.")
        pairs.append((group, role))
    return pairs


def groups_in_claim(value: object) -> list[str]:
    """A groups claim as a list of names: providers send a list, or one name, or a space-separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def role_for_groups(groups: Iterable[str], role_map: list[tuple[str, str]]) -> str | None:
    """The role of the first map entry whose group is among ``groups``, or None if none is."""
    member_of = set(groups)
    for group, role in role_map:
        if group in member_of:
            return role
    return None
