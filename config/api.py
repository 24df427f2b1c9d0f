"""The one Ninja API: /api/v1/, with its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from ninja import NinjaAPI

from hub.network.api import router as network_router
from hub.observatory.api import router as observatory_router
from hub.partners.api import router as partners_router
from hub.portfolio.api import router as portfolio_router
from hub.territory.api import router as territory_router

api = NinjaAPI(
    title="Hub Nacional de Gobierno Local — API de datos abiertos",
    version="1.0.0",
    description=(
        "Datos abiertos del Hub: comunas, indicadores municipales con su fuente, soluciones, "
        "biblioteca, convenios públicos y la red de municipios. Licencias y atribución en cada fuente."
    ),
    urls_namespace="api",
)

api.add_router("/", territory_router)
api.add_router("/", observatory_router)
api.add_router("/", portfolio_router)
api.add_router("/", partners_router)
api.add_router("/", network_router)
