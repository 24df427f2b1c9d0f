"""Who may see and change what in the community of practice.

Only verified members read or write: Hub staff, officials acting for at least one comuna, and partners tied
to an organisation. Anonymous visitors are sent to log in (401 in the API); other accounts get a 403.
Members see visible posts and their own hidden ones (with the moderation reason); staff see everything.
Only the asker accepts an answer; only staff moderate.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, is_partner, user_comuna_cuts

from .models import Answer, PostStatus, Question

AUTHOR_RELATED = ("author", "author__organization")


def is_member(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(is_hub_staff(user) or user_comuna_cuts(user) or is_partner(user))


def require_member(user) -> None:
    if not is_member(user):
        raise PermissionDenied(
            _("La comunidad de práctica es solo para funcionarios municipales, el equipo del Hub y socios verificados.")
        )


def _author_prefetch(prefix: str = "") -> list:
    from hub.territory.models import Comuna

    return [Prefetch(f"{prefix}author__comunas", queryset=Comuna.objects.only("cut", "name"))]


def questions_for_user(user) -> QuerySet[Question]:
    if not is_member(user):
        return Question.objects.none()
    qs = Question.objects.select_related(*AUTHOR_RELATED, "practice", "solution").prefetch_related(
        *_author_prefetch()
    )
    if is_hub_staff(user):
        return qs
    return qs.filter(Q(status=PostStatus.VISIBLE) | Q(author=user))


def answers_for_user(user, question: Question) -> QuerySet[Answer]:
    qs = question.answers.select_related(*AUTHOR_RELATED).prefetch_related(*_author_prefetch())
    if is_hub_staff(user):
        return qs
    return qs.filter(Q(status=PostStatus.VISIBLE) | Q(author=user))


def access_question(user, pk) -> Question:
    require_member(user)
    question = questions_for_user(user).filter(pk=pk).first()
    if question is None:
        raise Http404(_("No existe una pregunta visible con ese número."))
    return question


def access_answer(user, pk) -> Answer:
    require_member(user)
    answer = Answer.objects.select_related("question", "author").filter(pk=pk).first()
    if answer is None or not questions_for_user(user).filter(pk=answer.question_id).exists():
        raise Http404(_("No existe esa respuesta."))
    if answer.status == PostStatus.HIDDEN and not (is_hub_staff(user) or answer.author_id == user.pk):
        raise Http404(_("No existe esa respuesta."))
    return answer


def can_answer_question(user, question: Question) -> bool:
    return is_member(user) and question.status == PostStatus.VISIBLE


def can_accept_answer(user, question: Question) -> bool:
    return is_member(user) and question.author_id == user.pk


def can_moderate(user) -> bool:
    return bool(is_hub_staff(user))
