from ninja import Field, Router, Schema
from ninja.pagination import paginate

from hub.core.pagination import Pagination200

from . import selectors
from .models import Typology

router = Router(tags=["Territorio"])


class ComunaOut(Schema):
    cut: str
    name: str
    region_code: str = Field(..., alias="region_id")
    region: str = Field(..., alias="region.name")
    province_code: str = Field(..., alias="province_id")
    province: str = Field(..., alias="province.name")
    population_2024: int | None
    households_2024: int | None
    typology: str
    typology_reason: str
    latitude: float | None
    longitude: float | None
    is_amuch_member: bool


@router.get("/comunas", response=list[ComunaOut], summary="Lista de comunas")
@paginate(Pagination200)
def list_comunas(request, q: str = "", region: str = "", typology: Typology | None = None):
    return selectors.comuna_search(q=q, region=region, typology=typology.value if typology else "")


@router.get("/comunas/{cut}", response=ComunaOut, summary="Una comuna por su código CUT")
def get_comuna(request, cut: str):
    return selectors.comuna_get(cut)
