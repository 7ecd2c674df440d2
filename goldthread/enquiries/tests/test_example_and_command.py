from datetime import date

import pytest
from django.core.management import CommandError, call_command

from goldthread.council.models import Role
from goldthread.enquiries import example, services
from goldthread.enquiries.models import Enquiry, OmbudsmanDecisions
from goldthread.performance.models import MeasureValue


def test_example_holds_the_seed_total_once(council):
    example.load(council=council, log=lambda *_: None)
    example.load(council=council, log=lambda *_: None)
    decisions = OmbudsmanDecisions.objects.get()
    assert (decisions.referrals, decisions.upheld) == (165, 45)
    assert "five years" in decisions.span


def test_timeliness_command_recomputes_from_enquiries(council, directorate, users, capsys):
    member, officer = users[Role.MEMBER], users[Role.OFFICER]
    enquiry = services.enquiry_raise(
        council=council, member=member, ward="Ford", subject="Lights", text="Out", raised_on=date(2024, 10, 1)
    )
    services.enquiry_route(
        enquiry=enquiry, user=users[Role.PERFORMANCE], directorate=directorate, officer=officer, version=1
    )
    # answered on the due date, written straight to the row so only the command computes the figure
    Enquiry.objects.filter(pk=enquiry.pk).update(responded_on=enquiry.due_on, status="responded", response="Fixed")
    call_command("enquiry_timeliness", "--period", "2024-25 Q3")
    assert "2024-25 Q3: 100.0% (draft)" in capsys.readouterr().out
    assert MeasureValue.objects.get(period="2024-25 Q3").value == 100
    call_command("enquiry_timeliness")  # every quarter with enquiries due
    assert "2024-25 Q3: 100.0%" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("enquiry_timeliness", "--period", "not a quarter")
