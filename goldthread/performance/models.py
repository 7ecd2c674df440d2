"""Measures, their values and targets per period."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from goldthread.core.versioning import Versioned
from goldthread.domain.bounds import Bounds, value_bounds
from goldthread.domain.periods import Granularity, Period, YearType, granularity_of, parse_period
from goldthread.domain.rag import Polarity
from goldthread.domain.rollup import Rollup


class Unit(models.TextChoices):
    PERCENT = "percent", "%"
    NUMBER = "number", "Number"
    GBP = "gbp", "£"
    RATE = "rate", "Rate per N"
    DAYS = "days", "Days"
    YES_NO = "yesno", "Yes/No"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class Measure(models.Model):
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="measures")
    reference = models.CharField(max_length=30, help_text="Stable reference, e.g. CS-01")
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.NUMBER)
    rate_per = models.PositiveIntegerField(null=True, blank=True, help_text="For a rate: per how many")
    polarity = models.CharField(
        max_length=10,
        choices=[
            (Polarity.HIGHER_BETTER, "Higher is better"),
            (Polarity.LOWER_BETTER, "Lower is better"),
            (Polarity.NONE, "No better direction"),
        ],
        default=Polarity.HIGHER_BETTER,
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    year_type = models.CharField(
        max_length=10,
        choices=[
            (YearType.FINANCIAL, "Financial year (April to March)"),
            (YearType.CALENDAR, "Calendar year"),
            (YearType.ACADEMIC, "Academic year (September to August)"),
        ],
        default=YearType.FINANCIAL,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_measures"
    )
    directorate = models.ForeignKey("council.Directorate", on_delete=models.PROTECT, related_name="measures")
    service = models.ForeignKey(
        "council.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    data_source = models.CharField(max_length=300, blank=True)
    numerator_label = models.CharField(max_length=200, blank=True)
    denominator_label = models.CharField(max_length=200, blank=True)
    rollup = models.CharField(
        "How months roll up",
        max_length=10,
        choices=[
            (Rollup.SUM, "Sum"),
            (Rollup.AVERAGE, "Average"),
            (Rollup.LATEST, "Latest"),
            (Rollup.RATIO, "Ratio of sums"),
        ],
        default=Rollup.LATEST,
    )
    decimal_places = models.PositiveSmallIntegerField(default=1)
    amber_tolerance = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="How far short of target (in the measure's units) still counts as amber",
    )
    change_tolerance = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="A change no bigger than this is 'no meaningful change'",
    )
    minimum = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The lowest value possible; a percentage is 0 unless set here",
    )
    maximum = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The highest value possible; a percentage is 100 unless set here",
    )
    priorities = models.ManyToManyField("council.Priority", blank=True, related_name="measures")
    outcomes = models.ManyToManyField("council.Outcome", blank=True, related_name="measures")
    is_active = models.BooleanField(default=True)
    notes = models.TextField(blank=True, help_text="Where the figure comes from in the seed or source")
    # Not stored: a values import sets it, the measure's values in the file's periods, by period label.
    existing_values: dict[str, "MeasureValue"]

    class Meta:
        ordering = ["reference"]
        constraints = [models.UniqueConstraint(fields=["council", "reference"], name="measure_reference_unique")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("performance:measure", args=[self.reference])

    @property
    def granularity(self) -> Granularity:
        return granularity_of(self.frequency)

    def parse_period(self, text: str, granularity: Granularity | None = None) -> Period:
        """A period label read the way this measure means it ("2011-12" is a year for an annual measure)."""
        return parse_period(text, self.year_type, granularity or self.granularity)

    @property
    def bounds(self) -> Bounds:
        return value_bounds(self.unit, self.minimum, self.maximum)

    def format_value(self, value: Decimal | None) -> str:
        from .formatting import format_value

        return format_value(value, self.unit, self.decimal_places, self.rate_per)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"


class PeriodFields(models.Model):
    """A period kept as its canonical label plus dates, so it sorts and filters in SQL."""

    period = models.CharField(max_length=20)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        abstract = True

    def set_period(self, period: Period) -> None:
        self.period, self.period_start, self.period_end = period.label, period.start, period.end


class MeasureValue(PeriodFields, Versioned):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    commentary = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "period_start"]
        constraints = [models.UniqueConstraint(fields=["measure", "period"], name="value_period_unique")]
        indexes = [models.Index(fields=["measure", "period_start"])]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.period}"


class Target(PeriodFields, Versioned):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=20, decimal_places=6)
    is_example = models.BooleanField(
        default=False, help_text="An example target, not one the council set (shown as such)"
    )
    until_changed = models.BooleanField(
        default=False, help_text="Applies to later periods too, until another target is set (shown as carried forward)"
    )
    note = models.CharField(max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "period_start"]
        constraints = [models.UniqueConstraint(fields=["measure", "period"], name="target_period_unique")]

    def __str__(self) -> str:
        return f"Target {self.measure.reference} {self.period}"


class ReportedPeriod(PeriodFields):
    """A period whose figures have been reported (to Cabinet, Scrutiny): locked, with a snapshot of
    exactly what was reported. A later correction is a visible revision, never an overwrite."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="reported_periods")
    reported_to = models.CharField(max_length=200, help_text="e.g. Cabinet, 7 December 2023")
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    locked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "period_end"]
        constraints = [models.UniqueConstraint(fields=["council", "period"], name="reported_period_unique")]

    def __str__(self) -> str:
        return f"{self.period} reported to {self.reported_to}"

    def get_absolute_url(self) -> str:
        return reverse("performance:reported_period", args=[self.pk])


class ReportedFigure(models.Model):
    """One measure's figure as it was reported: kept as it was, whatever happens to the value later."""

    reported_period = models.ForeignKey(ReportedPeriod, on_delete=models.CASCADE, related_name="figures")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reported_figures")
    figure_period = models.CharField(max_length=20, help_text="The period the figure is for")
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    target = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    rag = models.CharField(max_length=10)
    commentary = models.TextField(blank=True)

    class Meta:
        ordering = ["reported_period", "measure__reference"]
        constraints = [models.UniqueConstraint(fields=["reported_period", "measure"], name="reported_figure_unique")]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.figure_period} as reported"


class ValueRevision(models.Model):
    """A correction to a value after it was reported: numbered, with the reason, who and when."""

    measure_value = models.ForeignKey(MeasureValue, on_delete=models.CASCADE, related_name="revisions")
    reported_figure = models.ForeignKey(
        ReportedFigure, null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    previous_value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    new_value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    reason = models.TextField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    # Not stored: whether the measure's page may show the figure after and before (set by the view).
    after_shown: bool
    before_shown: bool

    class Meta:
        ordering = ["measure_value", "number"]
        constraints = [models.UniqueConstraint(fields=["measure_value", "number"], name="value_revision_unique")]

    def __str__(self) -> str:
        return f"{self.measure_value} revision {self.number}"
