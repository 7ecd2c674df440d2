"""The period columns every per-period record carries (measure values and targets, published benchmark
values, budget lines). In core so that each app can use them without importing another app's models."""

from django.db import models

from goldthread.domain.periods import Period


class PeriodFields(models.Model):
    """A period kept as its canonical label plus dates, so it sorts and filters in SQL."""

    period = models.CharField(max_length=20)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        abstract = True

    def set_period(self, period: Period) -> None:
        self.period, self.period_start, self.period_end = period.label, period.start, period.end
