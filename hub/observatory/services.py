"""Writes of the observatory: catalogue sync, imports and derived (ratio) indicators.

- ``catalogue_sync()`` writes ``catalogue.py`` into Source/Indicator (idempotent by code).
- ``import_file(...)`` runs one importer over one file: atomic, idempotent on
  (indicator, comuna, period, dimension), with an ImportRun report of every rejected row.
- ``derived_recompute(...)`` recomputes ratio indicators for every comuna from their components.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from hub.territory.datafiles import expected, resolve

from . import catalogue
from .importers import IMPORTERS, Collector, ImportStructureError, get_importer
from .importers.base import IndicatorInfo
from .models import (
    Aggregation,
    ImportLock,
    ImportRun,
    ImportStatus,
    Indicator,
    MissingValue,
    Observation,
    Source,
)
from .writer import missing_upsert, observations_apply, observations_plan, observations_upsert

logger = logging.getLogger(__name__)

# A file with more rejected rows than this share is refused whole (the database stays unchanged).
ERROR_THRESHOLD = 0.05
REPORT_MAX_REJECTED = 500


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
            "retrieved": spec.retrieved,
            "file_name": spec.file_name,
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


# -- imports ------------------------------------------------------------------------------------


def import_run_create(
    *,
    importer_key: str,
    path: Path | str,
    file_name: str = "",
    dry_run: bool = False,
    options: dict | None = None,
    acting_user=None,
) -> ImportRun:
    """Record a pending import of ``path`` (executed now by import_file, or later by the task).

    ``acting_user`` None is an operator on the machine (``manage.py import_dataset``, ``load_open_data``);
    a person acting through the platform must be allowed to import.
    """
    if acting_user is not None:
        _require_staff(acting_user)
    if importer_key not in IMPORTERS:
        raise ImportStructureError(f"Importador desconocido: «{importer_key}». Use uno de: {', '.join(IMPORTERS)}.")
    path = Path(path)
    run = ImportRun(
        importer=importer_key,
        file_name=(file_name or path.name)[:300],
        file_path=str(path)[:500],
        dry_run=dry_run,
        options=options or {},
        created_by=acting_user,
    )
    run.full_clean()
    run.save()
    return run


def import_file(
    *,
    importer_key: str,
    path: Path | str,
    dry_run: bool = False,
    options: dict | None = None,
    acting_user=None,
    progress: Callable[[float], None] | None = None,
    recompute: bool = True,
) -> ImportRun:
    """Import one file now: creates the ImportRun and executes it (see import_run_execute)."""
    run = import_run_create(importer_key=importer_key, path=path, dry_run=dry_run, options=options,
                            acting_user=acting_user)
    return import_run_execute(run=run, progress=progress, recompute=recompute)


def import_run_execute(
    *, run: ImportRun, progress: Callable[[float], None] | None = None, recompute: bool = True
) -> ImportRun:
    """Parse the run's file, refuse it whole above the error threshold, else write in one short transaction.

    Idempotent on (indicator, comuna, period, dimension): re-importing the same file creates and
    updates nothing and the report says so. Dry runs compute the same report (with the preview of the
    indicators and units that would be created) and take no lock and no write transaction.
    Faults: the run records its worker and a heartbeat (see reaper.py); a writing run takes the source's
    ImportLock, so a second import of the same source is refused with a clear message; reading and diffing
    happen outside any transaction, and only the final write holds the database's write lock.
    Progress: 0-80 % reading, 80-100 % writing; stored in run.progress and passed to ``progress``.
    """
    from .reaper import reap, worker_id

    started = time.monotonic()
    path = Path(run.file_path)
    reporter = _ProgressReporter(run, progress)
    reap()
    _run_update(run, status=ImportStatus.RUNNING, progress=0, worker=worker_id(), heartbeat_at=timezone.now())
    locked = False
    try:
        if not path.is_file():
            raise ImportStructureError(f"No se encontró el archivo {run.file_name}; súbalo de nuevo.")
        if not run.dry_run:
            locked = _lock(run)
        run.file_sha256 = _sha256(path)
        importer = get_importer(run.importer, run.options)
        collector = Collector(comunas=_known_cuts(), indicators=_indicator_infos())
        importer.parse(path, collector, lambda fraction: reporter(0.8 * fraction))
        refusal = _refusal(collector, run.file_name)
        report = _base_report(collector)
        report["detected"] = getattr(importer, "detected", {})
        if refusal:
            _finish(run, collector, report, ImportStatus.REJECTED, refusal, started)
            return run
        counts = _write(collector, run=run, dry_run=run.dry_run, progress=lambda f: reporter(0.8 + 0.2 * f))
        derived = {}
        if recompute and not run.dry_run and (counts["created"] or counts["updated"]):
            derived = derived_recompute(component_codes=_touched_codes(collector), run=run)
        reporter(1.0)
        report.update(counts)
        report["derived"] = derived
        status = ImportStatus.SUCCEEDED
        message = _summary(run, collector, counts)
        if not collector.values and not collector.missing:
            status = ImportStatus.WARNING
            message = ("Advertencia: el archivo no publicó ningún valor (todas las filas vacías u omitidas). "
                       "Revise las columnas de la definición.")
        _finish(run, collector, report, status, message, started)
    except ImportStructureError as exc:
        _finish(run, None, {"rejected": [], "rejected_total": 0}, ImportStatus.REJECTED,
                _public_message(str(exc), path, run), started)
    except ImportBusy as exc:
        _finish(run, None, {"rejected": [], "rejected_total": 0}, ImportStatus.REJECTED, str(exc), started)
    except Exception as exc:  # an unexpected bug must still close the run, never leave it "running"
        logger.exception("Import run %s failed", run.pk)
        message = f"Error inesperado al importar {run.file_name}: {exc.__class__.__name__}. Nada fue modificado."
        _finish(run, None, {"rejected": [], "rejected_total": 0}, ImportStatus.FAILED, message, started)
    finally:
        if locked:
            ImportLock.objects.filter(run_id=run.pk).delete()
    return run


class ImportBusy(Exception):
    """Another import of the same source is writing."""


def _lock_key(run: ImportRun) -> str:
    return run.importer[:60]


def _lock(run: ImportRun) -> bool:
    from django.db import IntegrityError

    key = _lock_key(run)
    try:
        with transaction.atomic():
            ImportLock.objects.create(key=key, run=run)
    except IntegrityError:
        holder = ImportLock.objects.filter(key=key).values_list("run_id", flat=True).first()
        raise ImportBusy(
            f"Ya hay una importación de esta fuente en curso (importación n.º {holder}). Espere a que termine "
            "y vuelva a subir el archivo; nada fue modificado."
        ) from None
    return True


def _public_message(message: str, path: Path, run: ImportRun) -> str:
    """Never show the internal stored file name or path: the staff member's own file name instead."""
    for internal in (str(path), path.name):
        if internal and internal != run.file_name:
            message = message.replace(internal, run.file_name)
    return message


