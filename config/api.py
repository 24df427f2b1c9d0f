"""The one Ninja API: /api/v1/, with its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from hub.agenda.api import router as agenda_router
from hub.assistance.api import router as assistance_router
from hub.community.api import router as community_router
from hub.core.api_errors import document_errors, spanish_errors
from hub.evaluation.api import router as evaluation_router
from hub.finance.api import router as finance_router
from hub.network.api import router as network_router
from hub.observatory.api import router as observatory_router
from hub.partners.api import router as partners_router
from hub.pilots.api import router as pilots_router
from hub.portfolio.api import router as portfolio_router
from hub.roadmap.api import router as roadmap_router
from hub.territory.api import router as territory_router
from hub.training.api import router as training_router


class HubAPI(NinjaAPI):
    """The Ninja API with every error answer (401/403/404/422/429) documented in its OpenAPI schema."""

    def get_openapi_schema(self, *args, **kwargs):
        return document_errors(super().get_openapi_schema(*args, **kwargs))


api = HubAPI(
    title="Hub Nacional de Gobierno Local — API de datos abiertos",
    version="1.0.0",
    description=(
        "Datos abiertos del Hub: comunas, indicadores municipales con su fuente, soluciones, "
        "biblioteca, convenios públicos y la red de municipios. Licencias y atribución en cada fuente."
    ),
    urls_namespace="api",
)



@api.exception_handler(Http404)
def not_found(request, exc):
    """A 404 says in Spanish what was not found (the access helpers' messages), not just "Not Found"."""
    return api.create_response(request, {"detail": str(exc) or "No encontrado."}, status=404)


api.add_router("/", territory_router)
api.add_router("/", observatory_router)
api.add_router("/", portfolio_router)
api.add_router("/", partners_router)
api.add_router("/", network_router)
api.add_router("/training/", training_router)
api.add_router("/assistance/", assistance_router)
api.add_router("/pilots/", pilots_router)
api.add_router("/finance/", finance_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/roadmap/", roadmap_router)
api.add_router("/agenda/", agenda_router)
api.add_router("/community/", community_router)


@api.exception_handler(NinjaValidationError)
def _spanish_validation_errors(request, exc):
    return api.create_response(request, {"detail": spanish_errors(exc.errors)}, status=422)
