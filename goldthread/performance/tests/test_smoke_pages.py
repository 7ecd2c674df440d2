import pytest

from .conftest import add_target, add_value


@pytest.mark.parametrize(
    "url",
    [
        "/performance/",
        "/performance/scorecard/",
        "/performance/measures/",
        "/performance/measures/CS-01/",
        "/performance/measures/CS-01/history/",
        "/performance/measures/CS-01/values/new/",
        "/performance/upload/",
        "/",
        "/performance/measures/CS-01/targets/new/",
        "/performance/measures/new/",
        "/performance/measures/CS-01/edit/",
        "/council/priorities/protect-vulnerable/",
    ],
)
def test_pages_render(client_for, measure, url):
    add_value(measure, "2023-24 Q1", 80)
    add_value(measure, "2023-24 Q2", 85, status="draft")
    add_target(measure, "2023-24 Q2", 72, is_example=True)
    r = client_for("performance").get(url)
    assert r.status_code == 200, r.content.decode()[:3000]
