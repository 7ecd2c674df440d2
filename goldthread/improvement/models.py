"""Reviews (peer challenges, inspections, audits), their recommendations and the actions
that answer them. ``Action`` is the one kind of action in the whole app: risks, surveys
and meetings use it too."""

from datetime import date

from django.conf import settings
from django.db import models

from goldthread.core.versioning import Versioned
from goldthread.domain.deadlines import Season as DeadlineSeason
from goldthread.domain.deadlines import deadline_window


class Review(Versioned):
    class Type(models.TextChoices):
        CPC = "cpc", "Corporate peer challenge"
        PROGRESS = "progress", "Progress review / revisit"
        FINANCE_PEER = "finance_peer", "Finance peer challenge"
        INSPECTION = "inspection", "Ofsted or CQC inspection"
        EXTERNAL_AUDIT = "external_audit", "External audit"
        INTERNAL_AUDIT = "internal_audit", "Internal audit"
        SCRUTINY = "scrutiny", "Scrutiny review"
        OTHER = "other", "Other"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="reviews")
    reference = models.SlugField(max_length=40, unique=True, help_text="e.g. cpc-2023")
    title = models.CharField(max_length=300)
    review_type = models.CharField(max_length=20, choices=Type.choices)
    reviewing_body = models.CharField(max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        help_text="The review this one follows up (a revisit of a peer challenge)",
    )
    onsite_start = models.DateField(null=True, blank=True)
    onsite_end = models.DateField(null=True, blank=True)
    feedback_session = models.DateField(null=True, blank=True)
    report_received = models.DateField(null=True, blank=True)
    report_published = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    scope_themes = models.JSONField(
        default=list, blank=True, help_text="The themes the review considered, e.g. the five core CPC themes"
    )
    recommendation_prefix = models.CharField(
        max_length=20, blank=True, help_text="Starts every recommendation reference, e.g. CPC23 gives CPC23-R01"
    )

    class Meta:
        ordering = ["-onsite_start", "title"]

    DATE_FIELDS = ["onsite_start", "onsite_end", "feedback_session", "report_received", "report_published"]

    def __str__(self) -> str:
        return self.title


class Recommendation(Versioned):
    class Response(models.TextChoices):
        PENDING = "pending", "No response yet"
        ACCEPTED = "accepted", "Accepted"
        PARTLY = "partly", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    reference = models.CharField(max_length=40, unique=True, help_text="Stable for ever, e.g. CPC23-R01")
    number = models.CharField(max_length=10, help_text="As the review numbers it: 1, A, ...")
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    theme = models.CharField(max_length=100, blank=True)
    response = models.CharField(max_length=20, choices=Response.choices, default=Response.PENDING)
    response_text = models.TextField(blank=True)
    priorities = models.ManyToManyField("council.Priority", blank=True, related_name="recommendations")
    measures = models.ManyToManyField("performance.Measure", blank=True, related_name="recommendations")
    risks = models.ManyToManyField("risk.Risk", blank=True, related_name="recommendations")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["review", "order", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def needs_reason(self) -> bool:
        return self.response in {self.Response.PARTLY, self.Response.NOT_ACCEPTED}


class Action(Versioned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        COMPLETE = "complete", "Complete"
        BAU = "bau", "Closed as business as usual"

    reference = models.CharField(max_length=40, unique=True)
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField()
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_actions"
    )
    lead_name = models.CharField(max_length=200, blank=True, help_text="Lead officer's role, if not a user")
    directorate = models.ForeignKey("council.Directorate", null=True, blank=True, on_delete=models.SET_NULL)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    percent_complete = models.PositiveSmallIntegerField(default=0)
    priorities = models.ManyToManyField("council.Priority", blank=True, related_name="actions")
    is_example = models.BooleanField(default=False, help_text="An example action the seeds do not state")
    raised_on = models.DateField(
        null=True, blank=True, help_text="When the action was agreed: reports as at an earlier date leave it out"
    )
    revised_due_date = models.DateField(null=True, blank=True, help_text="A later due date, agreed")
    revised_due_reason = models.TextField(blank=True)
    revised_due_agreed_by = models.CharField(max_length=200, blank=True, help_text="Who agreed the revised date")
    revised_due_agreed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.description[:80]}"


class ReviewMember(models.Model):
    """One member of the review team."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=100, help_text="e.g. Lead peer, Political peer, Officer peer, Shadow peer")
    organisation = models.CharField(max_length=300, blank=True, help_text="Job title and organisation")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["review", "order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class ReviewDocument(models.Model):
    """A link to a source document: the report, the Cabinet report, the published action plan."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)

    class Meta:
        ordering = ["review", "title"]

    def __str__(self) -> str:
        return self.title


