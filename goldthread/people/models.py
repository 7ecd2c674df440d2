"""People and ways of working: staff records and appraisals, staff and resident surveys,
and the register of forums for the meetings review."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from goldthread.core.versioning import Versioned
from goldthread.domain.appraisals import AppraisalStatus, CountingRules
from goldthread.domain.surveys import DEFAULT_MINIMUM, AnswerType

# ---------------------------------------------------------------- staff and appraisals


class Employee(Versioned):
    """A member of staff from the HR extract. Separate from User: most staff never sign in.
    Leavers are kept with their leaving date, never deleted."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="employees")
    employee_number = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    directorate = models.ForeignKey("council.Directorate", on_delete=models.PROTECT, related_name="employees")
    service = models.ForeignKey(
        "council.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="employees"
    )
    manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    start_date = models.DateField()
    leaving_date = models.DateField(null=True, blank=True)
    long_term_absence = models.BooleanField(default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="employee"
    )
    is_synthetic = models.BooleanField(default=False, help_text="Made up for the example council, not a real person")

    class Meta:
        ordering = ["employee_number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "employee_number"], name="employee_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.employee_number})"

    def get_absolute_url(self) -> str:
        return reverse("people:employee", args=[self.employee_number])


HR_FIELDS = [
    "name",
    "job_title",
    "directorate",
    "service",
    "manager",
    "start_date",
    "leaving_date",
    "long_term_absence",
]


class StaffImport(models.Model):
    """One accepted HR extract: who loaded it and what it changed."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="staff_imports")
    filename = models.CharField(max_length=300)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%d %B %Y})"


class AppraisalCycle(Versioned):
    """One round of appraisals, e.g. "My Sefton, My Way" 2024-25, with its counting rules."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="appraisal_cycles")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    window_start = models.DateField("Window opens")
    window_end = models.DateField("Window closes")
    midyear_checkin = models.DateField("Mid-year check-in by", null=True, blank=True)
    period = models.CharField(
        max_length=20, blank=True, help_text="The scorecard period its completion rate is reported for, e.g. 2024-25"
    )
    min_service_months = models.PositiveSmallIntegerField(
        "Leave out starters with less service than (months)", default=6
    )
    exclude_long_term_absence = models.BooleanField("Leave out staff on long-term absence", default=True)
    exclude_leavers_before_window_end = models.BooleanField(
        "Leave out staff who left before the window closed", default=True
    )

    class Meta:
        ordering = ["-window_start"]
        constraints = [models.UniqueConstraint(fields=["council", "slug"], name="appraisal_cycle_slug_unique")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:cycle", args=[self.slug])

    @property
    def rules(self) -> CountingRules:
        return CountingRules(
            min_service_months=self.min_service_months,
            exclude_long_term_absence=self.exclude_long_term_absence,
            exclude_leavers_before_window_end=self.exclude_leavers_before_window_end,
        )


CYCLE_FIELDS = [
    "name",
    "window_start",
    "window_end",
    "midyear_checkin",
    "period",
    "min_service_months",
    "exclude_long_term_absence",
    "exclude_leavers_before_window_end",
]


class Appraisal(Versioned):
    class Status(models.TextChoices):
        NOT_STARTED = AppraisalStatus.NOT_STARTED, "Not started"
        OBJECTIVES_SET = AppraisalStatus.OBJECTIVES_SET, "Objectives set"
        AGREED = AppraisalStatus.AGREED, "Agreed by manager"
        COMPLETE = AppraisalStatus.COMPLETE, "Complete"

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="appraisals")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="appraisals")
    development_needs = models.TextField(blank=True)
    wellbeing_conversation = models.BooleanField("Wellbeing conversation held", default=False)
    wellbeing_conversation_on = models.DateField("Date of the wellbeing conversation", null=True, blank=True)
    manager_agreed_on = models.DateField("Agreed by the manager on", null=True, blank=True)
    employee_acknowledged_on = models.DateField("Acknowledged by the employee on", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "employee__employee_number"]
        constraints = [models.UniqueConstraint(fields=["cycle", "employee"], name="appraisal_one_per_cycle")]

    def __str__(self) -> str:
        return f"{self.cycle.name}: {self.employee.name}"

    def get_absolute_url(self) -> str:
        return reverse("people:appraisal", args=[self.pk])


APPRAISAL_FIELDS = [
    "development_needs",
    "wellbeing_conversation",
    "wellbeing_conversation_on",
    "manager_agreed_on",
    "employee_acknowledged_on",
    "status",
]


