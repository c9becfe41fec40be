"""Atomic writes: a reader (or a crash) never sees a half-written export.

Files are written to a temporary file in the same folder and renamed over the target; a CSV
folder is built in a temporary folder and swapped in. New files are created readable by their
owner only (the data is HR data); a replaced file keeps its permissions.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from orggraph.exceptions import OrgGraphError

__all__ = ["atomic_file", "atomic_folder"]


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path``, on error it is removed."""
    path = Path(path)
    if path.is_dir():
        raise OrgGraphError(f"{path} is a folder; give a file name to write to")
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if path.exists():
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


@contextmanager
def atomic_folder(path: Path, replaceable: Collection[str]) -> Iterator[Path]:
    """Yield a temporary folder to fill; on success it takes the place of ``path``.

    An existing ``path`` is replaced only when it holds nothing but files named in
    ``replaceable`` (a previous export), so a user's other files are never deleted.
    """
    path = Path(path)
    if path.exists():
        if not path.is_dir():
            raise OrgGraphError(f"{path} exists and is not a folder; a CSV export is a folder of files")
        others = sorted(p.name for p in path.iterdir() if p.name not in replaceable)
        if others:
            raise OrgGraphError(
                f"refusing to replace the folder {path}: it holds other files ({', '.join(others[:5])}); "
                "export to a new or empty folder"
            )
    temp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    old: Path | None = None
    try:
        yield temp
        if path.exists():
            old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.old."))
            os.replace(path, old / path.name)
        try:
            os.replace(temp, path)
        except OSError:
            if old is not None:
                os.replace(old / path.name, path)  # put the previous export back
            raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
