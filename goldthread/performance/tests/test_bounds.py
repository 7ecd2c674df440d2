"""Impossible values are refused with a clear error wherever they come in: the form, an upload, the API."""

from decimal import Decimal

import pytest
from django.urls import reverse

from goldthread.core.tabular import ImportRejected
from goldthread.core.tokens import create_token
from goldthread.performance import services
from goldthread.performance.models import MeasureValue, Target


def test_a_percentage_over_100_is_refused_by_the_service(measure, users):
    with pytest.raises(services.PerformanceError, match="2950 is above 100, the most a percentage can be for CS-01"):
        services.value_record(measure=measure, period="2023-24 Q2", value="2950", user=users["editor"])
    with pytest.raises(services.PerformanceError, match="below 0"):
        services.target_set(
            measure=measure, period="2023-24 Q2", value="-1", is_example=False, user=users["performance"]
        )
    assert not MeasureValue.objects.exists() and not Target.objects.exists()


def test_a_measures_own_limits_replace_the_default(make_measure, users):
    growth = make_measure("GR-1", unit="percent", minimum=Decimal(-100), maximum=Decimal(1000))
    saved = services.value_record(measure=growth, period="2023-24 Q2", value="250", user=users["editor"])
    assert saved.value == Decimal(250)
    days = make_measure("DY-1", unit="days", minimum=Decimal(0))
    with pytest.raises(services.PerformanceError, match="-2 is below 0, the least a value of this measure can be"):
        services.value_record(measure=days, period="2023-24 Q2", value="-2", user=users["editor"])


def test_the_value_form_shows_the_error_and_saves_nothing(client_for, measure):
    url = reverse("performance:value_enter", args=[measure.reference])
    page = client_for("editor").post(url, {"period": "2023-24 Q2", "value": "2950", "commentary": "typed"})
    body = page.content.decode()
    assert page.status_code == 200 and "2950 is above 100" in body and "typed" in body
    assert not MeasureValue.objects.exists()


def test_an_upload_names_the_row_and_writes_nothing(measure, users):
    content = "measure_reference,period,value\nCS-01,2023-24 Q1,50\nCS-01,2023-24 Q2,2950\n"
    with pytest.raises(ImportRejected) as refused:
        services.values_import(content=content.encode(), filename="values.csv", user=users["editor"])
    (error,) = refused.value.errors
    assert error.row == 3 and error.column == "value" and "above 100" in error.message
    assert not MeasureValue.objects.exists()


def test_the_api_answers_422_and_reports_the_bounds(client, measure, users):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['editor'])}"}
    answer = client.post(
        "/api/measures/CS-01/values",
        {"period": "2023-24 Q2", "value": "2950"},
        content_type="application/json",
        **headers,
    )
    assert answer.status_code == 422 and "above 100" in answer.json()["detail"]
    described = client.get("/api/measures/CS-01", **headers).json()
    assert (Decimal(described["minimum"]), Decimal(described["maximum"])) == (0, 100)