def _refusal(collector: Collector, file_name: str) -> str:
    if collector.rows_read == 0:
        return f"{file_name}: el archivo no tiene filas de datos."
    rejected = collector.rows_rejected
    if rejected and rejected / collector.rows_read > ERROR_THRESHOLD:
        row, reason = min(collector.rejections.items())
        return (
            f"{file_name}: se rechaza el archivo completo porque {rejected} de {collector.rows_read} filas "
            f"({rejected / collector.rows_read:.1%}) tienen errores (máximo {ERROR_THRESHOLD:.0%}). "
            f"Primer error, fila {row}: {reason} La base de datos no fue modificada."
        )
    return ""


def _summary(run: ImportRun, collector: Collector, counts: dict) -> str:
    prefix = "Simulación: " if run.dry_run else ""
    verb = "se crearían" if run.dry_run else "se crearon"
    if not counts["created"] and not counts["updated"]:
        text = (
            f"{prefix}sin cambios: las {counts['unchanged']} observaciones ya estaban cargadas "
            "con los mismos valores."
        )
    else:
        text = (
            f"{prefix}{verb} {counts['created']} observaciones, "
            f"{'se actualizarían' if run.dry_run else 'se actualizaron'} {counts['updated']} "
            f"y {counts['unchanged']} quedaron sin cambios."
        )
    if collector.new_indicators:
        text += f" {'Se crearían' if run.dry_run else 'Se crearon'} {len(collector.new_indicators)} indicadores."
    if collector.rows_rejected:
        text += f" {collector.rows_rejected} filas rechazadas (ver detalle)."
    return text


