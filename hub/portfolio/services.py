"""Writes of the portfolio app: keyword-only, transactional, validated; refusals change nothing.

Every service takes ``acting_user`` and checks ``access`` first. Status changes go through
``hub.core.transitions.transition`` with ``SOLUTION_TRANSITIONS``. What makes a solution publishable:
``solution_publish`` — every active quality criterion approved, in the current review round, by a
reviewer other than the author (``pending_criteria``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.transitions import TransitionRefused, transition
from hub.core.uploads import PDF_MAX_BYTES, validate_pdf

from .access import require_manage_portfolio
from .models import (
    SOLUTION_TRANSITIONS,
    LibraryItem,
    QualityCriterion,
    Review,
    ServiceModel,
    Solution,
    SolutionStatus,
    SubTheme,
    Verdict,
)
from .search import fts_delete, fts_sync

__all__ = ["PDF_MAX_BYTES"]  # re-exported for the tests and forms that size uploads

SOLUTION_FIELDS = ("title", "summary", "description", "work_line", "challenge", "subtheme", "kind", "owner_unit")
LIBRARY_FIELDS = ("title", "kind", "summary", "authors", "year", "work_line", "challenge", "licence", "is_premium")


# --- Sub-themes -------------------------------------------------------------------------------------


def subtheme_create(*, acting_user, challenge: str, name: str, is_demo: bool = False) -> SubTheme:
    require_manage_portfolio(acting_user)
    subtheme = SubTheme(challenge=challenge, name=name.strip(), is_demo=is_demo)
    subtheme.full_clean()
    subtheme.save()
    return subtheme


# --- Solutions ----------------------------------------------------------------------------------------


def _check_subtheme(solution: Solution) -> None:
    if solution.subtheme_id and solution.subtheme.challenge != solution.challenge:
        raise ValidationError({"subtheme": _("El subtema elegido pertenece a otro desafío.")})


def _set_service_models(solution: Solution, service_models: dict[str, str]) -> None:
    texts = {typology: (text or "").strip() for typology, text in service_models.items()}
    if not any(texts.values()):
        raise ValidationError(
            _("Indique el modelo de servicio de al menos una tipología comunal (qué cambia en cada una).")
        )
    for typology, text in texts.items():
        if text:
            ServiceModel.objects.update_or_create(solution=solution, typology=typology, defaults={"description": text})
        else:
            ServiceModel.objects.filter(solution=solution, typology=typology).delete()


@transaction.atomic
def solution_create(*, acting_user, data: dict, service_models: dict[str, str], is_demo: bool = False) -> Solution:
    require_manage_portfolio(acting_user)
    solution = Solution(author=acting_user, is_demo=is_demo, **{k: data[k] for k in SOLUTION_FIELDS if k in data})
    solution.full_clean()
    _check_subtheme(solution)
    solution.save()
    _set_service_models(solution, service_models)
    return solution


@transaction.atomic
def solution_update(*, acting_user, solution: Solution, data: dict, service_models: dict[str, str]) -> Solution:
    require_manage_portfolio(acting_user)
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    if solution.status != SolutionStatus.DRAFT:
        raise ValidationError(
            _("Solo se puede editar una solución en borrador (estado actual: %(s)s).")
            % {"s": solution.get_status_display()}
        )
    for key in SOLUTION_FIELDS:
        if key in data:
            setattr(solution, key, data[key])
    solution.full_clean()
    _check_subtheme(solution)
    solution.save()
    _set_service_models(solution, service_models)
    return solution


def _move(solution: Solution, *, acting_user, to: str, guard=None, stamp: str | None = None) -> Solution:
    """One status change through the shared transition helper; ``stamp`` names the *_at field to set now."""
    extra = ["updated_at"]
    if stamp:
        setattr(solution, stamp, timezone.now())
        extra.append(stamp)
    return transition(
        solution, to=to, allowed=SOLUTION_TRANSITIONS, acting_user=acting_user, guard=guard,
        extra_update_fields=extra,
    )


@transaction.atomic
def solution_submit(*, acting_user, solution: Solution) -> Solution:
    require_manage_portfolio(acting_user)

    def guard(locked: Solution) -> None:
        if not locked.service_models.exists():
            raise TransitionRefused(
                _("Antes de enviar a revisión, describa el modelo de servicio de al menos una tipología.")
            )

    moved = _move(solution, acting_user=acting_user, to=SolutionStatus.IN_REVIEW, guard=guard, stamp="submitted_at")
    from hub.accounts.models import User
    from hub.notifications.services import notify

    # Four eyes: every other staff member may review; the author cannot approve her own criteria.
    notify(recipients=User.objects.filter(role="hub_staff", is_active=True).exclude(pk=solution.author_id),
           kind="review_requested", title=_("Solución para revisar: %(t)s") % {"t": solution.title},
           url=solution.get_absolute_url())
    return moved


def pending_criteria(solution: Solution) -> list[QualityCriterion]:
    """Active criteria not yet approved, in the current review round, by someone other than the author.

    The latest verdict per criterion counts; reviews before the last submission belong to an older
    version of the solution and do not count.
    """
    reviews = solution.reviews.exclude(reviewer_id=solution.author_id)
    if solution.submitted_at:
        reviews = reviews.filter(created_at__gte=solution.submitted_at)
    latest: dict[int, str] = {}
    for criterion_id, verdict in reviews.order_by("created_at", "id").values_list("criterion_id", "verdict"):
        latest[criterion_id] = verdict
    return [c for c in QualityCriterion.objects.filter(is_active=True) if latest.get(c.pk) != Verdict.APPROVED]


@transaction.atomic
def solution_review(*, acting_user, solution: Solution, verdicts: dict[int, tuple[str, str]]) -> list[Review]:
    """Record one verdict per criterion ({criterion_id: (verdict, comment)}) by ``acting_user``.

    Any «observado» asks for changes: the solution goes back to draft so its author can fix it.
    """
    require_manage_portfolio(acting_user)
    reviewer = acting_user
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    if solution.status != SolutionStatus.IN_REVIEW:
        raise ValidationError(
            _("Solo se revisan soluciones en revisión (estado actual: %(s)s).") % {"s": solution.get_status_display()}
        )
    if reviewer.pk == solution.author_id:
        raise ValidationError(_("El autor de una solución no puede revisarla: debe hacerlo otra persona del equipo."))
    if not verdicts:
        raise ValidationError(_("Indique un veredicto para al menos un criterio."))
    criteria = {c.pk: c for c in QualityCriterion.objects.filter(is_active=True, pk__in=list(verdicts))}
    reviews = []
    for criterion_id, (verdict, comment) in verdicts.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ValidationError(_("El criterio %(c)s no existe o no está activo.") % {"c": criterion_id})
        if verdict == Verdict.OBSERVED and not (comment or "").strip():
            raise ValidationError(
                _("Explique la observación sobre «%(c)s» para que el autor sepa qué corregir.") % {"c": criterion.name}
            )
        review = Review(solution=solution, reviewer=reviewer, criterion=criterion, verdict=verdict, comment=comment)
        review.full_clean()
        reviews.append(review)
    Review.objects.bulk_create(reviews)
    if any(r.verdict == Verdict.OBSERVED for r in reviews):
        _move(solution, acting_user=acting_user, to=SolutionStatus.DRAFT)
    return reviews


@transaction.atomic
def solution_publish(*, acting_user, solution: Solution) -> Solution:
    require_manage_portfolio(acting_user)

    def guard(locked: Solution) -> None:
        missing = pending_criteria(locked)
        if missing:
            raise TransitionRefused(
                _("No se puede publicar: faltan aprobaciones de un revisor distinto del autor en: %(c)s.")
                % {"c": ", ".join(c.name for c in missing)}
            )

    return _move(solution, acting_user=acting_user, to=SolutionStatus.PUBLISHED, guard=guard, stamp="published_at")


@transaction.atomic
def solution_retire(*, acting_user, solution: Solution) -> Solution:
    require_manage_portfolio(acting_user)
    return _move(solution, acting_user=acting_user, to=SolutionStatus.RETIRED, stamp="retired_at")


# --- Library --------------------------------------------------------------------------------------------


def library_item_create(
    *, acting_user, data: dict, upload=None, comunas=(), regions=(), is_demo: bool = False
) -> LibraryItem:
    """Validate everything first; only then store the file and the row, and remove the file if the row fails."""
    require_manage_portfolio(acting_user)
    validate_pdf(upload)
    item = LibraryItem(created_by=acting_user, is_demo=is_demo, **{k: data[k] for k in LIBRARY_FIELDS if k in data})
    item.full_clean(exclude=["file"])
    stored_name = ""
    try:
        with transaction.atomic():
            if upload is not None:
                item.file_size = upload.size
                item.file.save("documento.pdf", upload, save=False)
                stored_name = item.file.name
            item.save()
            item.comunas.set(comunas)
            item.regions.set(regions)
            fts_sync(item)
    except Exception:
        if stored_name:
            item.file.storage.delete(stored_name)
        raise
    return item


@transaction.atomic
def library_item_update(*, acting_user, item: LibraryItem, data: dict, comunas=None, regions=None) -> LibraryItem:
    require_manage_portfolio(acting_user)
    for key in LIBRARY_FIELDS:
        if key in data:
            setattr(item, key, data[key])
    item.full_clean(exclude=["file"])
    item.save()
    if comunas is not None:
        item.comunas.set(comunas)
    if regions is not None:
        item.regions.set(regions)
    fts_sync(item)
    return item


@transaction.atomic
def library_item_delete(*, acting_user, item: LibraryItem) -> None:
    require_manage_portfolio(acting_user)
    item_id, name, storage = item.pk, item.file.name, item.file.storage
    item.delete()
    fts_delete(item_id)
    if name:
        transaction.on_commit(lambda: storage.delete(name))
