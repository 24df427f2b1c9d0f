"""Writes of the community of practice: members only, rate-limited, Markdown rendered safely, moderation
through hub.core.transitions (who, when, why), notifications to followers through hub.notifications."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.taxonomy import Challenge
from hub.core.text import fold
from hub.core.transitions import transition
from hub.notifications.services import notify

from . import access
from .models import POST_TRANSITIONS, Answer, Follow, PostStatus, Question, Report
from .rendering import render_markdown

RATE_WINDOW_SECONDS = 600


class RateLimited(ValidationError):
    """Too many posts in the window: shown as a 429 with a Spanish message."""


def _rate_limit() -> int:
    return int(getattr(settings, "HUB_COMMUNITY_POSTS_PER_10_MIN", 5))


def check_rate(user) -> None:
    """At most N posts (questions + answers) per user per 10-minute window, counted in the shared cache.

    ``cache.add`` + ``cache.incr`` are atomic in Redis and in the local-memory cache, so two requests at once
    cannot both take the last slot.
    """
    limit = _rate_limit()
    if limit <= 0:
        return
    window = int(time.time() // RATE_WINDOW_SECONDS)
    key = f"community:rate:{user.pk}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS + 5)
        count = 1
    if count > limit:
        wait = RATE_WINDOW_SECONDS - int(time.time() % RATE_WINDOW_SECONDS)
        raise RateLimited(
            _("Publicó %(n)s mensajes en menos de 10 minutos. Espere %(m)s minutos antes de publicar otro; "
              "su texto no se perdió.") % {"n": limit, "m": max(1, wait // 60)},
            code="rate_limited",
        )


def _clean_text(value: str, field: str, label: str, *, min_length: int = 3) -> str:
    value = (value or "").strip()
    if len(value) < min_length:
        raise ValidationError({field: _("Escriba %(label)s (al menos %(n)s caracteres).")
                               % {"label": label, "n": min_length}})
    return value


def _followers(*, question: Question | None = None, challenge: str = "", exclude=None) -> list:
    qs = Follow.objects.select_related("user")
    qs = qs.filter(question=question) if question is not None else qs.filter(challenge=challenge)
    return [f.user for f in qs if f.user_id != getattr(exclude, "pk", None) and access.is_member(f.user)]


def _follow(user, *, question: Question | None = None, challenge: str = "") -> None:
    Follow.objects.get_or_create(user=user, question=question, challenge=challenge if question is None else "")


# Questions and answers


@transaction.atomic
def question_create(*, acting_user, title: str, body: str, challenge: str = "", practice_id: int | None = None,
                    solution_id: int | None = None, is_demo: bool = False, skip_rate_limit: bool = False) -> Question:
    access.require_member(acting_user)
    from hub.network.access import practices_for_user
    from hub.portfolio.models import Solution, SolutionStatus

    question = Question(author=acting_user, is_demo=is_demo, challenge=challenge or "")
    question.title = _clean_text(title, "title", _("la pregunta"), min_length=8)
    question.body = _clean_text(body, "body", _("el detalle"), min_length=10)
    if practice_id and solution_id:
        raise ValidationError(_("Asocie la pregunta a una experiencia o a una solución, no a ambas."))
    if practice_id:
        question.practice = practices_for_user(acting_user).filter(pk=practice_id, status="publicada").first()
        if question.practice is None:
            raise ValidationError({"practice": _("Esa experiencia no existe o no está publicada.")})
        question.challenge = question.challenge or question.practice.challenge
    if solution_id:
        question.solution = Solution.objects.filter(pk=solution_id, status=SolutionStatus.PUBLISHED).first()
        if question.solution is None:
            raise ValidationError({"solution": _("Esa solución no existe o no está publicada.")})
        question.challenge = question.challenge or question.solution.challenge
    if question.challenge and question.challenge not in Challenge.values:
        raise ValidationError({"challenge": _("Desafío desconocido.")})
    question.body_html = render_markdown(question.body)
    question.search_text = fold(f"{question.title} {question.body}")
    question.full_clean()
    if not skip_rate_limit:
        check_rate(acting_user)
    question.save()
    _follow(acting_user, question=question)
    if question.challenge:
        notify(
            recipients=_followers(challenge=question.challenge, exclude=acting_user),
            kind="community_new_question",
            title=_("Nueva pregunta en %(c)s: %(t)s") % {"c": question.get_challenge_display(), "t": question.title},
            body=question.body[:500],
            url=question.get_absolute_url(),
        )
    return question


@transaction.atomic
def answer_create(*, acting_user, question_id: int, body: str, is_demo: bool = False,
                  skip_rate_limit: bool = False) -> Answer:
    question = access.access_question(acting_user, question_id)
    if not access.can_answer_question(acting_user, question):
        raise PermissionDenied(_("Esta pregunta fue ocultada por moderación y no admite respuestas."))
    answer = Answer(question=question, author=acting_user, is_demo=is_demo)
    answer.body = _clean_text(body, "body", _("la respuesta"), min_length=5)
    answer.body_html = render_markdown(answer.body)
    answer.full_clean()
    if not skip_rate_limit:
        check_rate(acting_user)
    answer.save()
    Question.objects.filter(pk=question.pk).update(last_activity_at=answer.created_at)
    recipients = _followers(question=question, exclude=acting_user)
    _follow(acting_user, question=question)
    notify(
        recipients=recipients,
        kind="community_answer",
        title=_("Nueva respuesta a «%(t)s»") % {"t": question.title},
        body=_("%(who)s respondió: %(text)s") % {"who": acting_user.get_full_name() or acting_user.username,
                                                 "text": answer.body[:400]},
        url=answer.get_absolute_url(),
    )
    return answer


@transaction.atomic
def answer_accept(*, acting_user, answer_id: int) -> Answer:
    """The asker marks one answer as accepted (or moves the mark to another): one conditional UPDATE."""
    answer = access.access_answer(acting_user, answer_id)
    question = answer.question
    if not access.can_accept_answer(acting_user, question):
        raise PermissionDenied(_("Solo quien hizo la pregunta puede marcar la respuesta aceptada."))
    if answer.status != PostStatus.VISIBLE:
        raise ValidationError(_("No se puede aceptar una respuesta oculta por moderación."))
    Question.objects.filter(pk=question.pk).update(accepted_answer=answer)
    if answer.author_id != acting_user.pk:
        notify(
            recipients=[answer.author], kind="community_accepted",
            title=_("Su respuesta fue aceptada: «%(t)s»") % {"t": question.title},
            url=answer.get_absolute_url(),
        )
    return answer


# Moderation


def _target(*, acting_user, question_id: int | None, answer_id: int | None):
    if bool(question_id) == bool(answer_id):
        raise ValidationError(_("Indique una pregunta o una respuesta."))
    if question_id:
        return access.access_question(acting_user, question_id)
    return access.access_answer(acting_user, answer_id)


@transaction.atomic
def post_hide(*, acting_user, reason: str, question_id: int | None = None, answer_id: int | None = None):
    if not access.can_moderate(acting_user):
        raise PermissionDenied(_("Solo el equipo del Hub modera la comunidad."))
    post = _target(acting_user=acting_user, question_id=question_id, answer_id=answer_id)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Escriba el motivo por el que oculta la publicación (lo verá su autor).")})
    post.hidden_reason = reason[:500]
    post = transition(post, to=PostStatus.HIDDEN, allowed=POST_TRANSITIONS, acting_user=acting_user,
                      reason=reason, extra_update_fields=("hidden_reason",))
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=acting_user)
    url = post.get_absolute_url()
    notify(recipients=[post.author], kind="community_hidden",
           title=_("Una publicación suya fue ocultada por moderación"),
           body=_("Motivo: %(r)s") % {"r": reason}, url=url)
    return post


@transaction.atomic
def post_restore(*, acting_user, reason: str = "", question_id: int | None = None, answer_id: int | None = None):
    if not access.can_moderate(acting_user):
        raise PermissionDenied(_("Solo el equipo del Hub modera la comunidad."))
    post = _target(acting_user=acting_user, question_id=question_id, answer_id=answer_id)
    post.hidden_reason = ""
    return transition(post, to=PostStatus.VISIBLE, allowed=POST_TRANSITIONS, acting_user=acting_user,
                      reason=reason or _("Restituida por moderación"), extra_update_fields=("hidden_reason",))


@transaction.atomic
def report_create(*, acting_user, reason: str, detail: str = "", question_id: int | None = None,
                  answer_id: int | None = None) -> Report:
    post = _target(acting_user=acting_user, question_id=question_id, answer_id=answer_id)
    report = Report(reporter=acting_user, reason=reason, detail=(detail or "").strip()[:500])
    if isinstance(post, Question):
        report.question = post
    else:
        report.answer = post
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationError(_("Ya reportó esta publicación; el equipo del Hub la revisará.")) from exc
    from hub.accounts.models import Role, User

    staff = User.objects.filter(role=Role.HUB_STAFF, is_active=True)
    notify(recipients=staff, kind="community_report",
           title=_("Reporte en la comunidad: %(r)s") % {"r": report.get_reason_display()},
           body=report.detail, url=post.get_absolute_url())
    return report


@transaction.atomic
def report_dismiss(*, acting_user, report_id: int) -> Report:
    if not access.can_moderate(acting_user):
        raise PermissionDenied(_("Solo el equipo del Hub modera la comunidad."))
    report = Report.objects.filter(pk=report_id, resolved_at__isnull=True).first()
    if report is None:
        raise ValidationError(_("Ese reporte no existe o ya fue resuelto."))
    report.resolved_at = timezone.now()
    report.resolved_by = acting_user
    report.save(update_fields=["resolved_at", "resolved_by"])
    return report


# Following


@transaction.atomic
def follow_set(*, acting_user, follow: bool, question_id: int | None = None, challenge: str = "") -> bool:
    """Follow or stop following a question or a challenge; returns whether the user now follows it."""
    access.require_member(acting_user)
    if question_id:
        question = access.access_question(acting_user, question_id)
        rows = Follow.objects.filter(user=acting_user, question=question)
        target = {"question": question, "challenge": ""}
    elif challenge in Challenge.values:
        rows = Follow.objects.filter(user=acting_user, challenge=challenge, question__isnull=True)
        target = {"question": None, "challenge": challenge}
    else:
        raise ValidationError(_("Indique una pregunta o un desafío que seguir."))
    if follow:
        Follow.objects.get_or_create(user=acting_user, **target)
    else:
        rows.delete()
    return follow
