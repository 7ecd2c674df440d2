"""Risk registers (corporate, directorate, service), risks with inherent, current and target
scores on a versioned matrix held as data, controls, quarterly reviews, escalations, and the
assurance map (three lines of assurance)."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from goldthread.core.versioning import Versioned
from goldthread.domain import riskscore


class RiskMatrix(models.Model):
    """A scoring matrix. Once any score uses it, it is frozen; a new version is made instead."""

    version = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("risk:matrix", args=[self.version])

    @property
    def in_use(self) -> bool:
        return self.risks.exists() or self.reviews.exists()

    def band_ranges(self) -> list[riskscore.BandRange]:
        return [riskscore.BandRange(b.name, b.min_score, b.max_score) for b in self.bands.all()]

    def band(self, likelihood: int | None, impact: int | None) -> "Band | None":
        if not likelihood or not impact:
            return None
        value = riskscore.score(likelihood, impact)
        return next((b for b in self.bands.all() if b.min_score <= value <= b.max_score), None)

    def values(self, axis: str) -> list[int]:
        return [lv.value for lv in self.levels.all() if lv.axis == axis]

    def problems(self) -> list[str]:
        return riskscore.validate_bands(self.band_ranges(), self.values("likelihood"), self.values("impact"))


class MatrixLevel(models.Model):
    class Axis(models.TextChoices):
        LIKELIHOOD = "likelihood", "Likelihood"
        IMPACT = "impact", "Impact"

    matrix = models.ForeignKey(RiskMatrix, on_delete=models.CASCADE, related_name="levels")
    axis = models.CharField(max_length=10, choices=Axis.choices)
    value = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=50)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["matrix", "axis", "value"]
        constraints = [models.UniqueConstraint(fields=["matrix", "axis", "value"], name="risk_level_unique")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Band(models.Model):
    matrix = models.ForeignKey(RiskMatrix, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(max_length=30, help_text="e.g. low, medium, high, very high")
    label = models.CharField(max_length=100, help_text="The words shown with the score, e.g. Very high risk")
    min_score = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()
    css_class = models.CharField(max_length=40, blank=True, help_text="e.g. gt-band--high")

    class Meta:
        ordering = ["matrix", "min_score"]

    def __str__(self) -> str:
        return self.label or self.name


class Category(models.Model):
    """A category of risk with the council's appetite: the highest current score it accepts."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="risk_categories")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)
    appetite = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The highest current score acceptable in this category"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="risk_category_unique")]

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    CORPORATE = "corporate", "Corporate"
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"


PREFIX = {Level.CORPORATE: "CR", Level.DIRECTORATE: "DR", Level.SERVICE: "SR"}


class Register(models.Model):
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="risk_registers")
    level = models.CharField(max_length=12, choices=Level.choices)
    directorate = models.OneToOneField(
        "council.Directorate", null=True, blank=True, on_delete=models.CASCADE, related_name="risk_register"
    )
    service = models.OneToOneField(
        "council.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="risk_register"
    )

    class Meta:
        ordering = ["level", "directorate__name", "service__name"]
        constraints = [
            models.CheckConstraint(
                name="risk_register_owner_matches_level",
                condition=(
                    models.Q(level="corporate", directorate__isnull=True, service__isnull=True)
                    | models.Q(level="directorate", directorate__isnull=False, service__isnull=True)
                    | models.Q(level="service", directorate__isnull=True, service__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        if self.level == Level.CORPORATE:
            return "Corporate risk register"
        return f"{self.directorate or self.service} risk register"

    def get_absolute_url(self) -> str:
        return reverse("risk:register", args=[self.pk])

    @property
    def owning_directorate(self):
        """The directorate whose editors may edit this register's risks (none for corporate)."""
        if self.service_id:
            return self.service.directorate
        return self.directorate


class ReferenceCounter(models.Model):
    """The last number given at each level, so a reference is never given twice."""

    level = models.CharField(max_length=12, choices=Level.choices, unique=True)
    last = models.PositiveIntegerField(default=0)


class ReviewFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half_yearly", "Every six months"
    ANNUALLY = "annually", "Annually"


FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "annually": 12}


class Risk(Versioned):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=12, unique=True, help_text="Made once, never reused, e.g. CR-001")
    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="risks")
    title = models.CharField(max_length=300)
    cause = models.TextField(blank=True)
    event = models.TextField(blank=True)
    consequence = models.TextField(blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="risks")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_risks"
    )
    owner_title = models.CharField(max_length=200, blank=True, help_text="The owner's role, e.g. Executive Director")
    priorities = models.ManyToManyField("council.Priority", blank=True, related_name="risks")
    measures = models.ManyToManyField("performance.Measure", blank=True, related_name="risks")
    actions = models.ManyToManyField("improvement.Action", blank=True, related_name="risks")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    matrix = models.ForeignKey(RiskMatrix, on_delete=models.PROTECT, related_name="risks")
    inherent_likelihood = models.PositiveSmallIntegerField()
    inherent_impact = models.PositiveSmallIntegerField()
    current_likelihood = models.PositiveSmallIntegerField()
    current_impact = models.PositiveSmallIntegerField()
    target_likelihood = models.PositiveSmallIntegerField()
    target_impact = models.PositiveSmallIntegerField()
    review_frequency = models.CharField(max_length=12, choices=ReviewFrequency.choices, default="quarterly")
    next_review = models.DateField(null=True, blank=True)
    is_example_score = models.BooleanField(default=False, help_text="Scores made up for the example council")
    created_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("risk:risk", args=[self.reference])

    @property
    def level(self) -> str:
        return self.register.level

    @property
    def directorate(self):
        return self.register.owning_directorate

    def score_of(self, kind: str) -> int:
        return riskscore.score(getattr(self, f"{kind}_likelihood"), getattr(self, f"{kind}_impact"))

    @property
    def current_score(self) -> int:
        return self.score_of("current")

    @property
    def inherent_score(self) -> int:
        return self.score_of("inherent")

    @property
    def target_score(self) -> int:
        return self.score_of("target")

    @property
    def current_band(self):
        return self.matrix.band(self.current_likelihood, self.current_impact)

    @property
    def above_appetite(self) -> bool:
        return riskscore.above_appetite(self.current_score, self.category.appetite)

    @property
    def owner_name(self) -> str:
        return str(self.owner) if self.owner else self.owner_title or "No owner"


