"""Find a review's recommendations in the plain text of its report. Pure text parsing:
reading Word or PDF into text happens in the improvement app.

Three shapes, tried in this order:

1. Headed recommendations, as in an LGA Corporate Peer Challenge report:
   "Recommendation One: <title>: <text>" or "Recommendation 1 - <title>. <text>".
   ``ref`` is the number in digits ("1".."10") whether the document spells it or not.
2. Lettered paragraphs, as in a Cabinet report on a revisit: "A <text>", "B <text>" ...
   (a consecutive run starting at A). Paragraphs beginning "Council response" after a
   recommendation are its response; every one is kept, in order, joined by a blank line,
   with the "Council response –" label removed. ``ref`` is the letter.
3. A numbered list ("1. ...", "1) ...", "(1) ...") in a document that talks about
   recommendations. ``ref`` is the number.

For each: ``title`` is the heading sentence (the text before the first colon of a headed
recommendation, otherwise the first sentence), ``text`` the rest. No recommendations found
raises ``NoRecommendationsFound`` rather than returning an empty plan.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

_WORDS = (
    "one two three four five six seven eight nine ten "
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = {w: i for i, w in enumerate(_WORDS.split(" "), start=1)}


class NoRecommendationsFound(ValueError):
    pass


@dataclass
class ParsedRecommendation:
    ref: str
    title: str
    text: str
    response: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


HEADED = re.compile(
    r"Recommendation\s+(?P<num>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b\s*[:.\-–—]?\s*",
    re.IGNORECASE,
)
SECTION_HEADING = re.compile(r"^\s*\d+(\.\d+)*\.?\s+[A-Z][^.]{0,80}$")
LETTERED = re.compile(r"^\s*(?P<letter>[A-Z])[.)]?\s+(?P<rest>[A-Z\"'‘“].*)$")
NUMBERED = re.compile(r"^\s*(?:[-•*]\s*)?(?:\((?P<a>\d{1,2})\)|(?P<b>\d{1,2})[.)])\s+(?P<rest>\S.*)$")
RESPONSE = re.compile(r"^\s*(?:\*\*)?Council(?:'s)? response(?:\*\*)?\s*[–—:\-]*\s*", re.IGNORECASE)
PAGE_FURNITURE = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d{1,3})$", re.IGNORECASE)  # footers from PDFs
SENTENCE_END = re.compile(r"[.!?;:][\"'’”)]*$")


def parse_recommendations(text: str) -> list[ParsedRecommendation]:
    lines = [_clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line and not PAGE_FURNITURE.match(line)]
    for finder in (_headed, _lettered, _numbered):
        found = finder(lines)
        if found:
            return found
    raise NoRecommendationsFound(
        "No recommendations found. Goldthread looks for headings such as 'Recommendation One:' or "
        "'Recommendation 1', lettered paragraphs ('A ...', 'B ...') or a numbered list in a document "
        "that mentions recommendations."
    )


def _clean(line: str) -> str:
    line = line.replace("**", "").replace("\u00a0", " ").strip()
    return re.sub(r"^[-•*]\s+", "", line).strip()


def _join(parts: list[str]) -> str:
    """Lines back into paragraphs: a line that stops mid-sentence (a page or line break in the
    source) runs on into the next; otherwise a blank line between paragraphs."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif SENTENCE_END.search(out):
            out += "\n\n" + part
        else:
            out += " " + part
    return out.strip()


def _is_heading(line: str) -> bool:
    return bool(SECTION_HEADING.match(line))


def _colon_split(body: str) -> tuple[str | None, str]:
    """A heading that ends in a colon, then the wording (the colon may end a line)."""
    match = re.search(r":\s+", body)
    if match is None or match.start() > 300 or "\n" in body[: match.start()]:
        return None, body
    return body[: match.start()].strip(), body[match.end() :].strip()


def _split_title(body: str, *, colon: bool) -> tuple[str, str]:
    body = body.strip()
    if colon:
        head, rest = _colon_split(body)
        if head is not None:
            return head, rest
        if body.endswith(":") and "\n" not in body:
            return body[:-1].strip(), ""
    match = re.search(r"[.!?](?=\s|$)", body)
    if match is None:
        return body, ""
    return body[: match.end()].strip(), body[match.end() :].strip()


