"""Committees, their members and meetings, and each committee's work programme.

A scrutiny review is an improvement ``Review`` (type "scrutiny") linked from a work programme item; its
recommendations are improvement ``Recommendation`` rows and the actions that answer them improvement
``Action`` rows, so they are tracked like every other recommendation. This app adds only what scrutiny
needs beside them: who sits where, when they meet, what is on the programme, and when and by whom the
executive responded."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from goldthread.core.versioning import Versioned


class Committee(Versioned):
    class Kind(models.TextChoices):
        OVERVIEW_SCRUTINY = "overview_scrutiny", "Overview and Scrutiny Committee"
        AUDIT = "audit_governance", "Audit and Governance Committee"
        CABINET = "cabinet", "Cabinet (the executive)"
        OTHER = "other", "Other committee"

    class TimetableMeeting(models.TextChoices):
        # The reporting timetable's meeting columns (timetable.models.DATE_FIELDS), so the quarterly
        # dates stay in one place and the committee's page reads them from there.
        NONE = "", "None: the committee's own dates only"
        CABINET = "cabinet", "Cabinet"
        SCRUTINY = "scrutiny", "Scrutiny"
        AUDIT = "audit", "Audit committee"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="committees")
    slug = models.SlugField(max_length=60, help_text="Used in the page's address, e.g. children-services")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OVERVIEW_SCRUTINY)
    remit = models.TextField(blank=True)
    frequency = models.CharField(max_length=100, blank=True, help_text="How often it meets, e.g. quarterly")
    timetable_meeting = models.CharField(
        "Meeting in the reporting timetable",
        max_length=20,
        choices=TimetableMeeting.choices,
        blank=True,
        help_text="The timetable column that gives this committee's quarterly performance meetings",
    )
    is_example = models.BooleanField(default=False, help_text="Invented for the example council, not from a source")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "slug"], name="committee_unique_slug"),
            models.UniqueConstraint(fields=["council", "name"], name="committee_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    """A seat on a committee: a councillor who signs in, or someone named who does not (an Independent Person)."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        INDEPENDENT = "independent", "Independent Person"
        CO_OPTED = "co_opted", "Co-opted member"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="committee_seats"
    )
    name = models.CharField(max_length=200, blank=True, help_text="For someone without a sign-in")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["committee", "role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "user"], condition=models.Q(user__isnull=False), name="committee_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()}, {self.committee})"

    @property
    def display_name(self) -> str:
        return str(self.user) if self.user_id else self.name

    def clean(self):
        if not self.user_id and not self.name.strip():
            raise ValidationError({"name": "Choose a person who signs in, or give the name of someone who does not."})


class Meeting(models.Model):
    """A meeting the committee holds beyond the reporting timetable's quarterly ones."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["committee", "date"]
        constraints = [models.UniqueConstraint(fields=["committee", "date"], name="committee_meeting_unique")]

    def __str__(self) -> str:
        return f"{self.committee} on {self.date:%-d %B %Y}"


class WorkItem(Versioned):
    """One item on a committee's work programme."""

    class Type(models.TextChoices):
        PRE_DECISION = "pre_decision", "Pre-decision scrutiny"
        POLICY_DEVELOPMENT = "policy_development", "Policy development"
        PERFORMANCE = "performance", "Performance monitoring"
        CALL_IN = "call_in", "Call-in"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        REPORTED = "reported", "Reported"
        DEFERRED = "deferred", "Deferred"
        WITHDRAWN = "withdrawn", "Withdrawn"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="work_items")
    topic = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    item_type = models.CharField("Type", max_length=30, choices=Type.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    lead_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="scrutiny_items"
    )
    lead_member_name = models.CharField(max_length=200, blank=True, help_text="If the lead member does not sign in")
    start_date = models.DateField(null=True, blank=True)
    meeting_date = models.DateField("Meeting date", null=True, blank=True, help_text="The meeting that considers it")
    end_date = models.DateField("Report due", null=True, blank=True)
    priorities = models.ManyToManyField("council.Priority", blank=True, related_name="scrutiny_items")
    measures = models.ManyToManyField("performance.Measure", blank=True, related_name="scrutiny_items")
    risks = models.ManyToManyField("risk.Risk", blank=True, related_name="scrutiny_items")
    review = models.OneToOneField(
        "improvement.Review",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scrutiny_item",
        help_text="The scrutiny review this item became: its recommendations and actions",
    )
    is_example = models.BooleanField(default=False, help_text="Invented for the example council, not from a source")

    class Meta:
        ordering = ["committee", "meeting_date", "topic"]

    def __str__(self) -> str:
        return self.topic

    @property
    def lead_words(self) -> str:
        return str(self.lead_member) if self.lead_member_id else (self.lead_member_name or "Not named")

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The report cannot be due before the work starts."})


class ExecutiveResponse(models.Model):
    """When and by whom the executive answered a scrutiny recommendation. The answer itself (accepted,
    partly accepted, rejected, and the reasons) is the recommendation's own response, so improvement's
    pages and reports show it too; a change to either is guarded by the recommendation's version."""

    recommendation = models.OneToOneField(
        "improvement.Recommendation", on_delete=models.CASCADE, related_name="executive_response"
    )
    responded_on = models.DateField("Date of the response")
    responding_body = models.CharField(max_length=200, default="Cabinet", help_text="e.g. Cabinet, Cabinet Member")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Response to {self.recommendation.reference}"
