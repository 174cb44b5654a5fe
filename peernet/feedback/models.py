"""Surveys (baseline, end of programme, follow-up), their responses by token link, and case studies."""

import secrets

from django.db import models
from django.db.models import Q

from peernet.applications.models import Application
from peernet.programmes.models import Round


def new_survey_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    class Kind(models.TextChoices):
        BASELINE = "baseline", "Baseline"
        END = "end", "End of programme"
        FOLLOW_UP = "follow_up", "Follow-up"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["round", "opens_on"]
        constraints = [models.UniqueConstraint(fields=["round", "kind"], name="survey_kind_once_per_round")]

    def __str__(self) -> str:
        return f"{self.title} ({self.round.name})"


class ResponseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ResponseQuerySet":
        from peernet.feedback.permissions import responses_visible_to

        return responses_visible_to(self, user)


class Response(models.Model):
    """One participant's invitation to a survey and, once submitted, their answers."""

    class Satisfaction(models.IntegerChoices):
        VERY_DISSATISFIED = 1, "Very dissatisfied"
        DISSATISFIED = 2, "Dissatisfied"
        NEITHER = 3, "Neither satisfied nor dissatisfied"
        SATISFIED = 4, "Satisfied"
        VERY_SATISFIED = 5, "Very satisfied"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="survey_responses")
    token = models.CharField(max_length=64, unique=True, default=new_survey_token, editable=False)
    invited_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(choices=Satisfaction.choices, null=True, blank=True)
    would_recommend = models.BooleanField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "application"], name="response_once_per_survey"),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="satisfaction_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.application}"


class CaseStudyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseStudyQuerySet":
        from peernet.feedback.permissions import case_studies_visible_to

        return case_studies_visible_to(self, user)


class CaseStudy(models.Model):
    """A story of one leader's challenge and outcome, publishable only with their consent."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_CONSENT = "awaiting_consent", "Awaiting consent"
        CONSENTED = "consented", "Consent given"
        PUBLISHED = "published", "Published"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="case_studies")
    title = models.CharField(max_length=200)
    challenge = models.TextField()
    outcome = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name_plural = "case studies"
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(consent_given_at__isnull=False),
                name="case_study_published_only_with_consent",
            )
        ]

    def __str__(self) -> str:
        return self.title
