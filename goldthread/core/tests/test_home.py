"""The home page says what needs doing for the person signed in, each line linked to where it is done."""

from datetime import date

from goldthread.improvement import services as improvement


def test_each_person_sees_their_own_work_and_the_team_sees_the_councils(client_for, council, directorate, users):
    improvement.action_create(
        description="Publish the action plan",
        user=users["performance"],
        directorate=directorate,
        lead=users["officer"],
        due_date=date(2020, 1, 31),
    )
    officer = client_for("officer").get("/").content.decode()
    assert "What needs doing" in officer and "1 action you lead past its due date" in officer
    assert "/improvement/actions/mine/" in officer
    team = client_for("performance").get("/").content.decode()
    assert "1 action across the council past the due date" in team and "you lead" not in team
    member = client_for("member").get("/").content.decode()
    assert "Nothing of yours is overdue" in member
