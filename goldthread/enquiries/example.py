"""The example council's member enquiries settings and Ombudsman figures.

The peer challenge report (seed 000_7012912e2ebebc3c.txt, Best Value indicators) says the council "has
received 165 referrals to the Social Care Ombudsman over the past five-years, with 45 being upheld": kept
as one five-year total, as the report gives it (no yearly split is invented). Quarterly complaints by
stage are not in the seeds, so the example holds none. One example enquiry (labelled example) shows
the routing. Running it twice changes nothing."""

from goldthread.core.audit import record_change, snapshot
from goldthread.core.models import Change
from goldthread.council.models import Directorate, User

from . import services
from .models import Enquiry, EnquirySettings, OmbudsmanDecisions

SEED = "Sefton Corporate Peer Challenge report (2023), Best Value indicators"
FIVE_YEARS = "The five years to the 2023 peer challenge (total)"


def load(*, council, log, options=None):
    corporate = Directorate.objects.filter(council=council, code="corporate").first()
    EnquirySettings.objects.update_or_create(
        council=council, defaults={"response_working_days": 10, "measure_directorate": corporate}
    )
    if not OmbudsmanDecisions.objects.filter(council=council, span=FIVE_YEARS).exists():
        decisions = OmbudsmanDecisions.objects.create(
            council=council, span=FIVE_YEARS, referrals=165, upheld=45, source=SEED
        )
        record_change(
            obj=decisions,
            user=None,
            action=Change.Action.CREATE,
            after=snapshot(decisions, ["span", "referrals", "upheld", "source"]),
            reason="Example council: from the seed report",
        )
    member = User.objects.filter(username="member", is_demo=True).first()
    officer = User.objects.filter(username="officer", is_demo=True).first()
    if member and not Enquiry.objects.filter(council=council).exists():
        enquiry = services.enquiry_raise(
            council=council,
            member=member,
            ward="Linacre",
            subject="Fly-tipping behind the shops (example)",
            text="An example enquiry, invented for the example council: residents report bags dumped in the alley.",
        )
        if corporate and officer:
            services.enquiry_route(
                enquiry=enquiry,
                user=services.system_user(),
                directorate=corporate,
                officer=officer,
                version=enquiry.version,
            )
    log("  member enquiries settings, Ombudsman five-year total (seed) and one example enquiry")
    return council
