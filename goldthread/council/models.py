"""The council itself: directorates, services, people and the Core Purpose (vision,
priorities, outcomes). Everything else in Goldthread hangs from a priority."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse


class Council(models.Model):
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=100, help_text="For headings, e.g. Sefton Council")
    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    vision = models.TextField(blank=True, help_text="The council's vision statement")
    vision_name = models.CharField(max_length=100, blank=True, help_text="e.g. Vision 2030")
    website = models.URLField(blank=True)
    publish_performance = models.BooleanField(
        "Publish a public performance page",
        default=False,
        help_text="Approved measures per priority on a public page, with CSV and JSON downloads",
    )
    open_data_licence = models.CharField(
        max_length=200,
        default="Open Government Licence v3.0",
        help_text="The licence the council publishes its own performance figures under",
    )
    allow_self_approval = models.BooleanField(
        "Allow people to approve or return what they entered themselves",
        default=False,
        help_text="Only for a small team with nobody else to check: each such decision says so in history."
        " Off, a value, risk review or budget line needs a second person to approve or return it",
    )

    class Meta:
        verbose_name_plural = "councils"

    def __str__(self) -> str:
        return self.name


class Directorate(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="directorates")
    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=200)
    director = models.CharField(max_length=200, blank=True, help_text="Job title of the director")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="directorate_code_unique")]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    directorate = models.ForeignKey(Directorate, on_delete=models.CASCADE, related_name="services")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["directorate__name", "name"]
        constraints = [models.UniqueConstraint(fields=["directorate", "code"], name="service_code_unique")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PERFORMANCE = "performance", "Performance team"
    EDITOR = "editor", "Directorate editor"
    MEMBER = "member", "Member (Cabinet or Scrutiny)"
    AUDITOR = "auditor", "Auditor"
    HR = "hr", "HR"
    OFFICER = "officer", "Officer"


# A first sign-in through the identity provider has no role until the performance team gives one (or a
# group claim maps to one). Kept out of Role: it grants nothing, and Role lists what a role may do.
NO_ROLE = "none"
ACCOUNT_ROLE_CHOICES = [*Role.choices, (NO_ROLE, "No role yet")]


class User(AbstractUser):
    """A person who signs in. Their role decides what they may see and do."""

    role = models.CharField(max_length=20, choices=ACCOUNT_ROLE_CHOICES, default=Role.OFFICER)
    directorate = models.ForeignKey(Directorate, null=True, blank=True, on_delete=models.SET_NULL, related_name="users")
    job_title = models.CharField(max_length=200, blank=True)
    is_demo = models.BooleanField(default=False, help_text="A demo sign-in: refused unless DEBUG is on")

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_performance_team(self) -> bool:
        return self.is_superuser or self.role == Role.PERFORMANCE


class Priority(models.Model):
    """A corporate priority: one strand of the Core Purpose."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="priorities")
    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    lead_member = models.CharField(max_length=200, blank=True, help_text="Cabinet portfolio holder")

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="priority_code_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:priority", args=[self.code])


class Outcome(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title
