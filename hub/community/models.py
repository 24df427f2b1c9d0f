"""Community of practice: questions and answers between verified users (officials, staff, partners).

A question stands on its own or is attached to a network practice, a portfolio solution or a challenge.
Posts are visible or hidden; hiding (moderation by staff, with a reason) and restoring go through
``hub.core.transitions`` so who did it, when and why is recorded. Posts are personal data of their author.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge

MAX_BODY = 10_000


class PostStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "oculta", _("Oculta por moderación")


POST_TRANSITIONS = {
    PostStatus.VISIBLE: {PostStatus.HIDDEN},
    PostStatus.HIDDEN: {PostStatus.VISIBLE},
}


class Question(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_questions",
        verbose_name=_("autor"),
    )
    title = models.CharField(_("pregunta"), max_length=200)
    body = models.TextField(_("detalle"), max_length=MAX_BODY)
    body_html = models.TextField(editable=False, blank=True, max_length=4 * MAX_BODY)
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices, blank=True)
    practice = models.ForeignKey(
        "network.Practice", null=True, blank=True, on_delete=models.SET_NULL, related_name="community_questions",
        verbose_name=_("experiencia de la red"),
    )
    solution = models.ForeignKey(
        "portfolio.Solution", null=True, blank=True, on_delete=models.SET_NULL, related_name="community_questions",
        verbose_name=_("solución del portafolio"),
    )
    accepted_answer = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("respuesta aceptada"),
    )
    status = models.CharField(_("estado"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    status_changed_at = models.DateTimeField(_("estado cambiado el"), null=True, blank=True)
    hidden_reason = models.CharField(_("motivo de moderación"), max_length=500, blank=True)
    search_text = models.TextField(editable=False, blank=True, max_length=MAX_BODY + 400)
    created_at = models.DateTimeField(_("publicada el"), default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(_("última actividad"), default=timezone.now)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("pregunta de la comunidad")
        verbose_name_plural = _("preguntas de la comunidad")
        constraints = [
            models.CheckConstraint(
                condition=Q(practice__isnull=True) | Q(solution__isnull=True),
                name="community_question_one_attachment",
                violation_error_message=_("Una pregunta se asocia a una experiencia o a una solución, no a ambas."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:question_detail", args=[self.pk])

    @property
    def is_hidden(self) -> bool:
        return self.status == PostStatus.HIDDEN


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_answers", verbose_name=_("autor")
    )
    body = models.TextField(_("respuesta"), max_length=MAX_BODY)
    body_html = models.TextField(editable=False, blank=True, max_length=4 * MAX_BODY)
    status = models.CharField(_("estado"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    status_changed_at = models.DateTimeField(_("estado cambiado el"), null=True, blank=True)
    hidden_reason = models.CharField(_("motivo de moderación"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("publicada el"), default=timezone.now)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("respuesta de la comunidad")
        verbose_name_plural = _("respuestas de la comunidad")

    def __str__(self) -> str:
        return f"Respuesta {self.pk} a «{self.question_id}»"

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#r{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.status == PostStatus.HIDDEN


class ReportReason(models.TextChoices):
    ABUSE = "abuso", _("Lenguaje ofensivo o acoso")
    SPAM = "spam", _("Publicidad o spam")
    PERSONAL = "datos_personales", _("Expone datos personales de terceros")
    FALSE = "falso", _("Información falsa o engañosa")
    OTHER = "otro", _("Otro motivo")


class Report(models.Model):
    """A user reports a post for moderation; staff resolve it (hide the post or dismiss the report)."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("motivo"), max_length=20, choices=ReportReason.choices)
    detail = models.CharField(_("detalle"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resuelto el"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reporte de abuso")
        verbose_name_plural = _("reportes de abuso")
        constraints = [
            models.CheckConstraint(
                condition=(Q(question__isnull=False) & Q(answer__isnull=True))
                | (Q(question__isnull=True) & Q(answer__isnull=False)),
                name="community_report_one_target",
            ),
            models.UniqueConstraint(fields=["reporter", "question"], condition=Q(question__isnull=False),
                                    name="community_report_once_per_question"),
            models.UniqueConstraint(fields=["reporter", "answer"], condition=Q(answer__isnull=False),
                                    name="community_report_once_per_answer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.created_at:%d-%m-%Y}"

    @property
    def target(self):
        return self.question or self.answer


class Follow(models.Model):
    """A user follows a question (new answers) or a challenge (new questions in it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(question__isnull=False) & Q(challenge="")) | (Q(question__isnull=True) & ~Q(challenge="")),
                name="community_follow_one_target",
            ),
            models.UniqueConstraint(fields=["user", "question"], condition=Q(question__isnull=False),
                                    name="community_follow_question_once"),
            models.UniqueConstraint(fields=["user", "challenge"], condition=~Q(challenge=""),
                                    name="community_follow_challenge_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id or self.challenge}"


class DigestSent(models.Model):
    """One weekly digest per user and week: a retried task never sends twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("semana (lunes)"))
    sent_at = models.DateTimeField(default=timezone.now)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="community_digest_once_per_week")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.week}"
