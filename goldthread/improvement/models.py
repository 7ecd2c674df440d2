"""Reviews (peer challenges, inspections, audits), their recommendations and the actions
that answer them. ``Action`` is the one kind of action in the whole app: risks, surveys
and meetings use it too."""

from django.conf import settings
from django.db import models


class Review(models.Model):
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

    class Meta:
        ordering = ["-onsite_start", "title"]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
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
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["review", "order", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Action(models.Model):
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

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.description[:80]}"
