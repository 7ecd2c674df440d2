import json

from goldthread.improvement.models import Action


def test_lists_and_details(client_for, action):
    client = client_for("member")
    reviews = client.get("/api/reviews").json()
    assert reviews[0]["reference"] == "cpc-2023"
    assert client.get("/api/reviews/cpc-2023").json()["recommendations"] == ["CPC23-R01"]
    assert client.get("/api/recommendations?review=cpc-2023").json()[0]["actions"] == ["CPC23-R01-A01"]
    detail = client.get("/api/actions/CPC23-R01-A01").json()
    # Past its due date (31 March 2024) and not complete: off track by the dates, whatever the owner says.
    assert (detail["status_words"], detail["dated_status"], detail["rag"]) == ("Not started", "off_track", "red")
    assert detail["overdue_days"] > 0 and detail["revised_due_date"] is None
    deadlines = client.get("/api/deadlines").json()
    assert {"review", "deadline", "due", "state", "days", "words"} <= set(deadlines[0])
    assert client.get("/api/reviews/cpc-2023/deadlines").status_code == 200


def test_post_progress_follows_the_page_permissions(client, client_for, action, make_user):
    body = json.dumps({"text": "Drafted", "date": "2024-01-10", "status": "on_track", "percent_complete": 25})
    url = "/api/actions/CPC23-R01-A01/progress"
    assert client_for("member").post(url, body, content_type="application/json").status_code == 403
    client.force_login(action.lead)
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["updates"][0]["text"] == "Drafted"
    assert Action.objects.get().percent_complete == 25
    bad = json.dumps({"text": "x", "percent_complete": 120})
    assert client.post(url, bad, content_type="application/json").status_code == 422


def test_unknown_action_is_404(client_for, db, users):
    assert client_for("auditor").get("/api/actions/NOPE").status_code == 404
