"""The narrative parts of a committee report, edited by the performance team. The appendices
are generated from the live data every time the report is built."""

from django.conf import settings
from django.db import models


class ReportType(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly performance report"
    AUDIT_RISK = "audit_risk", "Audit and Governance risk report"
    ACTION_PLAN = "action_plan", "Action plan and progress review report"


class Audience(models.TextChoices):
    CABINET = "cabinet", "Cabinet"
    SCRUTINY = "scrutiny", "Overview and Scrutiny"
    AUDIT = "audit", "Audit and Governance Committee"


class ReportNarrative(models.Model):
    """What the seed's Cabinet report front sheet and body hold, for one report."""

    report_type = models.CharField(max_length=20, choices=ReportType.choices)
    period = models.CharField(max_length=20, help_text="e.g. 2023-24 Q2")
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.CABINET)

    # Front sheet
    report_to = models.CharField("Report to", max_length=200)
    meeting_date = models.DateField("Date of meeting", null=True, blank=True)
    subject = models.CharField(max_length=300)
    report_of = models.CharField("Report of", max_length=200, default="Chief Executive")
    wards_affected = models.CharField("Wards affected", max_length=200, default="(All Wards)")
    portfolio = models.CharField(max_length=300, blank=True)
    key_decision = models.BooleanField("Is this a key decision", default=False)
    in_forward_plan = models.BooleanField("Included in forward plan", default=False)
    exempt = models.CharField("Exempt / confidential report", max_length=200, default="No")

    # Body
    summary = models.TextField(blank=True)
    recommendations = models.TextField("Recommendation(s)", blank=True, help_text="One recommendation per line")
    reasons = models.TextField("Reasons for the recommendation(s)", blank=True)
    alternatives = models.TextField("Alternative options considered and rejected", blank=True)
    revenue_costs = models.TextField("Revenue costs", blank=True)
    capital_costs = models.TextField("Capital costs", blank=True)
    resource_implications = models.TextField("Resource implications", blank=True)
    legal_implications = models.TextField("Legal implications", blank=True)
    equality_implications = models.TextField("Equality implications", blank=True)
    climate_implications = models.TextField("Climate emergency implications", blank=True)
    core_purpose = models.TextField(
        "Contribution to the Council's Core Purpose",
        blank=True,
        help_text="One line per priority, e.g. 'Protect the most vulnerable: ...'. Left blank, every priority is "
        "listed with the measures reported under it.",
    )
    internal_consultations = models.TextField("Internal consultations", blank=True)
    external_consultations = models.TextField("External consultations", blank=True)
    implementation_date = models.CharField(
        "Implementation date for the decision", max_length=200, default="Immediately following the Committee meeting."
    )
    contact_name = models.CharField("Contact officer", max_length=200, blank=True)
    contact_phone = models.CharField("Telephone number", max_length=50, blank=True)
    contact_email = models.EmailField("Email address", blank=True)
    background_papers = models.TextField(blank=True, default="There are no background papers available for inspection.")

    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report_type", "period", "audience"], name="narrative_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_report_type_display()} {self.period} ({self.get_audience_display()})"
