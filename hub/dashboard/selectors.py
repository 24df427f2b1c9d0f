"""The start page of each role: what an official, a partner or Hub staff needs first thing in the morning."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps

from .inbox import inbox_for

HEADLINES_PER_CHALLENGE = 2


@dataclass
class StartPage:
    role: str
    inbox: list = field(default_factory=list)
    comunas: list = field(default_factory=list)  # [(comuna, [DashboardGroup trimmed])]
    agreements: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    notifications: list = field(default_factory=list)
    unread: int = 0


def _headlines(comuna):
    from hub.observatory.selectors import comuna_dashboard

    groups = comuna_dashboard(comuna, [])
    for group in groups:
        group.items = group.items[:HEADLINES_PER_CHALLENGE]
    return groups


def _partner_agreements(user):
    Agreement = apps.get_model("partners", "Agreement")
    if not user.organization_id:
        return []
    return list(Agreement.objects.filter(parties__organization_id=user.organization_id).distinct()
                .order_by("-start_date", "-pk")[:10])


def _partner_projects(user):
    Project = apps.get_model("partners", "Project")
    if not user.organization_id:
        return []
    return list(Project.objects.filter(organizations__id=user.organization_id).distinct().order_by("-pk")[:10])


def start_page(user) -> StartPage:
    from hub.notifications.access import notifications_for_user

    role = next((name for name, flag in (("staff", user.is_hub_staff), ("official", user.is_official),
                                         ("partner", user.is_partner)) if flag), "public")
    page = StartPage(role=role, inbox=inbox_for(user))
    notes = notifications_for_user(user)
    page.notifications = list(notes.filter(read_at__isnull=True)[:5])
    page.unread = notes.filter(read_at__isnull=True).count()
    if role == "official":
        page.comunas = [(c, _headlines(c)) for c in user.comunas.select_related("region").order_by("name")]
    if role == "partner":
        page.agreements = _partner_agreements(user)
        page.projects = _partner_projects(user)
    return page
