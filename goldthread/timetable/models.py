"""The reporting timetable: per council and financial year, for each quarter, when values are due, when
the performance team signs them off, and when Cabinet, Scrutiny and Audit receive the packs.

Its own app, not part of ``council``: it has its own page, history and API, the reminders and the home page
read it, and keeping its tables apart keeps the council app's migrations untouched."""

from django.db import models

from goldthread.domain.periods import Period

DATE_FIELDS = ["values_due", "signoff", "cabinet", "scrutiny", "audit"]
DATE_LABELS = {
    "values_due": "Values due",
    "signoff": "Performance team signs off",
    "cabinet": "Cabinet",
    "scrutiny": "Scrutiny",
    "audit": "Audit committee",
}


class ReportingYear(models.Model):
    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="reporting_years")
    year = models.CharField(max_length=7, help_text="A financial year, e.g. 2023-24")
    is_example = models.BooleanField(default=False, help_text="Example dates, not the council's published ones")
    note = models.TextField(blank=True, help_text="Where the dates come from")

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["council", "year"], name="timetable_year_unique")]

    def __str__(self) -> str:
        return f"Reporting timetable {self.year}"

    @property
    def start_year(self) -> int:
        return int(self.year[:4])


class TimetablePeriod(models.Model):
    """One quarter of a reporting year."""

    reporting_year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="periods")
    quarter = models.PositiveSmallIntegerField()
    values_due = models.DateField("Values due")
    signoff = models.DateField("Performance team signs off", null=True, blank=True)
    cabinet = models.DateField("Cabinet", null=True, blank=True)
    scrutiny = models.DateField("Scrutiny", null=True, blank=True)
    audit = models.DateField("Audit committee", null=True, blank=True)

    class Meta:
        ordering = ["reporting_year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["reporting_year", "quarter"], name="timetable_quarter_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="timetable_quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"Reporting timetable {self.period.label}"

    @property
    def period(self) -> Period:
        return Period.financial_quarter(self.reporting_year.start_year, self.quarter)