def _base_report(collector: Collector) -> dict:
    from collections import Counter

    from .importers.base import reason_kind

    rejected = sorted(collector.rejections.items())
    per_reason = Counter(reason_kind(reason) for _row, reason in rejected)
    per_indicator = Counter(key[0] for key in collector.values)
    return {
        "rows_read": collector.rows_read,
        "rejected_total": len(rejected),
        "rejected": [{"row": row, "reason": reason} for row, reason in rejected[:REPORT_MAX_REJECTED]],
        "rejected_shown": min(len(rejected), REPORT_MAX_REJECTED),
        "rejected_by_reason": [{"reason": r, "count": n} for r, n in per_reason.most_common()],
        "skipped_total": len(collector.skipped),
        "skipped": [{"row": row, "reason": reason} for row, reason in collector.skipped[:REPORT_MAX_REJECTED]],
        "indicators": sorted(_touched_codes(collector)),
        "per_indicator": dict(sorted(per_indicator.items())),
        "new_indicators": [
            {k: v for k, v in plan.items() if k not in {"row"}} for plan in collector.new_indicators.values()
        ],
        "new_units": list(collector.new_units.values()),
        "warnings": collector.warnings[:50],
        "threshold": ERROR_THRESHOLD,
    }


def _finish(run: ImportRun, collector, report: dict, status: str, message: str, started: float) -> None:
    report["seconds"] = round(time.monotonic() - started, 3)
    fields = {
        "status": status,
        "message": message,
        "report": report,
        "finished_at": timezone.now(),
        "progress": 100,
        "rows_read": collector.rows_read if collector else 0,
        "rows_rejected": collector.rows_rejected if collector else 0,
        "rows_loaded": report.get("created", 0) + report.get("updated", 0),
        "rows_unchanged": report.get("unchanged", 0),
        "file_sha256": run.file_sha256,
    }
    _run_update(run, **fields)


def _run_update(run: ImportRun, **fields) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**fields)


class _ProgressReporter:
    """Stores whole-percent progress and a heartbeat on the run (small single-row updates) and echoes it."""

    def __init__(self, run: ImportRun, echo: Callable[[float], None] | None):
        self.run = run
        self.echo = echo
        self.last = -1
        self.beat = time.monotonic()

    def __call__(self, fraction: float) -> None:
        from .reaper import HEARTBEAT_SECONDS

        percent = max(0, min(100, int(fraction * 100)))
        if self.echo:
            self.echo(fraction)
        now = time.monotonic()
        if percent != self.last or now - self.beat > HEARTBEAT_SECONDS:
            self.last = percent
            self.beat = now
            ImportRun.objects.filter(pk=self.run.pk).update(progress=percent, heartbeat_at=timezone.now())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _known_cuts() -> set[str]:
    from hub.territory.models import Comuna

    return set(Comuna.objects.values_list("cut", flat=True))


def _indicator_infos() -> dict[str, IndicatorInfo]:
    # A ratio computed from catalogue components is derived (never imported); a ratio without components
    # (an imported rate carrying its numerator and denominator) is importable.
    return {
        code: IndicatorInfo(code=code, periodicity=periodicity, unit=unit,
                            importable=not (aggregation == Aggregation.RATIO and numerator_id))
        for code, periodicity, aggregation, unit, numerator_id in Indicator.objects.values_list(
            "code", "periodicity", "aggregation", "unit", "numerator_id")
    }


def _touched_codes(collector: Collector) -> set[str]:
    return {key[0] for key in collector.values} | {key[0] for key in collector.missing}


# -- writing ------------------------------------------------------------------------------------