class Objective(Versioned):
    """One objective, on the golden thread: linked to a council priority and an outcome."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField("Objective")
    priority = models.ForeignKey(
        "council.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="objectives"
    )
    outcome = models.ForeignKey(
        "council.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="objectives"
    )

    class Meta:
        ordering = ["appraisal", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


# ---------------------------------------------------------------- surveys


class Survey(Versioned):
    class Kind(models.TextChoices):
        STAFF = "staff", "Staff survey"
        RESIDENT = "resident", "Resident survey"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="surveys")
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField(blank=True)
    minimum_group_size = models.PositiveSmallIntegerField(
        "Smallest group shown",
        default=DEFAULT_MINIMUM,
        help_text="Groups with fewer respondents are suppressed everywhere, exports included",
    )
    group_columns = models.CharField(
        max_length=300,
        help_text="Comma-separated group columns, e.g. directorate, team or township, demographic group",
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "slug"], name="survey_slug_unique")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:survey", args=[self.slug])

    @property
    def group_column_list(self) -> list[str]:
        return [c.strip().lower() for c in self.group_columns.split(",") if c.strip()]


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=30, help_text="The column name in a raw response file, e.g. Q1")
    text = models.CharField(max_length=500)
    theme = models.CharField(max_length=100)
    answer_type = models.CharField(
        max_length=10,
        choices=[(AnswerType.LIKERT, "Likert 1 to 5"), (AnswerType.YES_NO, "Yes or no")],
        default=AnswerType.LIKERT,
    )
    positive_answers = models.CharField(
        max_length=30, blank=True, help_text="Which answers count as positive, e.g. 4,5 or yes"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["survey", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="survey_question_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class SurveyWave(Versioned):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    label = models.CharField(max_length=60, help_text="e.g. 2023 or Spring 2025")
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    respondents = models.PositiveIntegerField(null=True, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    imported_at = models.DateTimeField(null=True, blank=True)
    source_filename = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["survey", "fieldwork_start", "label"]
        constraints = [models.UniqueConstraint(fields=["survey", "label"], name="survey_wave_label_unique")]

    def __str__(self) -> str:
        return f"{self.survey.name} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("people:wave", args=[self.survey.slug, self.pk])


class SurveyResult(models.Model):
    """Counts for one question in one group of one wave. Raw responses are never kept:
    an import of raw rows is tallied to these counts and the rows are discarded."""

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="results")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="results")
    dimension = models.CharField(max_length=60, help_text="'overall' or a group column, e.g. directorate")
    group = models.CharField(max_length=200)
    n = models.PositiveIntegerField()
    n_positive = models.PositiveIntegerField()

    class Meta:
        ordering = ["wave", "question", "dimension", "group"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "question", "dimension", "group"], name="survey_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.wave} {self.question.code} {self.dimension}={self.group}"


class SurveyFinding(Versioned):
    """Something a survey showed that needs acting on, answered by an improvement Action."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="findings")
    wave = models.ForeignKey(SurveyWave, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")
    question = models.ForeignKey(SurveyQuestion, null=True, blank=True, on_delete=models.SET_NULL)
    theme = models.CharField(max_length=100, blank=True)
    text = models.TextField("Finding")
    action = models.ForeignKey(
        "improvement.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_findings"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "-created_at"]

    def __str__(self) -> str:
        return self.text[:80]


# ---------------------------------------------------------------- meetings review


class Forum(Versioned):
    class Type(models.TextChoices):
        MEMBER = "member", "Member forum"
        OFFICER = "officer", "Officer forum"
        PARTNERSHIP = "partnership", "Partnership forum"

    class Purpose(models.TextChoices):
        DECISION = "decision", "Decision"
        ASSURANCE = "assurance", "Assurance"
        INFORMATION = "information", "Information sharing"

    class State(models.TextChoices):
        ACTIVE = "active", "Meeting"
        STOOD_DOWN = "stood_down", "Stood down"
        MERGED = "merged", "Merged"
        BRIEFING = "briefing", "Replaced with a written briefing"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="forums")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    forum_type = models.CharField("Type", max_length=12, choices=Type.choices)
    chair = models.CharField(max_length=200, blank=True)
    meetings_per_year = models.DecimalField("Meetings a year", max_digits=5, decimal_places=1)
    usual_hours = models.DecimalField("Usual length (hours)", max_digits=4, decimal_places=1)
    purpose_decision = models.BooleanField("Purpose: decision", default=False)
    purpose_assurance = models.BooleanField("Purpose: assurance", default=False)
    purpose_information = models.BooleanField("Purpose: information sharing", default=False)
    is_statutory = models.BooleanField(
        "Required by law or the constitution", default=False, help_text="Never suggested for standing down"
    )
    terms_of_reference_date = models.DateField("Terms of reference dated", null=True, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.ACTIVE)
    state_changed_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where this forum is named, e.g. seed 000")
    is_example = models.BooleanField(default=False, help_text="Details made up for the example council")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "slug"], name="forum_slug_unique")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:forum", args=[self.slug])

    @property
    def purposes(self) -> list[str]:
        flags = [
            (self.purpose_decision, self.Purpose.DECISION),
            (self.purpose_assurance, self.Purpose.ASSURANCE),
            (self.purpose_information, self.Purpose.INFORMATION),
        ]
        return [p for on, p in flags if on]

    @property
    def purpose_labels(self) -> str:
        return ", ".join(self.Purpose(p).label for p in self.purposes) or "Not stated"


FORUM_FIELDS = [
    "name",
    "forum_type",
    "chair",
    "meetings_per_year",
    "usual_hours",
    "purpose_decision",
    "purpose_assurance",
    "purpose_information",
    "is_statutory",
    "terms_of_reference_date",
    "state",
    "state_changed_on",
]


class ForumMember(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    person = models.CharField(max_length=200, help_text="A name or a post, e.g. Director of Public Health")
    organisation = models.CharField(max_length=200)

    class Meta:
        ordering = ["forum", "organisation", "person"]
        constraints = [models.UniqueConstraint(fields=["forum", "person", "organisation"], name="forum_member_unique")]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"

    @property
    def key(self) -> str:
        return f"{self.person} ({self.organisation})"


class Meeting(Versioned):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["forum", "-held_on"]
        constraints = [models.UniqueConstraint(fields=["forum", "held_on"], name="meeting_date_unique")]

    def __str__(self) -> str:
        return f"{self.forum.name}, {self.held_on:%d %B %Y}"


class MeetingOutcome(Versioned):
    class Kind(models.TextChoices):
        DECISION = "decision", "Decision"
        ACTION = "action", "Action"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    action = models.ForeignKey(
        "improvement.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting_outcomes"
    )

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
