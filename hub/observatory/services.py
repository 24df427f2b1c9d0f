"""Writes of the observatory: catalogue sync, imports and derived (ratio) indicators.

- ``catalogue_sync()`` writes ``catalogue.py`` into Source/Indicator (idempotent by code).
- ``import_file(...)`` runs one importer over one file: atomic, idempotent on
  (indicator, comuna, period, dimension), with an ImportRun report of every rejected row.
- ``derived_recompute(...)`` recomputes ratio indicators for every comuna from their components.
"""

from __future__ import annotations

from django.db import transaction

from . import catalogue
from .models import Indicator, Source


@transaction.atomic
def catalogue_sync() -> dict[str, int]:
    """Create or update every Source and Indicator of the catalogue; returns counts of created/updated."""
    counts = {"sources_created": 0, "sources_updated": 0, "indicators_created": 0, "indicators_updated": 0}
    sources: dict[str, Source] = {}
    for spec in catalogue.SOURCES:
        fields = {
            "institution": spec.institution,
            "dataset": spec.dataset,
            "url": spec.url,
            "licence": spec.licence,
            "attribution": spec.attribution,
        }
        source, created = Source.objects.get_or_create(code=spec.code, defaults=fields)
        if not created and _assign_changed(source, fields):
            source.full_clean()
            source.save(update_fields=list(fields))
            counts["sources_updated"] += 1
        counts["sources_created"] += int(created)
        sources[spec.code] = source

    indicators: dict[str, Indicator] = {}
    # Components first so ratio indicators can point at them.
    ordered = sorted(catalogue.INDICATORS, key=lambda spec: bool(spec.numerator))
    for spec in ordered:
        fields = {
            "name_es": spec.name_es,
            "name_en": spec.name_en,
            "definition": spec.definition,
            "unit": str(spec.unit),
            "theme": str(spec.theme),
            "source": sources[spec.source],
            "periodicity": str(spec.periodicity),
            "direction": str(spec.direction),
            "aggregation": str(spec.aggregation),
            "numerator": indicators[spec.numerator] if spec.numerator else None,
            "denominator": indicators[spec.denominator] if spec.denominator else None,
            "scale": float(spec.scale),
            "decimals": spec.decimals,
            "is_public": spec.is_public,
        }
        indicator = Indicator.objects.filter(code=spec.code).first()
        if indicator is None:
            indicator = Indicator(code=spec.code, **fields)
            indicator.full_clean()
            indicator.save()
            counts["indicators_created"] += 1
        elif _assign_changed(indicator, fields):
            indicator.full_clean()
            indicator.save(update_fields=list(fields))
            counts["indicators_updated"] += 1
        indicators[spec.code] = indicator
    return counts


def _assign_changed(obj, fields: dict) -> bool:
    changed = False
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