class RiskMovement(models.Model):
    """A risk moved between registers: escalated up a level or de-escalated down."""

    class Direction(models.TextChoices):
        ESCALATED = "escalated", "Escalated"
        DEESCALATED = "deescalated", "De-escalated"
        MOVED = "moved", "Moved"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="movements")
    from_register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="+")
    to_register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=12, choices=Direction.choices)
    reason = models.TextField()
    date = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["risk", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.risk.reference} {self.get_direction_display().lower()} on {self.date}"


class Control(Versioned):
    class Type(models.TextChoices):
        PREVENTIVE = "preventive", "Preventive"
        DETECTIVE = "detective", "Detective"
        CORRECTIVE = "corrective", "Corrective"
        DIRECTIVE = "directive", "Directive"

    class Effectiveness(models.TextChoices):
        EFFECTIVE = "effective", "Effective"
        PARTLY = "partly", "Partly effective"
        NOT_EFFECTIVE = "not_effective", "Not effective"
        NOT_TESTED = "not_tested", "Not tested"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="controls")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    owner_title = models.CharField(max_length=200, blank=True)
    control_type = models.CharField(max_length=12, choices=Type.choices)
    effectiveness = models.CharField(max_length=15, choices=Effectiveness.choices, default="not_tested")
    last_tested = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["risk", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def owner_name(self) -> str:
        return str(self.owner) if self.owner else self.owner_title or "No owner"


class RiskReview(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    period = models.CharField(max_length=20, help_text='e.g. "2023-24 Q3"')
    matrix = models.ForeignKey(RiskMatrix, on_delete=models.PROTECT, related_name="reviews")
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["risk", "date", "pk"]
        constraints = [models.UniqueConstraint(fields=["risk", "period"], name="risk_review_one_per_period")]

    def __str__(self) -> str:
        return f"{self.risk.reference} review {self.period}"

    @property
    def score(self) -> int:
        return riskscore.score(self.likelihood, self.impact)

    @property
    def band(self):
        return self.matrix.band(self.likelihood, self.impact)


class AssuranceArea(models.Model):
    """A key area the assurance map covers besides the corporate risks: finance, governance, ..."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="assurance_areas")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="assurance_area_unique")]

    def __str__(self) -> str:
        return self.name


class AssuranceSource(models.Model):
    class Line(models.IntegerChoices):
        MANAGEMENT = 1, "First line: management"
        OVERSIGHT = 2, "Second line: corporate oversight (finance, legal, risk)"
        INDEPENDENT = 3, "Third line: independent (internal audit, external audit, inspectors, peer challenge)"

    class Opinion(models.TextChoices):
        SUBSTANTIAL = "substantial", "Substantial assurance"
        REASONABLE = "reasonable", "Reasonable assurance"
        LIMITED = "limited", "Limited assurance"
        NONE = "none", "No assurance"
        NOT_GIVEN = "not_given", "No opinion given"

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="assurance_sources")
    area = models.ForeignKey(AssuranceArea, null=True, blank=True, on_delete=models.CASCADE, related_name="sources")
    risk = models.ForeignKey(Risk, null=True, blank=True, on_delete=models.CASCADE, related_name="assurance_sources")
    line = models.PositiveSmallIntegerField(choices=Line.choices)
    provider = models.CharField(max_length=200, help_text="Who gives it, e.g. External audit, Ofsted, LGA")
    title = models.CharField(max_length=300)
    date = models.DateField()
    opinion = models.CharField(max_length=12, choices=Opinion.choices, default=Opinion.NOT_GIVEN)
    url = models.URLField(max_length=500, blank=True)
    review = models.ForeignKey(
        "improvement.Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="assurance_sources"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["line", "-date"]
        constraints = [
            models.CheckConstraint(
                name="assurance_source_area_or_risk",
                condition=models.Q(area__isnull=False, risk__isnull=True)
                | models.Q(area__isnull=True, risk__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.title} ({self.date})"
