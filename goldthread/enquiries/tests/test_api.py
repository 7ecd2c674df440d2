from datetime import date

from goldthread.council.models import Role
from goldthread.enquiries import services


def test_member_enquiries_api_follows_the_page_permissions(council, users, make_user, client, directorate):
    mine = services.enquiry_raise(
        council=council,
        member=users[Role.MEMBER],
        ward="Ford",
        subject="Bins",
        text="Missed",
        raised_on=date(2025, 2, 3),
    )
    other_member = make_user(Role.MEMBER, "cllr-b")
    services.enquiry_raise(council=council, member=other_member, ward="Ainsdale", subject="Dunes", text="Signs")
    client.force_login(users[Role.MEMBER])
    answer = client.get("/api/member-enquiries").json()
    assert [e["reference"] for e in answer] == [mine.reference]
    assert answer[0]["due_on"] == "2025-02-17" and answer[0]["status"] == "open"
    client.force_login(users[Role.OFFICER])
    assert client.get("/api/member-enquiries").json() == []
    services.enquiry_route(
        enquiry=mine, user=users[Role.PERFORMANCE], directorate=directorate, officer=users[Role.OFFICER], version=1
    )
    assert [e["reference"] for e in client.get("/api/member-enquiries").json()] == [mine.reference]
    client.force_login(users[Role.PERFORMANCE])
    assert len(client.get("/api/member-enquiries").json()) == 2
    assert len(client.get("/api/member-enquiries?status=closed").json()) == 0
    assert client.get("/api/member-enquiries?status=nonsense").status_code == 422


def test_complaints_api(council, users, client_for):
    pt = users[Role.PERFORMANCE]
    services.complaint_count_save(council=council, user=pt, period="2024-25 Q1", stage=1, outcome="upheld", count=7)
    services.complaint_count_save(council=council, user=pt, period="2024-25 Q1", stage=2, outcome="partly", count=2)
    services.ombudsman_decisions_save(council=council, user=pt, span="2023-24", referrals=30, upheld=9)
    body = client_for(Role.MEMBER).get("/api/complaints").json()
    assert body["quarters"][0] == {
        "period": "2024-25 Q1",
        "stage_1": {"upheld": 7},
        "stage_2": {"partly": 2},
        "total": 9,
        "is_example": False,
    }
    assert body["ombudsman"][0]["upheld"] == 9