class DeadlineRule(models.Model):
    """A deadline that follows from a review's dates, kept as data so the performance team can
    change it: "action plan published within 5 months of the end of the visit"."""

    class Anchor(models.TextChoices):
        ONSITE_START = "onsite_start", "Onsite start"
        ONSITE_END = "onsite_end", "Onsite end (last day of the visit)"
        FEEDBACK_SESSION = "feedback_session", "Feedback session"
        REPORT_RECEIVED = "report_received", "Report received"
        REPORT_PUBLISHED = "report_published", "Report published"

    class Basis(models.TextChoices):
        SOURCE = "source", "Quoted from its source"
        COUNCIL = "council", "The council's own rule"

    class Season(models.TextChoices):
        SPRING = "spring", "Spring (March to May)"
        SUMMER = "summer", "Summer (June to August)"
        AUTUMN = "autumn", "Autumn (September to November)"
        WINTER = "winter", "Winter (December to February)"

    review_type = models.CharField(max_length=20, choices=Review.Type.choices)
    name = models.CharField(max_length=200)
    anchor = models.CharField(max_length=20, choices=Anchor.choices, default=Anchor.ONSITE_END)
    months = models.IntegerField(default=0)
    days = models.IntegerField(default=0)
    # A window instead of a day: up to this offset (when the source says "around" or "within ... to ..."),
    # or a season of the anchor's year plus ``years_after`` (when it says "in the summer of 2024").
    latest_months = models.IntegerField(null=True, blank=True)
    latest_days = models.IntegerField(null=True, blank=True)
    season = models.CharField(max_length=10, choices=Season.choices, blank=True)
    years_after = models.PositiveSmallIntegerField(default=0)
    basis = models.CharField(max_length=10, choices=Basis.choices, default=Basis.COUNCIL)
    source_title = models.CharField(max_length=300, blank=True, help_text="The document and section the rule cites")
    source_quote = models.TextField(blank=True, help_text="What the source says, word for word")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["review_type", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["review_type", "name"], name="deadline_rule_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_review_type_display()})"

    @property
    def is_window(self) -> bool:
        return bool(self.season) or self.latest_months is not None or self.latest_days is not None

    def window(self, anchor_date: date) -> tuple[date | None, date]:
        """(earliest or None, latest) for a review whose anchor date is ``anchor_date``."""
        return deadline_window(
            anchor_date,
            months=self.months,
            days=self.days,
            latest_months=self.latest_months,
            latest_days=self.latest_days,
            season=DeadlineSeason(self.season) if self.season else None,
            years_after=self.years_after,
        )

    @property
    def basis_words(self) -> str:
        if self.basis == self.Basis.SOURCE and self.source_title:
            return f"From {self.source_title}"
        return "The council's own rule (its source does not give it)"

    @property
    def offset_words(self) -> str:
        anchor = self.get_anchor_display().lower()
        if self.season:
            year = (
                "the same year as"
                if not self.years_after
                else ("the year after" if self.years_after == 1 else f"{self.years_after} years after")
            )
            return f"in the {self.season} of {year} the {anchor}"
        if self.is_window:
            earliest, latest = self._offset(self.months, self.days), self._offset(self.latest_months, self.latest_days)
            return f"between {earliest} and {latest} after {anchor}"
        return f"{self._offset(self.months, self.days)} after {anchor}"

    @staticmethod
    def _offset(months, days) -> str:
        parts = []
        if months:
            parts.append(f"{months} month{'s' if abs(months) != 1 else ''}")
        if days:
            parts.append(f"{days} day{'s' if abs(days) != 1 else ''}")
        return " and ".join(parts) or "0 days"


class DeadlineMet(models.Model):
    """When a review's deadline was met, so it stops showing as overdue."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="deadlines_met")
    rule = models.ForeignKey(DeadlineRule, on_delete=models.CASCADE, related_name="met")
    met_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "rule"], name="deadline_met_unique")]

    def __str__(self) -> str:
        return f"{self.rule.name} met on {self.met_on}"


class Milestone(Versioned):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_date = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["action", "due_date", "title"]

    def __str__(self) -> str:
        return self.title


class EvidenceLink(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    added_on = models.DateField()

    class Meta:
        ordering = ["action", "added_on", "title"]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(Versioned):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    date = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    # The owner's status and per cent complete as reported with this update, so a report as at
    # an earlier date shows what was reported by then (blank on updates made before they were kept).
    status = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["action", "-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"
