"""The register of the council's plans, strategies, policies and protocols."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from goldthread.core.versioning import Versioned


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

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["council", "title"], name="policy_unique_title")]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period covered must end on or after the day it starts."})
