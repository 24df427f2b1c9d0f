"""Full export and restore of the platform: every table as JSON, every media file, and a manifest.

``export_all(dir)`` writes ``tables/<app.model>.json`` (Django's serializer, rows ordered by primary key, foreign
keys to content types and permissions by natural key so they survive a new database), copies the public and
private media trees, and writes ``manifest.json`` with row counts and the SHA-256 of each file.
``restore_all(dir)`` checks every hash first (a damaged export is refused before anything is touched), empties
the target database (``flush``: tables truncated, content types and permissions recreated) and loads all tables
in one ``loaddata`` run, which defers constraint checks and resets sequences. Sessions are not exported.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, transaction
from django.utils import timezone

EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
FORMAT_VERSION = 1


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupError(Exception):
    """A backup that cannot be restored as it is; the message says what is wrong (in Spanish)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def exported_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in EXCLUDED:
            continue
        yield model


def _media_roots() -> dict[str, Path]:
    roots = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "HUB_PRIVATE_MEDIA_ROOT", None)
    roots["private_media"] = Path(private) if private else Path(settings.MEDIA_ROOT).parent / "private_media"
    return roots


def export_all(target: Path, *, using: str = "default") -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"La carpeta {target} no está vacía; elija una carpeta nueva para la copia.")
    (target / "tables").mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT_VERSION, "created_at": timezone.now().isoformat(),
                "vendor": connections[using].vendor, "tables": {}, "files": {}}
    with transaction.atomic(using=using):  # one consistent snapshot of every table
        for model in exported_models():
            label = model._meta.label_lower
            path = target / "tables" / f"{label}.json"
            queryset = model._base_manager.using(using).order_by("pk")
            count = queryset.count()
            with path.open("w", encoding="utf-8") as handle:
                serializers.serialize("json", queryset.iterator(chunk_size=2000), stream=handle,
                                      use_natural_foreign_keys=True, indent=None, cls=_FullPrecisionEncoder)
            manifest["tables"][label] = {"rows": count, "file": f"tables/{label}.json", "sha256": _sha256(path)}
    for name, root in _media_roots().items():
        if not root.exists():
            continue
        for source in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = Path(name) / source.relative_to(root)
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
            manifest["files"][relative.as_posix()] = _sha256(destination)
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


def _verify(source: Path) -> dict:
    manifest_path = source / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"No hay manifest.json en {source}: no parece una copia hecha con export_all.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Formato de copia {manifest.get('format')!r} desconocido (se espera {FORMAT_VERSION}).")
    problems = []
    for entry in manifest["tables"].values():
        path = source / entry["file"]
        if not path.exists() or _sha256(path) != entry["sha256"]:
            problems.append(entry["file"])
    for relative, digest in manifest["files"].items():
        path = source / relative
        if not path.exists() or _sha256(path) != digest:
            problems.append(relative)
    if problems:
        raise BackupError("La copia está dañada o incompleta; no se restauró nada. Archivos con problemas: "
                          + ", ".join(problems[:10]) + ("…" if len(problems) > 10 else ""))
    return manifest


def restore_all(source: Path, *, using: str = "default") -> dict:
    source = Path(source)
    manifest = _verify(source)
    fixtures = [str(source / e["file"]) for e in manifest["tables"].values() if e["rows"]]
    from auditlog.context import disable_auditlog

    with disable_auditlog():  # the restored audit trail is the old one; loading must not add entries to it
        call_command("flush", interactive=False, database=using, verbosity=0)
        if fixtures:
            call_command("loaddata", *fixtures, database=using, verbosity=0)
    for name, root in _media_roots().items():
        prefix = f"{name}/"
        for relative in manifest["files"]:
            if relative.startswith(prefix):
                destination = root / relative[len(prefix):]
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / relative, destination)
    counts = {m._meta.label_lower: m._base_manager.using(using).count() for m in exported_models()}
    expected = {label: entry["rows"] for label, entry in manifest["tables"].items()}
    differences = {k: (expected.get(k, 0), counts.get(k, 0)) for k in set(expected) | set(counts)
                   if expected.get(k, 0) != counts.get(k, 0)}
    if differences:
        raise BackupError(f"Conteos distintos tras restaurar (esperado, obtenido): {differences}")
    return manifest
