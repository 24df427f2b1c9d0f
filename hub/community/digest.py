"""The weekly digest: what is new for one person in their challenges and region, sent by Django mail.

Preference: the notification kind ``weekly_digest`` (e-mail on by default; a person turns it off in
Notificaciones → Preferencias). One DigestSent row per user and week makes a retried task harmless.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access
from .models import DigestSent, PostStatus
from .selectors import followed_challenges

DIGEST_KIND = "weekly_digest"


@dataclass
class Digest:
    user: object
    since: datetime.datetime
    challenges: list[str]
    regions: list[str]
    solutions: list = field(default_factory=list)
    practices: list = field(default_factory=list)
    library: list = field(default_factory=list)
    agenda: list = field(default_factory=list)
    data_updates: list = field(default_factory=list)
    questions: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(x) for x in (self.solutions, self.practices, self.library, self.agenda, self.data_updates,
                                    self.questions))


def user_regions(user) -> list[str]:
    codes = set(user.comunas.values_list("region_id", flat=True))
    org = getattr(user, "organization", None) if getattr(user, "is_partner", False) else None
    if org is not None and org.comuna_id:
        codes.add(org.comuna.region_id)
    return sorted(str(c) for c in codes)


def wants_digest(user) -> bool:
    from hub.notifications.kinds import get_kind
    from hub.notifications.models import Preference

    pref = Preference.objects.filter(user=user, kind=DIGEST_KIND).first()
    return pref.email if pref is not None else get_kind(DIGEST_KIND).email


def _site(url: str) -> str:
    return f"{settings.HUB_SITE_URL.rstrip('/')}{url}"


def build_digest(user, *, now: datetime.datetime | None = None, days: int = 7) -> Digest:
    """What changed in the last ``days`` for this person: filtered by their followed challenges (all when they
    follow none) and, for practices and questions, by their region (all when they have none)."""
    from hub.agenda.models import AgendaItem
    from hub.core.models import StateChange
    from hub.network.models import Practice, PracticeStatus
    from hub.observatory.models import ImportRun, ImportStatus
    from hub.portfolio.models import LibraryItem, Solution, SolutionStatus

    now = now or timezone.now()
    since = now - datetime.timedelta(days=days)
    challenges = sorted(followed_challenges(user))
    regions = user_regions(user)
    digest = Digest(user=user, since=since, challenges=challenges, regions=regions)

    def by_challenge(qs, name="challenge"):
        return qs.filter(**{f"{name}__in": challenges}) if challenges else qs

    digest.solutions = list(by_challenge(
        Solution.objects.filter(status=SolutionStatus.PUBLISHED, published_at__gte=since, published_at__lte=now)
    ).order_by("-published_at")[:10])
    practices = Practice.objects.select_related("comuna").filter(
        status=PracticeStatus.PUBLISHED, published_at__gte=since, published_at__lte=now
    )
    if regions:
        practices = practices.filter(comuna__region_id__in=regions)
    digest.practices = list(by_challenge(practices).order_by("-published_at")[:10])
    digest.library = list(by_challenge(
        LibraryItem.objects.filter(created_at__gte=since, created_at__lte=now)
    ).order_by("-created_at")[:10])
    changes = StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(AgendaItem), field="stage", at__gte=since, at__lte=now
    )
    item_ids = {int(pk) for pk in changes.values_list("object_id", flat=True)}
    items = AgendaItem.objects.filter(Q(pk__in=item_ids) | Q(created_at__gte=since, created_at__lte=now))
    if challenges:
        items = items.filter(challenges__challenge__in=challenges).distinct()
    digest.agenda = list(items.order_by("-stage_changed_at")[:10])
    digest.data_updates = list(
        ImportRun.objects.filter(status=ImportStatus.SUCCEEDED, dry_run=False, finished_at__gte=since,
                                 finished_at__lte=now).order_by("-finished_at")[:10]
    )
    questions = (
        access.questions_for_user(user)
        .filter(status=PostStatus.VISIBLE, created_at__gte=now - datetime.timedelta(days=30))
        .exclude(author=user)
        .annotate(n=Count("answers", filter=Q(answers__status=PostStatus.VISIBLE)))
        .filter(n=0)
    )
    scope = Q()
    if challenges:
        scope |= Q(challenge__in=challenges)
    if regions:
        scope |= Q(author__comunas__region_id__in=regions)
    if challenges or regions:
        questions = questions.filter(scope).distinct()
    digest.questions = list(questions.order_by("-created_at")[:10])
    return digest


def _week_of(now: datetime.datetime) -> datetime.date:
    day = timezone.localdate(now)
    return day - datetime.timedelta(days=day.weekday())


def send_digest(user, *, now: datetime.datetime | None = None) -> bool:
    """Send this week's digest to one person if they want it, have an e-mail and there is news; True if sent."""
    now = now or timezone.now()
    if not (user.is_active and user.email and access.is_member(user) and wants_digest(user)):
        return False
    digest = build_digest(user, now=now)
    if not digest.total:
        return False
    week = _week_of(now)
    try:
        with transaction.atomic():
            record = DigestSent.objects.create(user=user, week=week, items=digest.total)
    except IntegrityError:
        return False  # already sent this week (a retried task)
    context = {"d": digest, "site": settings.HUB_SITE_URL.rstrip("/"), "week": week}
    try:
        send_mail(
            subject=_("[Hub Local] Resumen semanal: %(n)s novedades") % {"n": digest.total},
            message=render_to_string("community/digest_email.txt", context),
            html_message=render_to_string("community/digest_email.html", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    except Exception:
        record.delete()  # try again on the next run
        raise
    return True


def send_weekly_digests(*, acting_user=None, now: datetime.datetime | None = None) -> int:
    """Send the digest to every verified member who wants it; returns how many were sent.

    Run by the background task (or the management command); ``acting_user`` is None for the scheduler.
    """
    from hub.accounts.models import User

    sent = 0
    users = User.objects.filter(is_active=True).exclude(email="").select_related("organization")
    for user in users.iterator():
        if send_digest(user, now=now):
            sent += 1
    return sent
