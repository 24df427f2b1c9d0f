"""The project's open-data files (``settings.HUB_DATA_DIR``, by default the repository's ``data/``).

Large files ship gzip-compressed (``name.csv.gz``); code always names the plain file and these helpers
find ``name`` or ``name.gz`` and read either transparently, so ``HUB_DATA_DIR`` may also point at an
uncompressed copy.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from django.conf import settings

GZIP_MAGIC = b"\x1f\x8b"


def data_dir() -> Path:
    return Path(settings.HUB_DATA_DIR)


def resolve(relative: str | Path, base: Path | str | None = None) -> Path | None:
    """The existing file for ``relative`` under ``base`` (default HUB_DATA_DIR): plain first, then ``.gz``."""
    root = Path(base) if base is not None else data_dir()
    path = root / relative
    if path.is_file():
        return path
    if path.suffix != ".gz":
        compressed = path.with_name(path.name + ".gz")
        if compressed.is_file():
            return compressed
    elif path.with_suffix("").is_file():
        return path.with_suffix("")
    return None


def expected(relative: str | Path, base: Path | str | None = None) -> Path:
    """Where a missing file was looked for (for messages)."""
    return (Path(base) if base is not None else data_dir()) / relative


def is_gzip(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def open_binary(path: Path):
    """A binary stream over the decompressed content of a plain or gzip file."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller
    if raw.read(2) == GZIP_MAGIC:
        raw.seek(0)
        return io.BufferedReader(gzip.GzipFile(fileobj=raw), 1 << 20)
    raw.seek(0)
    return raw


def read_text(path: Path, encoding: str = "utf-8-sig") -> str:
    with open_binary(path) as handle:
        return handle.read().decode(encoding)


def read_json(path: Path):
    return json.loads(read_text(path))
