"""What formación adds to shared pages and reports: comuna block, evidence for «Cobertura», member value, inbox."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff
from hub.core.registry import Evidence, InboxItem, SearchHit, ValueItem


def comuna_training_section(request, comuna):
    from .models import EnrolmentStatus
    from .selectors import certified_enrolments

    certified = certified_enrolments().filter(comuna=comuna)
    people = certified.values("user").distinct().count()
    by_programme = list(certified.values("cohort__programme__title", "cohort__programme_id")
                        .annotate(n=Count("user", distinct=True)).order_by("-n", "cohort__programme__title")[:5])
    active = comuna.training_enrolments.filter(status__in=[EnrolmentStatus.CONFIRMADA, EnrolmentStatus.ACTIVA]).count()
    pools = list(comuna.training_pools.select_related("agreement").filter(agreement__status__in=[
        "firmado", "vigente"]))
    return {"title": _("Formación y certificación"), "template": "training/_comuna_section.html",
            "context": {"people": people, "by_programme": by_programme, "active": active, "pools": pools}}


def training_evidence(start: date, end: date) -> list[Evidence]:
    """One record per certified official per cohort (approval or participation), dated at the cohort's end."""
    from .selectors import certified_enrolments

    out = []
    for e in certified_enrolments(start, end).select_related("cohort", "cohort__programme", "comuna"):
        programme = e.cohort.programme
        out.append(Evidence(kind="training_certified", label=f"{programme.title} · {e.cohort.name}",
                            on=e.cohort.end_date, cut=e.comuna_id or "", work_line=programme.work_line,
                            challenge=programme.challenge, url=e.cohort.get_absolute_url(),
                            extra={"outcome": e.status, "user_id": e.user_id}))
    return out


def training_member_value(comuna, start: date, end: date) -> list[ValueItem]:
    """Seats the comuna's officials took at the member fee, valued at the non-member list price."""
    from .models import SEAT_HOLDING, Enrolment, FeeBasis

    rows = (Enrolment.objects.filter(comuna=comuna, status__in=SEAT_HOLDING, fee_basis=FeeBasis.SOCIA,
                                     cohort__start_date__gte=start, cohort__start_date__lte=end)
            .values("cohort_id", "cohort__name", "cohort__programme__title", "cohort__fee_other_clp",
                    "cohort__fee_member_clp").annotate(n=Count("pk")).order_by("cohort_id"))
    return [ValueItem(kind="training_seat", label=f"{r['cohort__programme__title']} · {r['cohort__name']}",
                      quantity=r["n"], unit_price_clp=int(r["cohort__fee_other_clp"]),
                      url=reverse("training:cohort_detail", args=[r["cohort_id"]])) for r in rows]


def training_inbox(user) -> list[InboxItem]:
    if not is_hub_staff(user):
        return []
    from .selectors import cohorts_to_close, enrolments_to_confirm

    items = [InboxItem(kind="training_close", title=_("Cerrar y certificar: %(c)s") % {"c": c},
                       url=reverse("training:cohort_manage", args=[c.pk]), due=c.end_date, overdue=True)
             for c in cohorts_to_close()]
    waiting = enrolments_to_confirm().values("cohort_id", "cohort__name", "cohort__programme__title").annotate(
        n=Count("pk")).order_by("cohort_id")
    items += [InboxItem(kind="training_confirm",
                        title=_("%(n)s inscripciones por confirmar en %(p)s · %(c)s") % {
                            "n": w["n"], "p": w["cohort__programme__title"], "c": w["cohort__name"]},
                        url=reverse("training:cohort_manage", args=[w["cohort_id"]])) for w in waiting]
    return items


def training_search(query: str, user, limit: int) -> list[SearchHit]:
    from hub.core.text import fold

    from .access import programmes_for_user

    needle = fold(query)
    hits = []
    for p in programmes_for_user(user)[:500]:
        if needle and needle in fold(f"{p.title} {p.summary}"):
            hits.append(SearchHit(group=_("Formación"), title=p.title, url=p.get_absolute_url(), snippet=p.summary))
            if len(hits) >= limit:
                break
    return hits
