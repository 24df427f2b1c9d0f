"""What waits on a person, for the apps that existed before the start pages (reviews, imports, expiring
agreements, overdue actions). New modules register their own items with ``hub.core.registry.register_inbox``.
Each provider reads its app's tables (read-only) and returns ``InboxItem``s for the user it is given."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from hub.core.registry import InboxItem, inbox_sources, register_inbox


def _staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_hub_staff", False))


def solutions_in_review(user):
    if not _staff(user):
        return []
    Solution = apps.get_model("portfolio", "Solution")
    rows = Solution.objects.filter(status="en_revision").exclude(author=user).order_by("submitted_at")[:20]
    return [InboxItem("review", f"Revisar solución: {s.title}", s.get_absolute_url()) for s in rows]


def practices_in_review(user):
    if not _staff(user):
        return []
    Practice = apps.get_model("network", "Practice")
    rows = Practice.objects.filter(status="en_revision").order_by("pk")[:20]
    return [InboxItem("review", f"Revisar experiencia: {p.title}", reverse("network:practice_review", args=[p.pk]))
            for p in rows]


def imports_needing_attention(user):
    if not _staff(user):
        return []
    ImportRun = apps.get_model("observatory", "ImportRun")
    since = timezone.now() - timezone.timedelta(days=14)
    rows = ImportRun.objects.filter(status__in=["failed", "rejected"], started_at__gte=since).order_by("-pk")[:10]
    return [InboxItem("import", f"Importación {r.get_status_display().lower()}: {r.file_name}",
                      reverse("observatory_import:run_detail", args=[r.pk])) for r in rows]


def agreements_expiring(user):
    if not _staff(user):
        return []
    from hub.partners.selectors import agreements_expiring as expiring

    return [InboxItem("agreement", f"Convenio por vencer: {a.title}", a.get_absolute_url(), due=a.end_date)
            for a in expiring()[:20]]


def overdue_actions(user):
    if not getattr(user, "is_authenticated", False):
        return []
    from hub.partners.selectors import overdue_actions as overdue

    rows = overdue()
    if not _staff(user):
        rows = rows.filter(owner__user=user)
    return [InboxItem("action", f"Acuerdo atrasado: {a.description[:80]}",
                      a.session.group.get_absolute_url(), due=a.due_date, overdue=True) for a in rows[:20]]


def my_practices_returned(user):
    if not getattr(user, "is_official", False):
        return []
    Practice = apps.get_model("network", "Practice")
    rows = Practice.objects.filter(author=user, status="devuelta").order_by("-pk")[:10]
    return [InboxItem("practice", f"Su experiencia fue devuelta con observaciones: {p.title}",
                      reverse("network:practice_edit", args=[p.pk])) for p in rows]


PROVIDERS = [solutions_in_review, practices_in_review, imports_needing_attention, agreements_expiring,
             overdue_actions, my_practices_returned]


def register_all() -> None:
    for provider in PROVIDERS:
        register_inbox(provider)


def inbox_for(user) -> list[InboxItem]:
    items: list[InboxItem] = []
    for provider in inbox_sources():
        items.extend(provider(user))
    today = timezone.localdate()
    return sorted(items, key=lambda i: (not i.overdue, i.due or today.replace(year=today.year + 10), i.title))


def inbox_count(user) -> int:
    """Pending items for the header's "Mi inicio (n)": computed at most once a minute per person."""
    from django.core.cache import cache

    key = f"hub-inbox-count:{user.pk}"
    count = cache.get(key)
    if count is None:
        count = len(inbox_for(user))
        cache.set(key, count, timeout=60)
    return count
