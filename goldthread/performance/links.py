"""The priority page's list of measures, each with its latest RAG in words."""

from goldthread.council import permissions
from goldthread.council.links import LinkedItem, LinkedSection

from .selectors import priority_measure_rows


def priority_measures(priority, user) -> LinkedSection | None:
    if not permissions.can_read(user):
        return None

    items = []
    for row in priority_measure_rows(priority, user):
        figure = row.figure
        when = f" ({figure.period_label})" if figure else ""
        detail = f"{row.rag.words}: {row.value_text}{when}"
        if row.awaiting_approval:
            detail += "; a newer figure is awaiting approval"
        items.append(
            LinkedItem(
                label=f"{row.measure.reference} {row.measure.title}", url=row.measure.get_absolute_url(), detail=detail
            )
        )
    return LinkedSection(
        heading="Measures", items=items, empty_text="No measures are linked to this priority yet.", order=10
    )
