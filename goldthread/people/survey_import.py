"""Read survey results: raw responses (one row per respondent) or aggregated counts. Every
row is checked before anything is written; problems are reported by row and column."""

from __future__ import annotations

from goldthread.core.tabular import ImportRejected, RowErrors, normalise_header, read_rows, require_columns
from goldthread.domain.surveys import OVERALL, normalise_answer, parse_positive, tally

from .models import SurveyResult

OVERALL_DIMENSION = "overall"


def read_raw(wave, content: bytes, filename: str) -> tuple[list[SurveyResult], int]:
    survey = wave.survey
    questions = list(survey.questions.all())
    errors = RowErrors()
    headers, rows = read_rows(content, filename)
    columns = require_columns(headers, [q.code for q in questions] + survey.group_column_list, errors)
    if errors:
        raise ImportRejected(errors)
    if not questions:
        errors.add(None, "", "the survey has no questions yet; add them before loading results")
        raise ImportRejected(errors)
    responses = []
    for row in rows:
        response = {}
        for q in questions:
            raw = row.get(columns[q.code])
            answer = normalise_answer(raw, q.answer_type)
            if answer is None:
                allowed = "1 to 5" if q.answer_type == "likert" else "yes or no"
                errors.add(row.number, q.code, f"'{raw}' is not an answer ({allowed}, or blank)")
            response[q.code] = answer or ""
        for column in survey.group_column_list:
            response[column] = row.get(columns[column]) or "Not stated"
        responses.append(response)
    if not responses:
        errors.add(None, "", "the file has no responses")
    if errors:
        raise ImportRejected(errors)
    positive = {q.code: parse_positive(q.positive_answers, q.answer_type) for q in questions}
    by_code = {q.code: q for q in questions}
    results = []
    for dimension, column in [(OVERALL_DIMENSION, None)] + [(c, c) for c in survey.group_column_list]:
        for code, groups in tally(responses, positive, column).items():
            for group, count in groups.items():
                results.append(
                    SurveyResult(
                        wave=wave,
                        question=by_code[code],
                        dimension=dimension,
                        group=group,
                        n=count.n,
                        n_positive=count.n_positive,
                    )
                )
    return results, len(responses)


def _int(row, column, header, errors) -> int | None:
    text = row.get(header).strip()
    try:
        value = int(float(text)) if text.replace(".", "", 1).isdigit() else int(text)
    except ValueError:
        errors.add(row.number, column, f"'{text}' is not a whole number")
        return None
    if value < 0:
        errors.add(row.number, column, "cannot be negative")
        return None
    return value


def read_aggregated(wave, content: bytes, filename: str) -> tuple[list[SurveyResult], int]:
    """Columns: question, group, n, n_positive, and optionally dimension (e.g. directorate).
    A blank group (or 'All respondents') is the overall result."""
    survey = wave.survey
    by_code = {q.code.lower(): q for q in survey.questions.all()}
    errors = RowErrors()
    headers, rows = read_rows(content, filename)
    columns = require_columns(headers, ["question", "group", "n", "n positive"], errors)
    dimension_header = next((h for h in headers if normalise_header(h) == "dimension"), None)
    if errors:
        raise ImportRejected(errors)
    seen: dict[tuple[str | None, str, str], int] = {}
    results, respondents = [], 0
    for row in rows:
        question = by_code.get(row.get(columns["question"]).strip().lower())
        if question is None:
            errors.add(row.number, "question", f"'{row.get(columns['question'])}' is not a question of this survey")
        group = row.get(columns["group"]).strip()
        is_overall = group.lower() in {"", "overall", "all", OVERALL.lower()}
        dimension = (
            OVERALL_DIMENSION if is_overall else (row.get(dimension_header).strip().lower() if dimension_header else "")
        )
        dimension = dimension or "group"
        if dimension != OVERALL_DIMENSION and dimension not in survey.group_column_list + ["group"]:
            errors.add(row.number, "dimension", f"'{dimension}' is not one of this survey's groups")
        n = _int(row, "n", columns["n"], errors)
        n_positive = _int(row, "n positive", columns["n positive"], errors)
        if n is not None and n_positive is not None and n_positive > n:
            errors.add(row.number, "n positive", f"{n_positive} is more than n ({n})")
        key = (question.code if question else None, dimension, OVERALL if is_overall else group)
        if question and key in seen:
            errors.add(row.number, "group", f"a second row for {key[0]}, {key[2]} (first on row {seen[key]})")
        seen[key] = row.number
        if question is None or n is None or n_positive is None or n_positive > n:
            continue
        if is_overall:
            respondents = max(respondents, n)
        results.append(
            SurveyResult(wave=wave, question=question, dimension=dimension, group=key[2], n=n, n_positive=n_positive)
        )
    if not rows:
        errors.add(None, "", "the file has no results")
    if errors:
        raise ImportRejected(errors)
    return results, respondents
