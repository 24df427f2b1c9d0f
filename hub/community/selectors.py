"""Reads of the community shared by pages, API, digest and the site search."""

import re

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.core.registry import SearchHit
from hub.core.text import fold

from . import access
from .models import Follow, PostStatus, Question

LIST_FILTERS = ("", "sin_respuesta", "mias", "sigo")


def _words(q: str) -> list[str]:
    return re.findall(r"\w+", fold(q or ""))[:10]


def author_line(user) -> str:
    """Who speaks: role and comuna(s) or organisation (uses prefetched comunas/organization)."""
    if user is None:
        return ""
    role = user.get_role_display()
    if user.is_partner and user.organization_id:
        where = user.organization.short_name or user.organization.name
    else:
        where = ", ".join(c.name for c in user.comunas.all())
    if user.is_hub_staff:
        where = _("Hub Nacional de Gobierno Local")
    return f"{role} · {where}" if where else role


def question_list(user, *, q: str = "", challenge: str = "", show: str = "", practice: int | None = None,
                  solution: int | None = None) -> QuerySet[Question]:
    qs = access.questions_for_user(user).annotate(
        answer_count=Count("answers", filter=Q(answers__status=PostStatus.VISIBLE), distinct=True)
    )
    if challenge:
        qs = qs.filter(challenge=challenge)
    if practice:
        qs = qs.filter(practice_id=practice)
    if solution:
        qs = qs.filter(solution_id=solution)
    if show == "sin_respuesta":
        qs = qs.filter(answer_count=0)
    elif show == "mias":
        qs = qs.filter(author=user)
    elif show == "sigo":
        qs = qs.filter(follows__user=user)
    for word in _words(q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-last_activity_at", "-pk")


def followed_challenges(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Follow.objects.filter(user=user, question__isnull=True).values_list("challenge", flat=True))


def follows_question(user, question) -> bool:
    return Follow.objects.filter(user=user, question=question).exists()


def search_questions(query: str, user, limit: int) -> list[SearchHit]:
    """Site-wide search: only verified members see community questions (accent/case-insensitive)."""
    if not access.is_member(user) or not _words(query):
        return []
    return [
        SearchHit(group=_("Comunidad de práctica"), title=q.title, url=q.get_absolute_url(),
                  snippet=q.body[:160])
        for q in question_list(user, q=query)[:limit]
    ]


def moderation_inbox(user) -> list:
    """Staff inbox: open abuse reports waiting for moderation."""
    from django.urls import reverse

    from hub.core.registry import InboxItem

    from .models import Report

    if not access.can_moderate(user):
        return []
    count = Report.objects.filter(resolved_at__isnull=True).count()
    if not count:
        return []
    return [InboxItem(kind="community_report", url=reverse("community:moderation"),
                      title=ngettext("%(n)s reporte de la comunidad por revisar",
                                     "%(n)s reportes de la comunidad por revisar", count) % {"n": count})]
