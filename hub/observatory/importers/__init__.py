"""Importers of the observatory: one module per public source plus a generic one for tidy files.

``IMPORTERS`` maps the key used by ``manage.py import_dataset <key> <path>`` and the upload page to
the importer class. Importers only read and validate; ``services.import_file`` writes.
"""

from .base import Collector, Importer, ImportStructureError
from .cead import CeadImporter
from .censo import CensoImporter
from .fonasa import FonasaImporter
from .generic import GenericImporter
from .ine_proyecciones import IneProyeccionesImporter
from .mds_pobreza import MdsPobrezaImporter
from .minsal import MinsalImporter
from .nudos import NudosImporter
from .sinim import SinimImporter
from .sinim_tematico import (
    SinimAmbientalImporter,
    SinimCapitalHumanoImporter,
    SinimSaludImporter,
    SinimSeguridadImporter,
)

# Order matters for load_open_data: populations before the ratios that divide by them.
IMPORTERS: dict[str, type[Importer]] = {
    cls.key: cls
    for cls in (
        CensoImporter,
        IneProyeccionesImporter,
        CeadImporter,
        MdsPobrezaImporter,
        MinsalImporter,
        SinimImporter,
        SinimCapitalHumanoImporter,
        SinimSaludImporter,
        SinimAmbientalImporter,
        SinimSeguridadImporter,
        NudosImporter,
        FonasaImporter,
        GenericImporter,
    )
}


def get_importer(key: str, options: dict | None = None) -> Importer:
    try:
        return IMPORTERS[key](options)
    except KeyError:
        raise ImportStructureError(
            f"Importador desconocido: «{key}». Use uno de: {', '.join(IMPORTERS)}."
        ) from None


__all__ = ["IMPORTERS", "Collector", "ImportStructureError", "Importer", "get_importer"]
