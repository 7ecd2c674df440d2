"""Best Value self-assessment: the seven themes of the statutory guidance and the plain rules that propose
flags from a council's own data.

The themes are those of "Best value standards and intervention: a statutory guide for best value
authorities" (Ministry of Housing, Communities and Local Government, May 2024). The summaries below are
Goldthread's own short paraphrase of what each theme asks for and the warning signs it lists; read the
guidance itself for its words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

GUIDANCE = (
    "Best value standards and intervention: a statutory guide for best value authorities (MHCLG, May 2024), "
    "https://www.gov.uk/government/publications/best-value-standards-and-intervention-a-statutory-guide-for-best-value-authorities"
)


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    well_functioning: str  # what good looks like, in our own words
    warning_signs: str  # what may point to failure, in our own words


THEMES = [
    Theme(
        "continuous-improvement",
        "Continuous improvement",
        "Knows how it performs against others, learns from data, challenge and complaints, and acts on what it "
        "learns; welcomes external review and follows through on it.",
        "Little use of comparative data; reviews and audit findings left unanswered; the same problems recur.",
    ),
    Theme(
        "leadership",
        "Leadership",
        "Members and senior officers share a clear, realistic vision and priorities, set out in plans that "
        "are kept up to date, and lead the organisation towards them together.",
        "Unclear or out-of-date priorities; high turnover or vacancies at the top; strained member and officer "
        "relationships.",
    ),
    Theme(
        "governance",
        "Governance",
        "Decisions are taken openly on good advice; scrutiny and audit challenge effectively; risks are known "
        "and managed; the statutory officers are heard.",
        "Weak scrutiny or audit committee; decisions taken without proper advice; risks outside appetite left "
        "unmanaged; policies and constitution out of date.",
    ),
    Theme(
        "culture",
        "Culture",
        "Open and respectful behaviour; staff and members can raise concerns; complaints and whistleblowing "
        "are handled well and learned from.",
        "Bullying or a closed culture; concerns not raised or not acted on; poor staff survey results.",
    ),
    Theme(
        "use-of-resources",
        "Use of resources",
        "A balanced, sustainable budget and medium-term plan; reserves kept at a prudent level; assets and "
        "commercial activity well managed.",
        "Repeated overspends; reserves run down year after year; reliance on one-off money; late or qualified "
        "accounts.",
    ),
    Theme(
        "service-delivery",
        "Service delivery",
        "Services meet residents' needs and statutory duties, performance is measured and poor results are acted on.",
        "Poor inspection outcomes; performance below target with no plan to recover; failing statutory services.",
    ),
    Theme(
        "partnerships-and-community-engagement",
        "Partnerships and community engagement",
        "Works with partners and residents to shape and deliver shared goals; listens to communities and responds.",
        "Partners kept at arm's length; residents not consulted; shared plans lapsed.",
    ),
]
THEME_CODES = [t.code for t in THEMES]
PEER_CHALLENGE_YEARS = 5


def theme(code: str) -> Theme:
    return next(t for t in THEMES if t.code == code)


def peer_challenge_gap(last_challenge: date | None, today: date) -> bool:
    """No corporate peer challenge within the last five years (or none on record)."""
    if last_challenge is None:
        return True
    try:
        cutoff = today.replace(year=today.year - PEER_CHALLENGE_YEARS)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - PEER_CHALLENGE_YEARS, day=28)
    return last_challenge < cutoff


def reserves_falling(balances: list[Decimal]) -> bool:
    """The year-end balance fell in each of the last three years (so at least four years are needed),
    ``balances`` oldest first."""
    if len(balances) < 4:
        return False
    last = balances[-4:]
    return all(later < earlier for earlier, later in zip(last, last[1:], strict=False))


def unanswered_reds(rows: list[tuple[str, str, bool]]) -> list[str]:
    """The references of measures rated red with no improvement action: rows of (reference, rag, has action)."""
    return sorted({ref for ref, rag, has_action in rows if rag == "red" and not has_action})
