"""Wording rules shared by every app. Plain Python, no Django."""

from __future__ import annotations


def sentence_case(text: str) -> str:
    """``text`` starting with a capital, the rest as written: "the value for 2023-24 Q2" -> "The value for
    2023-24 Q2". Unlike ``str.capitalize`` it never lowers the rest ("Q2", "MHCLG", names stay as they are)."""
    return text[:1].upper() + text[1:]
