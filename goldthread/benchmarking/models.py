"""Every UK local authority, comparator groups and published metrics with their values."""

from django.conf import settings
from django.db import models

from goldthread.core.period_fields import PeriodFields
from goldthread.domain.periods import YearType
from goldthread.domain.rag import Polarity


class Area(models.Model):
    """A local authority from the register (mySociety), keyed by its current GSS code."""

    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    registry_code = models.CharField(max_length=10, unique=True, help_text="Register code, e.g. SFT")
    name = models.CharField(max_length=200, help_text="Short name, e.g. Sefton")
    official_name = models.CharField(max_length=300)
    la_type = models.CharField(max_length=10, db_index=True, help_text="MD, UA, LBO, CTY, NMD, ...")
    la_type_name = models.CharField(max_length=100, blank=True)
    nation = models.CharField(max_length=50, blank=True)
    region = models.CharField(max_length=100, blank=True, db_index=True)
    combined_authority = models.CharField(max_length=20, blank=True)
    ecode = models.CharField(max_length=10, blank=True, db_index=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    replaced_by = models.CharField(max_length=100, blank=True)
    former_gss_codes = models.JSONField(default=list, blank=True)
    is_aggregate = models.BooleanField(default=False, help_text="England, a region or a combined authority")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AreaCode(models.Model):
    """Any code or name that identifies an area, current or former, for matching imports."""

    class Kind(models.TextChoices):
        GSS = "gss", "GSS code"
        NAME = "name", "Name"
        ECODE = "ecode", "E-code"

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="codes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=300, help_text="Upper-cased code or case-folded name")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="area_code_unique")]


class ComparatorGroup(models.Model):
    """A group a user defined (statistical neighbours, nearest neighbours). Built-in groups
    (MD, UA, LBO, CTY, NMD, UPPER, REGION:..., all) are computed, not stored."""

    code = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    members = models.ManyToManyField(Area, related_name="comparator_groups")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PublishedMetric(models.Model):
    code = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=40, blank=True)
    polarity = models.CharField(
        max_length=10,
        choices=[
            (Polarity.HIGHER_BETTER, "Higher is better"),
            (Polarity.LOWER_BETTER, "Lower is better"),
            (Polarity.NONE, "No better direction"),
        ],
        default=Polarity.NONE,
    )
    year_type = models.CharField(max_length=10, default=YearType.FINANCIAL)
    source = models.CharField(max_length=500, blank=True)
    licence = models.TextField(blank=True)
    definition = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MetricImport(models.Model):
    """One import of one file: what it was, who ran it, and how many values it wrote."""

    metric = models.ForeignKey(PublishedMetric, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(max_length=20)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]


class MetricValue(PeriodFields):
    # no index of its own: metric leads both indexes below, and a million-row import pays for every index
    metric = models.ForeignKey(PublishedMetric, on_delete=models.CASCADE, related_name="values", db_index=False)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="metric_values")
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    source_import = models.ForeignKey(MetricImport, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["metric", "area", "period"], name="metric_value_unique")]
        indexes = [models.Index(fields=["metric", "period"])]


class MeasureBenchmark(models.Model):
    """Links a council measure to a published metric and the groups it is compared with."""

    measure = models.OneToOneField("performance.Measure", on_delete=models.CASCADE, related_name="benchmark")
    metric = models.ForeignKey(PublishedMetric, on_delete=models.PROTECT, related_name="measure_links")
    group_code = models.CharField(max_length=60, default="MD", help_text="Main comparator group, e.g. MD")
    second_group_code = models.CharField(max_length=60, blank=True, default="all")