# --- 1. "Recommendation One: ..." ----------------------------------------------------------


def _ref_number(token: str) -> str:
    return token if token.isdigit() else str(NUMBER_WORDS[token.lower()])


def _headed(lines: list[str]) -> list[ParsedRecommendation]:
    items: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for line in lines:
        match = HEADED.match(line)
        if match:
            current = [line[match.end() :]]
            items.append((_ref_number(match["num"]), current))
        elif current is not None:
            if _is_heading(line):
                current = None
            elif RESPONSE.match(line) or current:
                current.append(line)
    return [_build(ref, parts, colon=True) for ref, parts in _dedupe(items)]


def _build(ref: str, parts: list[str], *, colon: bool) -> ParsedRecommendation:
    body: list[str] = []
    responses: list[list[str]] = []
    for part in parts:
        if RESPONSE.match(part):
            responses.append([RESPONSE.sub("", part, count=1)])
        elif responses:
            responses[-1].append(part)
        else:
            body.append(part)
    body = [b for b in body if b]
    if colon and _heading_on_own_line(body):
        title, text = body[0], _join(body[1:])
    else:
        title, text = _split_title(_join(body), colon=colon)
    response = "\n\n".join(_join(r) for r in responses if _join(r))
    return ParsedRecommendation(ref=ref, title=title, text=text, response=response)


def _heading_on_own_line(body: list[str]) -> bool:
    """ "Recommendation 1" / "Increase reserves" / "The Council should ...": a short first line with no
    colon heading and no full stop, followed by a line that starts a new sentence. (A heading that a
    PDF merely wrapped continues in lower case, or reaches its colon on the next line.)"""
    if len(body) < 2 or len(body[0]) > 200 or SENTENCE_END.search(body[0]):
        return False
    if _colon_split(_join(body))[0] is not None:
        return False
    return body[1][:1].isupper()


def _dedupe(items: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """A contents page or cross-reference may name a recommendation twice: keep the fuller one."""
    best: dict[str, list[str]] = {}
    for ref, parts in items:
        if ref not in best or sum(map(len, parts)) > sum(map(len, best[ref])):
            best[ref] = parts
    return list(best.items())


# --- 2. lettered paragraphs -------------------------------------------------------------------


def _lettered(lines: list[str]) -> list[ParsedRecommendation]:
    starts = _letter_run(lines)
    if len(starts) < 2:
        return []
    found = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        first = LETTERED.match(lines[start])
        assert first  # _letter_run found a lettered line here
        parts = [first["rest"]]
        for line in lines[start + 1 : end]:
            if _is_heading(line):
                break
            parts.append(line)
        found.append(_build(chr(ord("A") + n), parts, colon=False))
    return found


def _letter_run(lines: list[str]) -> list[int]:
    """Line indexes of the longest run A, B, C ... in order (other lines may come between)."""
    best: list[int] = []
    for i, line in enumerate(lines):
        match = LETTERED.match(line)
        if not match or match["letter"] != "A":
            continue
        run, expected = [i], "B"
        for j in range(i + 1, len(lines)):
            nxt = LETTERED.match(lines[j])
            if nxt and nxt["letter"] == expected:
                run.append(j)
                expected = chr(ord(expected) + 1)
            elif _is_heading(lines[j]):
                break
        if len(run) > len(best):
            best = run
    return best


# --- 3. numbered lists --------------------------------------------------------------------------


def _numbered(lines: list[str]) -> list[ParsedRecommendation]:
    if not any("recommend" in line.lower() for line in lines):
        return []
    best: list[tuple[str, list[str]]] = []
    current_run: list[tuple[str, list[str]]] = []
    for line in lines:
        match = NUMBERED.match(line)
        number = (match["a"] or match["b"]) if match else ""
        if match and int(number) == len(current_run) + 1:
            current_run.append((number, [match["rest"]]))
        elif match and number == "1":
            best = max(best, current_run, key=len)
            current_run = [(number, [match["rest"]])]
        elif current_run and not _is_heading(line):
            current_run[-1][1].append(line)
        else:
            best = max(best, current_run, key=len)
            current_run = []
    best = max(best, current_run, key=len)
    return [_build(ref, parts, colon=True) for ref, parts in best] if len(best) >= 1 else []