def _write(collector: Collector, *, run: ImportRun, dry_run: bool, progress: Callable[[float], None]) -> dict:
    """Diff with reads only, then one short transaction that creates units/indicators and writes the diff."""
    codes = _touched_codes(collector)
    planned = {code for code in collector.new_indicators if code in codes}
    existing = dict(Indicator.objects.filter(code__in=codes).values_list("code", "id"))
    missing = codes - set(existing) - planned
    if missing:
        raise ImportStructureError(
            f"Faltan indicadores en el catálogo: {', '.join(sorted(missing))}. Ejecute load_open_data o "
            "catalogue_sync() antes de importar."
        )
    # New indicators get provisional negative ids in the plan; they have no stored rows to diff against.
    ids = dict(existing)
    for index, code in enumerate(sorted(planned), start=1):
        ids[code] = -index
    flags = collector.flags
    components = collector.components
    target = {
        (ids[key[0]], key[1], key[2], key[3]): (value, lower, upper, *components.get(key, (None, None)),
                                                flags.get(key, ""))
        for key, (value, lower, upper) in collector.values.items()
    }
    row_numbers = {(ids[key[0]], *key[1:]): collector.row_of(key) for key in collector.values}
    plan = observations_plan(rows=target, indicator_ids=set(existing.values()))
    missing_rows = {(ids[code], cut, period, dimension): status
                    for (code, cut, period, dimension), status in collector.missing.items()}
    with_missing = bool(collector.missing) or MissingValue.objects.filter(
        indicator_id__in=list(existing.values())).exists()
    counts = dict(plan.counts)
    counts["indicators_created"] = len(planned)
    counts["units_created"] = len(collector.new_units)
    if dry_run:
        if with_missing:
            counts["missing"] = len(missing_rows)
            counts.update(missing_upsert(rows=missing_rows, indicator_ids=set(existing.values()), dry_run=True))
        return counts
    from django.db import connection

    # PostgreSQL: one transaction (readers never wait on writers). SQLite has one write lock for the whole file:
    # write in short transactions of SQLITE_WRITE_BATCH rows so officials' saves wait well under a second
    # (busy_timeout is 5 s); a crash mid-write leaves a prefix that the re-run (idempotent) or a revert fixes.
    batched = connection.vendor == "sqlite"
    with transaction.atomic():
        real = _create_planned(collector, planned, run)
        if real:
            fix = {-index: real[code] for code, index in ((c, -ids[c]) for c in planned)}

            def remap(key):
                return (fix.get(key[0], key[0]), *key[1:])

            plan.to_create = [(remap(key), values) for key, values in plan.to_create]
            row_numbers = {remap(key): row for key, row in row_numbers.items()}
            missing_rows = {remap(key): status for key, status in missing_rows.items()}
        history = run.importer == "generic"
        if not batched:
            observations_apply(plan, run=run, progress=progress, history=history, row_numbers=row_numbers)
    if batched:
        for part in plan.split(SQLITE_WRITE_BATCH):
            with transaction.atomic():
                observations_apply(part, run=run, history=history, row_numbers=row_numbers)
            progress(part.done)
    with transaction.atomic():
        if with_missing:
            all_ids = set(existing.values()) | set(real.values())
            counts["missing"] = len(missing_rows)
            counts.update(missing_upsert(rows=missing_rows, indicator_ids=all_ids))
    return counts


SQLITE_WRITE_BATCH = 1000


