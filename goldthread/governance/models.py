"""The register of the council's plans, strategies, policies and protocols."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from goldthread.core.versioning import Versioned
from goldthread.domain.best_value import THEMES


class Policy(Versioned):
    class Kind(models.TextChoices):
        PLAN = "plan", "Plan"
        STRATEGY = "strategy", "Strategy"
        POLICY = "policy", "Policy"
        PROTOCOL = "protocol", "Protocol"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CURRENT = "current", "Current"
        EXPIRED = "expired", "Expired"
        SUPERSEDED = "superseded", "Superseded"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="policies")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POLICY)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_policies"
    )
    owner_title = models.CharField(max_length=200, blank=True, help_text="The owner's job title, e.g. Chief Executive")
    approving_body = models.CharField(max_length=200, blank=True, help_text="e.g. Cabinet, Council, Audit Committee")
    approved_on = models.DateField("Approval date", null=True, blank=True)
    period_start = models.DateField("Period covered from", null=True, blank=True)
    period_end = models.DateField("Period covered to", null=True, blank=True)
    review_date = models.DateField(null=True, blank=True, help_text="When it is next to be reviewed")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CURRENT)
    priorities = models.ManyToManyField("council.Priority", blank=True, related_name="policies")
    document_url = models.URLField("Document address", blank=True)
    notes = models.TextField(blank=True, help_text="Where the dates come from, or what is still to do")
    is_example = models.BooleanField(default=False, help_text="Invented for the example council, not from a source")
    # Not stored: set by selectors.register ("overdue", "due soon" or "").
    review_state: str

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["council", "title"], name="policy_unique_title")]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period covered must end on or after the day it starts."})


THEME_CHOICES = [(t.code, t.name) for t in THEMES]


class ThemeAssessment(Versioned):
    """The council's own view of one Best Value theme: a rating and the story behind it."""

    class Rating(models.TextChoices):
        STRONG = "strong", "Strong"
        ADEQUATE = "adequate", "Adequate"
        NEEDS_IMPROVEMENT = "needs_improvement", "Needs improvement"
        SERIOUS_CONCERN = "serious_concern", "Serious concern"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="best_value")
    theme = models.CharField(max_length=60, choices=THEME_CHOICES)
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    narrative = models.TextField(blank=True)
    is_example = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "theme"], name="best_value_unique_theme")]

    def __str__(self) -> str:
        return f"Best Value: {self.get_theme_display()}"


class EvidenceLink(models.Model):
    """A link from a theme to a record in Goldthread that is evidence for it."""

    class Kind(models.TextChoices):
        MEASURE = "measure", "Measure"
        RISK = "risk", "Risk"
        REVIEW = "review", "Review"
        RECOMMENDATION = "recommendation", "Recommendation"
        ACTION = "action", "Action"
        POLICY = "policy", "Policy"

    assessment = models.ForeignKey(ThemeAssessment, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reference = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "reference"]
        constraints = [models.UniqueConstraint(fields=["assessment", "kind", "reference"], name="evidence_unique_link")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}: {self.title}"


class FlagDecision(Versioned):
    """What an officer decided about a flag Goldthread proposed: accepted as a concern, or dismissed with a reason.
    ``key`` names the finding (e.g. ``red-measure:CS-01``), so the decision stays with it while it holds."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="best_value_flags")
    key = models.CharField(max_length=200)
    theme = models.CharField(max_length=60, choices=THEME_CHOICES)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "key"], name="best_value_unique_flag")]

    def __str__(self) -> str:
        return f"Flag {self.key}"

    def clean(self):
        if self.decision == self.Decision.DISMISSED and not self.reason.strip():
            raise ValidationError({"reason": "Say why the flag is dismissed."})
