"""Who may use each portfolio URL. Public: published solutions, library metadata, ecosystem; staff: the rest."""

from testkit.routes import STAFF_ONLY, Route

# A premium file: staff (and subscribers) download it; anyone else gets the explanatory 403 page.
PREMIUM_FILE = {"anonymous": "deny", "staff": "allow", "official_a": "deny", "official_b": "deny", "partner": "deny"}


def _unit():
    from hub.portfolio.models import EcosystemUnit

    unit, _ = EcosystemUnit.objects.get_or_create(
        slug="unidad-matriz", defaults={"name": "Unidad de la matriz", "mission": "Prueba", "responsible": "Hub"}
    )
    return unit


def _solution(personas, status="publicada"):
    from hub.portfolio.models import ServiceModel, Solution

    solution = Solution.objects.create(
        title=f"Solución de la matriz ({status}) {Solution.objects.count()}",
        summary="Resumen",
        work_line="conocimiento",
        challenge="seguridad",
        kind="protocolo",
        owner_unit=_unit(),
        author=personas["staff"],
        status=status,
    )
    ServiceModel.objects.create(solution=solution, typology="metropolitanas", description="Igual en todas.")
    return solution


def published(personas):
    return {"pk": _solution(personas).pk}


def draft(personas):
    return {"pk": _solution(personas, "borrador").pk}


def in_review(personas):
    return {"pk": _solution(personas, "en_revision").pk}


def premium_item(personas):
    from django.core.files.base import ContentFile

    from hub.core.pdf import make_pdf
    from hub.portfolio.models import LibraryItem, private_storage

    storage = private_storage()
    name = "portfolio/biblioteca/matriz-autorizacion.pdf"
    if not storage.exists(name):
        name = storage.save(name, ContentFile(make_pdf("Matriz de autorización")))
    item = LibraryItem.objects.create(
        title="Documento premium de la matriz", kind="estudio", authors="Hub", year=2025,
        work_line="conocimiento", challenge="seguridad", is_premium=True, file=name, file_size=1,
    )
    return {"pk": item.pk}


def unit_slug(personas):
    return {"slug": _unit().slug}


MATRIX = [
    Route("portfolio:solution_list"),
    Route("portfolio:solution_detail", kwargs=published, note="Solo las publicadas son públicas."),
    Route("portfolio:solution_manage", access=STAFF_ONLY),
    Route("portfolio:solution_create", access=STAFF_ONLY),
    Route("portfolio:solution_edit", access=STAFF_ONLY, kwargs=draft),
    Route("portfolio:solution_submit", access=STAFF_ONLY, kwargs=draft, method="POST"),
    Route("portfolio:solution_review", access=STAFF_ONLY, kwargs=in_review),
    Route("portfolio:solution_publish", access=STAFF_ONLY, kwargs=in_review, method="POST",
          note="El staff recibe una redirección con el motivo del rechazo si faltan aprobaciones."),
    Route("portfolio:solution_retire", access=STAFF_ONLY, kwargs=published, method="POST"),
    Route("portfolio:subtheme_manage", access=STAFF_ONLY),
    Route("portfolio:library_list"),
    Route("portfolio:library_create", access=STAFF_ONLY),
    Route("portfolio:library_detail", kwargs=premium_item, note="Los metadatos son públicos, también los premium."),
    Route("portfolio:library_download", access=PREMIUM_FILE, kwargs=premium_item,
          note="Archivo premium: 403 explicativo para quien no es suscriptor ni staff."),
    Route("portfolio:unit_list"),
    Route("portfolio:unit_detail", kwargs=unit_slug),
    Route("portfolio:ecosystem_map"),
    Route("portfolio:ecosystem_matrix"),
    Route("api:list_work_lines"),
    Route("api:list_challenges"),
    Route("api:list_solutions"),
    Route("api:get_solution", kwargs=lambda personas: {"solution_id": published(personas)["pk"]}),
    Route("api:list_library_items", query={"q": "gestion"}),
    Route("api:list_units"),
    Route("api:ecosystem_matrix"),
]
