"""One heat map in every report: the Cabinet pack and the Audit and Governance Committee report show
the same grid, labelled with the risk matrix's own words and bands (issue #15)."""

from datetime import date

from goldthread.core.documents import Table
from goldthread.reports.models import ReportType
from goldthread.reports.pack import ReportContext, build_report
from goldthread.risk.models import RiskMatrix

PERIOD = "2023-24 Q2"


def _heat_table(council, kind) -> Table:
    ctx = ReportContext(council=council, period=PERIOD, audience="cabinet", user=None, as_of=date(2024, 5, 31))
    doc = build_report(kind, ctx)
    return next(b for b in doc.blocks if isinstance(b, Table) and b.caption.startswith("Heat map"))


def test_the_cabinet_pack_and_the_audit_report_show_the_same_labelled_heat_map(example, db):
    pack = _heat_table(example, ReportType.QUARTERLY)
    audit = _heat_table(example, ReportType.AUDIT_RISK)
    assert pack.headers == audit.headers
    assert pack.rows == audit.rows  # as at the same period's end, the same risks in the same cells

    matrix = RiskMatrix.objects.order_by("-version").first()
    impacts = matrix.levels.filter(axis="impact").order_by("value")
    assert pack.headers[1:] == [f"{lv.value} {lv.label}" for lv in impacts]
    top = matrix.levels.filter(axis="likelihood").order_by("-value").first()
    assert pack.rows[0][0] == f"{top.value} {top.label}"
    assert not any(str(cell).startswith("Likelihood ") for row in pack.rows for cell in row)


def test_each_cell_gives_its_band_and_references(example, db):
    pack = _heat_table(example, ReportType.QUARTERLY)
    cells = [cell for row in pack.rows for cell in row[1:]]
    assert all("(" in cell and ")" in cell for cell in cells)  # "2 (very high): CR-001, CR-006"
    assert any("CR-001" in cell for cell in cells)
    assert sum(int(cell.split(" ")[0]) for cell in cells) > 0
