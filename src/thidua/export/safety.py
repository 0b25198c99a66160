"""Safety of exported files: inert cells and atomic writes.

* **Formula neutralisation.** A spreadsheet program treats a cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV injection:
  ``=cmd|' /C calc'!A0``). Text read from a dossier is never trusted: CSV cells that
  start with one of these (or their full-width forms) get a leading apostrophe, which
  spreadsheet programs show as "this is text"; Excel cells are written as typed text
  with Excel's own quote-prefix mark, so the value stays exactly as it was.
* **Atomic writes.** An exporter writes into a temporary file in the target's
  directory; only when it has finished is the file moved into place with
  ``os.replace`` (:meth:`pathlib.Path.replace`). On any error the temporary file is
  removed and the target is left as it was. The input dossier is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from thidua.errors import ExportError, ThiduaError

__all__ = ["FORMULA_TRIGGERS", "atomic_write", "is_formula_like", "neutralise", "xml_safe"]

FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""First characters that make a spreadsheet cell a formula (with full-width forms)."""

QUOTE = "'"
"""The prefix that marks a CSV cell as text."""


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet would read ``text`` as a formula."""
    return bool(text) and text[0] in FORMULA_TRIGGERS


def neutralise(text: str) -> str:
    """``text`` made inert for CSV: a leading apostrophe if it starts like a formula.

    >>> neutralise("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> neutralise("Nguyễn Thị Hoa")
    'Nguyễn Thị Hoa'
    """
    return QUOTE + text if is_formula_like(text) else text


# Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; U+FFFE/U+FFFF;
# lone surrogates). Office files are XML, so these become U+FFFD, the replacement
# character, instead of making the whole export fail.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(target: Path, write: Callable[[BinaryIO], None], *,
                 protect: Iterable[Path] = ()) -> Path:
    """Write ``target`` through ``write`` atomically; return the resolved path.

    ``protect`` lists files that must never be overwritten (the input dossier): writing
    to one of them raises an :class:`ExportError` before anything is opened. Any
    exception from ``write`` removes the temporary file and propagates (non-thidua
    exceptions are wrapped in an :class:`ExportError` naming the target).
    """
    target = Path(target)
    resolved = target.resolve()
    for p in protect:
        if resolved == Path(p).resolve() or _same_file(target, Path(p)):
            raise ExportError(f"refusing to write the export over the input file {p}; "
                              f"choose another output file with -o")
    if resolved.is_dir():
        raise ExportError(f"cannot write the export to {target}: it is a directory; "
                          f"give a file name with -o")
    directory = resolved.parent
    if not directory.is_dir():
        raise ExportError(f"cannot write the export to {target}: the directory "
                          f"{directory} does not exist")
    mode = (resolved.stat().st_mode & 0o777) if resolved.exists() else (0o666 & ~_umask())
    try:
        fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{resolved.name}.",
                                        suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"cannot write the export to {target}: {exc.strerror}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(mode)
        tmp.replace(resolved)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, ThiduaError) or not isinstance(exc, Exception):
            raise
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write the export to {target}: "
                              f"{exc.strerror or exc}") from exc
        raise ExportError(f"the export to {target} failed and nothing was written: "
                          f"{type(exc).__name__}: {exc}") from exc
    return resolved
