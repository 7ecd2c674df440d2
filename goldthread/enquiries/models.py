"""Member enquiries (a councillor asks, an officer answers within a number of working days) and the
council's complaints and Ombudsman figures."""

from django.conf import settings
from django.db import models

from goldthread.core.versioning import Versioned


class EnquirySettings(Versioned):
    """Per council: how many working days an officer has to answer a member enquiry. Changed on the
    settings page (performance team), with history; an enquiry keeps the due date it was given."""

    council = models.OneToOneField("council.Council", on_delete=models.CASCADE, related_name="enquiry_settings")
    response_working_days = models.PositiveSmallIntegerField(
        default=10, help_text="Working days (not weekends or bank holidays) to answer a member enquiry"
    )
    measure_directorate = models.ForeignKey(
        "council.Directorate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The directorate that owns the timeliness measure (the first directorate when none is set)",
    )

    class Meta:
        verbose_name_plural = "enquiry settings"

    def __str__(self) -> str:
        return f"Member enquiry settings for {self.council}"


class Enquiry(Versioned):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESPONDED = "responded", "Responded"
        CLOSED = "closed", "Closed"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="member_enquiries")
    reference = models.CharField(max_length=20, unique=True, help_text="e.g. ME-00012")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enquiries_raised")
    ward = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    text = models.TextField()
    raised_on = models.DateField()
    due_on = models.DateField(help_text="The response is due by this day (working days after it was raised)")
    directorate = models.ForeignKey(
        "council.Directorate", null=True, blank=True, on_delete=models.PROTECT, related_name="member_enquiries"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries_assigned",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    @property
    def answered_on_time(self) -> bool | None:
        if self.responded_on is None:
            return None
        return self.responded_on <= self.due_on


class ComplaintCount(Versioned):
    """How many complaints the council closed in a quarter at a stage with an outcome."""

    class Stage(models.IntegerChoices):
        ONE = 1, "Stage 1"
        TWO = 2, "Stage 2"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY = "partly", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="complaint_counts")
    period = models.CharField(max_length=20, help_text="A financial quarter, e.g. 2024/25 Q1")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    count = models.PositiveIntegerField()
    is_example = models.BooleanField(default=False, help_text="Invented for the example council")

    class Meta:
        ordering = ["period", "stage", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["council", "period", "stage", "outcome"], name="complaint_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.period} stage {self.stage} {self.get_outcome_display().lower()}"


class OmbudsmanDecisions(Versioned):
    """Ombudsman referrals and how many were upheld, over a span the source states (a year, or a total)."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="ombudsman_decisions")
    span = models.CharField(max_length=100, help_text="As the source gives it, e.g. 2023/24 or 'five years to 2023'")
    referrals = models.PositiveIntegerField()
    upheld = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["span"]
        verbose_name_plural = "Ombudsman decisions"
        constraints = [models.UniqueConstraint(fields=["council", "span"], name="ombudsman_span_unique")]

    def __str__(self) -> str:
        return f"Ombudsman decisions, {self.span}"


class OmbudsmanImport(models.Model):
    """One accepted upload of the Ombudsman's annual statistics: who loaded it and what it held."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="ombudsman_imports")
    filename = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    areas = models.PositiveIntegerField(default=0, help_text="How many councils the file covers")
    periods = models.CharField(max_length=300, blank=True, help_text="The years the file covers")
    own_years = models.CharField(
        max_length=300, blank=True, help_text="The years with this council's own figures (they become measures)"
    )
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"Ombudsman statistics from {self.filename}"
