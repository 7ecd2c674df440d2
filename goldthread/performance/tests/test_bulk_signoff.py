"""The sign-off page: many values, risk reviews and budget lines submitted, approved or returned at
once, each row still checked against the version shown."""

from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from goldthread.core.models import Change
from goldthread.finance import services as finance
from goldthread.finance.models import BudgetLine, LineStatus
from goldthread.performance import services
from goldthread.performance.models import MeasureValue, Status
from goldthread.risk import services as risk_services
from goldthread.risk.models import Category, Level, RiskReview

URL = reverse("performance:signoff")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _values(make_measure, user, count=3):
    made = []
    for i in range(count):
        m = make_measure(f"CS-{i:02d}")
        made.append(services.value_record(measure=m, period="2023-24 Q2", value=str(10 + i), user=user, version=0))
    return made


def _keys(page: str) -> list[str]:
    import re

    return re.findall(r'name="rows" type="checkbox" value="([^"]+)"(?! disabled)', page)


def test_an_editor_submits_many_values_at_once(make_measure, users):
    made = _values(make_measure, users["editor"])
    client = _signed_in(users["editor"])
    page = client.get(URL, {"period": "2023-24 Q2"}).content.decode()
    keys = _keys(page)
    assert len(keys) == 3 and "Approve the chosen items" not in page
    response = client.post(URL, {"period": "2023-24 Q2", "action": "submit", "rows": keys}, follow=True)
    assert "3 submitted" in response.content.decode()
    assert set(MeasureValue.objects.values_list("status", flat=True)) == {Status.SUBMITTED}
    assert Change.objects.filter(action=Change.Action.SUBMIT).count() == len(made)


def test_a_row_that_changed_since_is_refused_and_the_others_go_through(make_measure, users):
    made = _values(make_measure, users["editor"])
    for v in made:
        services.value_submit(measure_value=v, user=users["editor"], version=v.version)
    officer = _signed_in(users["performance"])
    keys = _keys(officer.get(URL, {"period": "2023-24 Q2"}).content.decode())
    assert len(keys) == 3
    changed = MeasureValue.objects.get(pk=made[0].pk)
    services.value_record(measure=changed.measure, period="2023-24 Q2", value="99", user=users["editor"],
                          version=changed.version)  # fmt: skip
    response = officer.post(URL, {"period": "2023-24 Q2", "action": "approve", "rows": keys}, follow=True)
    text = response.content.decode()
    assert "2 approved" in text and "Not approved: CS-00 2023-24 Q2: changed by Editor Tester" in text
    statuses = dict(MeasureValue.objects.values_list("measure__reference", "status"))
    assert statuses == {"CS-00": Status.DRAFT, "CS-01": Status.APPROVED, "CS-02": Status.APPROVED}


def test_returning_needs_a_reason_and_own_entries_are_refused(make_measure, users):
    officer = users["performance"]
    mine = _values(make_measure, officer, count=1)[0]
    services.value_submit(measure_value=mine, user=officer, version=mine.version)
    client = _signed_in(officer)
    keys = _keys(client.get(URL, {"period": "2023-24 Q2"}).content.decode())
    no_reason = client.post(URL, {"period": "2023-24 Q2", "action": "return", "rows": keys}, follow=True)
    assert "Say why the items are being returned" in no_reason.content.decode()
    response = client.post(URL, {"period": "2023-24 Q2", "action": "approve", "rows": keys}, follow=True)
    assert "someone else must approve it" in response.content.decode()
    assert MeasureValue.objects.get().status == Status.SUBMITTED


def test_reviews_and_budget_lines_are_decided_on_the_same_page(council, directorate, users):
    editor = users["editor"]
    matrix = risk_services.matrix_create_default(user=None)
    category = Category.objects.create(council=council, code="financial", name="Financial", appetite=12)
    register = risk_services.register_for(council=council, level=Level.DIRECTORATE, directorate=directorate)
    scores = {f"{k}_{a}": 3 for k in ("inherent", "current", "target") for a in ("likelihood", "impact")}
    risk = risk_services.risk_create(register=register, user=None, title="Bulk", category=category, matrix=matrix,
                                     **scores)  # fmt: skip
    risk_services.review_record(risk=risk, user=editor, date=date(2023, 9, 30), period="2023-24 Q2", likelihood=4,
                                impact=4)  # fmt: skip
    line = finance.budget_line_save(council=council, user=editor, directorate=directorate, period_text="2023-08",
                                    budget=Decimal("1000"), forecast_outturn=None)  # fmt: skip
    finance.submit(obj=line, user=editor, version=line.version)
    officer = _signed_in(users["performance"])
    keys = _keys(officer.get(URL, {"period": "2023-24 Q2"}).content.decode())
    assert {k.split(":")[0] for k in keys} == {"review", "budget"}
    response = officer.post(
        URL, {"period": "2023-24 Q2", "action": "return", "reason": "Recheck the figures", "rows": keys}, follow=True
    )
    assert "2 returned" in response.content.decode()
    assert RiskReview.objects.get().status == RiskReview.Status.DRAFT
    assert BudgetLine.objects.get().status == LineStatus.RETURNED


def test_readers_cannot_use_the_page_and_editors_see_their_directorate_only(make_measure, users, other_directorate):
    assert _signed_in(users["member"]).get(URL).status_code == 403
    theirs = make_measure("PL-01", directorate=other_directorate)
    services.value_record(measure=theirs, period="2023-24 Q2", value="1", user=users["performance"], version=0)
    _values(make_measure, users["editor"], count=1)
    page = _signed_in(users["editor"]).get(URL, {"period": "2023-24 Q2"}).content.decode()
    assert "CS-00" in page and "PL-01" not in page


def test_a_nonsense_period_is_an_error_on_the_page(users):
    response = _signed_in(users["performance"]).get(URL, {"period": "soon"})
    assert response.status_code == 200 and "is not a quarter or financial year" in response.content.decode()
