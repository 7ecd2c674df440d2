"""The forms behind the pages: setting up surveys, forums and appraisals through the UI."""

import datetime as dt

from goldthread.core.audit import history_for
from goldthread.council.models import Role
from goldthread.people.models import Appraisal, Forum, Survey

from .helpers import cycle, employee


def test_setting_up_a_survey_with_questions_and_a_wave(client_for, council):
    client = client_for(Role.HR)
    response = client.post(
        "/people/surveys/new/",
        {"name": "Resident survey", "kind": "resident", "minimum_group_size": "10", "group_columns": "township"},
    )
    assert response.status_code == 302
    survey = Survey.objects.get()
    url = survey.get_absolute_url()
    client.post(
        url,
        {
            "part": "question",
            "question-code": "R1",
            "question-text": "Satisfied",
            "question-theme": "Satisfaction",
            "question-answer_type": "likert",
        },
    )
    client.post(url, {"part": "wave", "wave-label": "2025"})
    assert survey.questions.get().positive_answers == "4,5"
    assert survey.waves.get().label == "2025"
    page = client.post(url, {"part": "wave", "wave-label": "2025"}).content.decode()
    assert "already has a wave called 2025" in page


def test_adding_a_forum(client_for, council):
    client = client_for(Role.PERFORMANCE)
    data = {"name": "Place board", "forum_type": "partnership", "meetings_per_year": "4", "usual_hours": "1.5"}
    data |= {"purpose_decision": "on", "state": "active"}
    assert client.post("/people/forums/new/", data).status_code == 302
    forum = Forum.objects.get()
    assert forum.purposes == ["decision"] and history_for(forum).count() == 1


def test_a_manager_fills_in_an_appraisal_through_the_page(client, council, directorate, make_user, priority):
    boss = make_user(Role.OFFICER, username="boss")
    manager = employee(council, directorate, "0001", user=boss)
    person = employee(council, directorate, "0002", manager=manager)
    c = cycle(council)
    client.force_login(boss)
    response = client.post(f"/people/appraisal-cycles/{c.slug}/start/0002/")
    appraisal = Appraisal.objects.get(employee=person)
    assert response.url == appraisal.get_absolute_url()
    edit = f"/people/appraisals/{appraisal.pk}/edit/"
    objective = {"part": "objective", "objective-text": "Reduce backlog", "objective-priority": priority.pk}
    client.post(edit, {**objective, "objective-version": appraisal.version})
    appraisal.refresh_from_db()
    client.post(
        edit,
        {
            "part": "appraisal",
            "development_needs": "Coaching",
            "wellbeing_conversation": "on",
            "wellbeing_conversation_on": "2023-06-01",
            "manager_agreed_on": "2023-06-01",
            "version": appraisal.version,
        },
    )
    appraisal.refresh_from_db()
    assert appraisal.status == "agreed" and appraisal.objectives.get().priority == priority
    data = {"part": "appraisal", "wellbeing_conversation": "on", "version": appraisal.version}
    page = client.post(edit, data).content.decode()
    assert "Give the date of the wellbeing conversation" in page
    assert dt.date(2023, 6, 1) == appraisal.wellbeing_conversation_on


def test_a_priority_page_counts_the_appraisals_with_objectives_for_it(client_for, council, directorate, priority):
    from goldthread.people.models import Objective

    appraisal = Appraisal.objects.create(cycle=cycle(council), employee=employee(council, directorate, "0001"))
    Objective.objects.create(appraisal=appraisal, text="Keep children safe", priority=priority)
    page = client_for(Role.MEMBER).get(priority.get_absolute_url()).content.decode()
    assert "1 appraisal with objectives for this priority" in page
    assert "Person 0001" not in page