def _create_planned(collector: Collector, planned: set[str], run: ImportRun) -> dict[str, int]:
    """Create the units and indicators a generic file declared; returns {code: id}."""
    from .models import MeasureUnit

    if not planned:
        return {}
    for spec in collector.new_units.values():
        MeasureUnit.objects.get_or_create(code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"})
    source = _mapping_source(run)
    created = {}
    for code in sorted(planned):
        plan = collector.new_indicators[code]
        indicator = Indicator(
            code=code, name_es=plan["name_es"], name_en=plan["name_en"], definition=plan["definition"],
            unit=plan["unit"], theme=plan["theme"], source=source, periodicity=plan["periodicity"],
            direction=plan["direction"], aggregation=plan["aggregation"], scale=plan["scale"],
            decimals=plan["decimals"], is_public=plan["is_public"],
        )
        indicator.full_clean(validate_unique=False)
        indicator.save()
        created[code] = indicator.pk
    return created


def _mapping_source(run: ImportRun) -> Source:
    spec = (run.options.get("mapping") or {}).get("source")
    if isinstance(spec, str):
        found = Source.objects.filter(code=spec).first()
        if found:
            return found
        spec = {"code": spec}
    spec = spec or {}
    from .mapping import normalise_code

    code = (normalise_code(spec.get("code") or "") or "carga_generica").replace("_", "-")[:50]
    defaults = {
        "institution": spec.get("institution") or "Fuente declarada en la carga",
        "dataset": spec.get("dataset") or run.file_name[:300],
        "url": spec.get("url") or "",
        "licence": spec.get("licence") or "",
        "attribution": (spec.get("attribution") or spec.get("institution")
                        or f"Datos cargados desde {run.file_name}")[:300],
    }
    source, _created = Source.objects.get_or_create(code=code, defaults=defaults)
    return source


# -- derived ratio indicators -------------------------------------------------------------------


def derived_recompute(*, component_codes: Iterable[str] | None = None, run: ImportRun | None = None) -> dict:
    """Recompute every ratio indicator (value = numerator / denominator * scale) for each comuna.

    Only ratios depending on ``component_codes`` are recomputed (all when None). For each comuna and
    period where both components exist (dimension "", denominator > 0) the observation stores value,
    numerator and denominator, so regions and the country are recomputed from sums at read time
    (see ``selectors.aggregate_series``). A denominator from a census (``FIXED_DENOMINATOR_PERIOD``)
    serves every period of the numerator. Ratios whose components disappeared are deleted.
    Returns {indicator code: counts}.
    """
    wanted = set(component_codes) if component_codes is not None else None
    results = {}
    ratios = Indicator.objects.filter(aggregation=Aggregation.RATIO, numerator__isnull=False,
                                      denominator__isnull=False).select_related("numerator", "denominator")
    with transaction.atomic():
        for indicator in ratios:
            if wanted is not None and not {indicator.numerator.code, indicator.denominator.code} & wanted:
                continue
            results[indicator.code] = _ratio_recompute(indicator, run)
    return results


def _ratio_recompute(indicator: Indicator, run: ImportRun | None) -> dict:
    """value = num / den * scale per comuna-period. A flag on either component flags the ratio; a component the
    source reports as missing makes the ratio missing with the same reason (never a 0)."""
    numerators = _component_values(indicator.numerator_id)
    denominators = _component_values(indicator.denominator_id)
    missing_num = _component_missing(indicator.numerator_id)
    missing_den = _component_missing(indicator.denominator_id)
    fixed = catalogue.FIXED_DENOMINATOR_PERIOD.get(indicator.denominator.code)
    rows, missing = {}, {}
    for (cut, period), (num, num_flag) in numerators.items():
        den_key = (cut, fixed or period)
        den, den_flag = denominators.get(den_key, (None, ""))
        if den is None:
            if den_key in missing_den:
                missing[(indicator.id, cut, period, "")] = missing_den[den_key]
            continue
        if den <= 0:
            continue
        rows[(indicator.id, cut, period, "")] = (num / den * indicator.scale, None, None, num, den,
                                                 num_flag or den_flag)
    for (cut, period), status in missing_num.items():
        missing[(indicator.id, cut, period, "")] = status
    counts = observations_upsert(rows=rows, indicator_ids={indicator.id}, run=run, delete_missing=True)
    counts.update(missing_upsert(rows=missing, indicator_ids={indicator.id}))
    return counts


def _component_values(indicator_id: int) -> dict[tuple[str, str], tuple[float, str]]:
    queryset = Observation.objects.filter(indicator_id=indicator_id, dimension="").values_list(
        "comuna_id", "period", "value", "flag"
    )
    return {(cut, period): (value, flag) for cut, period, value, flag in queryset}


def _component_missing(indicator_id: int) -> dict[tuple[str, str], str]:
    queryset = MissingValue.objects.filter(indicator_id=indicator_id, dimension="").values_list(
        "comuna_id", "period", "status"
    )
    return {(cut, period): status for cut, period, status in queryset}


# -- open data bundle ---------------------------------------------------------------------------


def open_data_load(
    *,
    data_dir: Path,
    out: io.TextIOBase | None = None,
    progress_factory: Callable[[str], Callable[[float], None]] | None = None,
) -> dict:
    """Sync the catalogue and import every shipped file found under ``data_dir``; missing files are listed.

    Returns {"runs": [ImportRun], "missing": [path]}. Derived ratios are recomputed once at the end.
    """
    catalogue_sync()
    runs, missing = [], []
    for key, cls in IMPORTERS.items():
        if not cls.default_path:
            continue
        path = resolve(cls.default_path, data_dir)  # plain or .gz (data/ ships the large files compressed)
        if path is None:
            missing.append(expected(cls.default_path, data_dir))
            continue
        progress = progress_factory(key) if progress_factory else None
        runs.append(import_file(importer_key=key, path=path, progress=progress, recompute=False))
    derived = derived_recompute()
    return {"runs": runs, "missing": missing, "derived": derived}


# -- staff uploads ------------------------------------------------------------------------------


def import_upload_create(
    *, acting_user, upload, importer_key: str, dry_run: bool, options: dict | None
) -> ImportRun:
    """Store an uploaded file under MEDIA_ROOT/imports/ and record a pending ImportRun for the task."""
    _require_staff(acting_user)
    import uuid

    from django.core.files.storage import default_storage
    from django.utils.text import get_valid_filename

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    name = default_storage.save(
        f"imports/{stamp}-{uuid.uuid4().hex[:8]}-{get_valid_filename(upload.name)[-120:]}", upload
    )
    return import_run_create(
        importer_key=importer_key,
        path=default_storage.path(name),
        file_name=upload.name,
        dry_run=dry_run,
        options=options,
        acting_user=acting_user,
    )


def import_run_fail(*, run: ImportRun, message: str) -> None:
    """Close a run that could not even start (e.g. the task queue refused it)."""
    _run_update(run, status=ImportStatus.FAILED, message=message, finished_at=timezone.now())


# -- staff actions on runs, the indicator form and history ------------------------------------------


def _require_staff(user) -> None:
    from .access import require_import

    require_import(user)


def import_run_retry(*, run: ImportRun, acting_user, dry_run: bool | None = None) -> ImportRun:
    """A new pending run of the same file and options (after a failure, or to commit a dry-run preview)."""
    _require_staff(acting_user)
    from django.core.exceptions import ValidationError

    if run.status in {ImportStatus.PENDING, ImportStatus.RUNNING}:
        raise ValidationError("Esta importación aún está en curso: espere a que termine.")
    if not Path(run.file_path).is_file():
        raise ValidationError("El archivo de esta importación ya no está disponible: súbalo de nuevo.")
    new = import_run_create(importer_key=run.importer, path=run.file_path, file_name=run.file_name,
                            dry_run=run.dry_run if dry_run is None else dry_run, options=run.options,
                            acting_user=acting_user)
    ImportRun.objects.filter(pk=new.pk).update(retry_of=run)
    new.retry_of = run
    return new


def import_run_revert(*, run: ImportRun, acting_user) -> dict:
    """Undo a run's value changes: restore each old row (or delete what it created) where nobody changed it since.

    The revert is itself logged as changes (run = None) and the run's changes are marked reverted."""
    _require_staff(acting_user)
    from .models import ObservationChange

    changes = list(ObservationChange.objects.filter(run=run, reverted=False).order_by("-id"))
    counts = {"restored": 0, "deleted": 0, "conflicts": 0}
    touched_indicators = set()
    with transaction.atomic():
        log = []
        for change in changes:
            current = Observation.objects.filter(indicator_id=change.indicator_id, comuna_id=change.comuna_id,
                                                 period=change.period, dimension=change.dimension).first()
            now = current.value if current else None
            if now != change.new_value:
                counts["conflicts"] += 1
                continue
            if change.old_row is None:
                if current:
                    current.delete()
                counts["deleted"] += 1
            else:
                value, lower, upper, num, den, flag = change.old_row
                if current is None:
                    current = Observation(indicator_id=change.indicator_id, comuna_id=change.comuna_id,
                                          period=change.period, year=int(change.period[:4]),
                                          dimension=change.dimension)
                current.value, current.lower, current.upper = value, lower, upper
                current.numerator, current.denominator, current.flag = num, den, flag
                current.import_run = None
                current.save()
                counts["restored"] += 1
            touched_indicators.add(change.indicator_id)
            log.append(ObservationChange(indicator_id=change.indicator_id, comuna_id=change.comuna_id,
                                         period=change.period, dimension=change.dimension, old_value=now,
                                         new_value=change.old_value, file_sha256=run.file_sha256))
        ObservationChange.objects.bulk_create(log, batch_size=2000)
        ObservationChange.objects.filter(run=run).update(reverted=True)
        codes = Indicator.objects.filter(pk__in=touched_indicators).values_list("code", flat=True)
        if touched_indicators:
            derived_recompute(component_codes=list(codes))
    return counts


def indicator_save(*, acting_user, indicator: Indicator, fields: dict) -> Indicator:
    """Create or edit an indicator from the staff form; a ratio with components is computed at once."""
    _require_staff(acting_user)
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    with transaction.atomic():
        indicator.save()
        if indicator.aggregation == Aggregation.RATIO and indicator.numerator_id and indicator.denominator_id:
            _ratio_recompute(indicator, None)
    return indicator


def unit_save(*, acting_user, unit, fields: dict):
    _require_staff(acting_user)
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    return unit
