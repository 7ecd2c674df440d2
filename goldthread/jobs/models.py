"""A background job a person asked for: a committee pack or an import, run by a task worker.

The task queue (django-tasks with its database backend) only knows "run job X"; everything a person
sees (state, progress, the error, the file or the import's summary) lives here, in the database, so
any web process on any machine can show it and serve the file without a shared disk."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from goldthread.core import jobs_queue


class Job(models.Model):
    class Kind(models.TextChoices):
        PACK = jobs_queue.PACK, "Committee report"
        METRIC_IMPORT = jobs_queue.METRIC_IMPORT, "Published metric import"
        OUTTURN_IMPORT = jobs_queue.OUTTURN_IMPORT, "Revenue outturn import"
        VALUES_UPLOAD = jobs_queue.VALUES_UPLOAD, "Performance values upload"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.FloatField(default=0.0, help_text="0 to 1")
    step = models.CharField(max_length=200, blank=True, help_text="What the worker is doing now")
    attempts = models.PositiveIntegerField(default=1)
    task_id = models.CharField(max_length=64, blank=True, help_text="The task queue's id for the latest attempt")
    # What the job works on: an uploaded file, kept until the job succeeds so it can be retried.
    input_name = models.CharField(max_length=300, blank=True)
    input_bytes = models.BinaryField(null=True, blank=True)
    # When it failed: a message for the person (never a traceback) and, for imports, every problem found.
    error = models.TextField(blank=True)
    problems = models.JSONField(default=list, blank=True)
    # When it is done: a file, or an import's summary lines and a link to what it changed.
    result_name = models.CharField(max_length=300, blank=True)
    result_content_type = models.CharField(max_length=120, blank=True)
    result_bytes = models.BinaryField(null=True, blank=True)
    summary = models.JSONField(default=list, blank=True)
    result_link = models.CharField(max_length=300, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="job_requester_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def has_file(self) -> bool:
        return self.state == self.State.DONE and bool(self.result_name)

    @property
    def percent(self) -> int:
        return round(max(0.0, min(1.0, self.progress)) * 100)
