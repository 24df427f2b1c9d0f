"""Writes of the portfolio app: keyword-only, transactional, validated; refusals change nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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

PDF_MAX_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"

SOLUTION_FIELDS = ("title", "summary", "description", "work_line", "challenge", "subtheme", "kind", "owner_unit")
LIBRARY_FIELDS = ("title", "kind", "summary", "authors", "year", "work_line", "challenge", "licence", "is_premium")


# --- Sub-themes -------------------------------------------------------------------------------------


def subtheme_create(*, challenge: str, name: str, is_demo: bool = False) -> SubTheme:
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
def solution_create(*, author, data: dict, service_models: dict[str, str], is_demo: bool = False) -> Solution:
    solution = Solution(author=author, is_demo=is_demo, **{k: data[k] for k in SOLUTION_FIELDS if k in data})
    solution.full_clean()
    _check_subtheme(solution)
    solution.save()
    _set_service_models(solution, service_models)
    return solution


@transaction.atomic
def solution_update(*, solution: Solution, user, data: dict, service_models: dict[str, str]) -> Solution:
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


def _transition(solution: Solution, target: str) -> None:
    if target not in SOLUTION_TRANSITIONS[solution.status]:
        raise ValidationError(
            _("No se puede pasar de «%(a)s» a «%(b)s».")
            % {"a": solution.get_status_display(), "b": SolutionStatus(target).label}
        )
    solution.status = target


def _locked(solution: Solution) -> Solution:
    return Solution.objects.select_for_update().get(pk=solution.pk)


@transaction.atomic
def solution_submit(*, solution: Solution, user) -> Solution:
    solution = _locked(solution)
    _transition(solution, SolutionStatus.IN_REVIEW)
    if not solution.service_models.exists():
        raise ValidationError(
            _("Antes de enviar a revisión, describa el modelo de servicio de al menos una tipología.")
        )
    solution.submitted_at = timezone.now()
    solution.save(update_fields=["status", "submitted_at", "updated_at"])
    return solution


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
def solution_review(*, solution: Solution, reviewer, verdicts: dict[int, tuple[str, str]]) -> list[Review]:
    """Record one verdict per criterion ({criterion_id: (verdict, comment)}).

    Any «observado» asks for changes: the solution goes back to draft so its author can fix it.
    """
    solution = _locked(solution)
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
        _transition(solution, SolutionStatus.DRAFT)
        solution.save(update_fields=["status", "updated_at"])
    return reviews


@transaction.atomic
def solution_publish(*, solution: Solution, user) -> Solution:
    solution = _locked(solution)
    _transition(solution, SolutionStatus.PUBLISHED)
    missing = pending_criteria(solution)
    if missing:
        raise ValidationError(
            _("No se puede publicar: faltan aprobaciones de un revisor distinto del autor en: %(c)s.")
            % {"c": ", ".join(c.name for c in missing)}
        )
    solution.published_at = timezone.now()
    solution.save(update_fields=["status", "published_at", "updated_at"])
    return solution


@transaction.atomic
def solution_retire(*, solution: Solution, user) -> Solution:
    solution = _locked(solution)
    _transition(solution, SolutionStatus.RETIRED)
    solution.retired_at = timezone.now()
    solution.save(update_fields=["status", "retired_at", "updated_at"])
    return solution


# --- Library --------------------------------------------------------------------------------------------


def pdf_validate(upload) -> None:
    """Refuse anything over the limit or whose CONTENT is not a PDF (the name and browser type are ignored)."""
    if upload is None:
        return
    if upload.size > PDF_MAX_BYTES:
        raise ValidationError(
            _("El archivo pesa %(mb).1f MB; el máximo es %(max)d MB. Comprima el PDF o divídalo.")
            % {"mb": upload.size / 1024 / 1024, "max": PDF_MAX_BYTES // 1024 // 1024}
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("El archivo no es un PDF: su contenido no tiene la firma de un PDF. Suba un documento PDF.")
        )


def library_item_create(
    *, user, data: dict, upload=None, comunas=(), regions=(), is_demo: bool = False
) -> LibraryItem:
    """Validate everything first; only then store the file and the row, and remove the file if the row fails."""
    pdf_validate(upload)
    item = LibraryItem(created_by=user, is_demo=is_demo, **{k: data[k] for k in LIBRARY_FIELDS if k in data})
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
def library_item_update(*, item: LibraryItem, user, data: dict, comunas=None, regions=None) -> LibraryItem:
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
def library_item_delete(*, item: LibraryItem, user) -> None:
    item_id, name, storage = item.pk, item.file.name, item.file.storage
    item.delete()
    fts_delete(item_id)
    if name:
        transaction.on_commit(lambda: storage.delete(name))
