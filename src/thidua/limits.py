"""Documented size limits for everything thidua reads, and the checks that enforce them.

An agency system may send anything: a 5 GB file, a name of a million characters, a
list of a million exemplars inside one registration list, a hierarchy 100,000 units
deep. thidua refuses such input early, with a :class:`~thidua.errors.LimitError` that
names the input, the JSON path (or file and parameter), the limit and how to get under
it — instead of running out of memory or time. Memory stays proportional to the input
below the limits (see ``benchmarks/memory.py``).

The limits are technical, not regulatory (no quota or date of a plan is here), and
generous: a national dossier of a million exemplars with five years of records is
well inside them. They are listed in ``docs/limits.md``.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from thidua.errors import LimitError, Problem

__all__ = [
    "MAX_DOSSIER_BYTES",
    "MAX_HIERARCHY_DEPTH",
    "MAX_INTEGER",
    "MAX_LIST_ENTRIES",
    "MAX_PARAMETERS_PER_FILE",
    "MAX_PARAMETER_FILE_BYTES",
    "MAX_PROBLEMS",
    "MAX_SECTION_ENTRIES",
    "MAX_TEXT_LENGTH",
    "MAX_TOML_FILE_BYTES",
    "MAX_VALUES_PER_PARAMETER",
    "cap_problems",
    "check_dossier_data",
    "check_parameter_data",
    "check_size",
    "loads_toml",
    "read_limited",
    "read_toml",
]

MAX_DOSSIER_BYTES: Final = 2 * 1024 * 1024 * 1024
"""Largest dossier accepted: 2 GiB of JSON. The national-scale dossier of the ladder
benchmark (a million individuals with 5 to 10 years of records each, 8.9 million
entities) takes 1.1 GB, and loading it needs about 5 GB of memory."""
MAX_SECTION_ENTRIES: Final = 10_000_000
"""Most entries in one top-level list of a dossier (``units``, ``exemplars``,
``records`` …)."""
MAX_LIST_ENTRIES: Final = 10_000
"""Most entries in a list inside an entry: a submission's ``exemplars`` and
``attachments``, an exemplar's ``honoured``, a record's ``titles``, an award's
``achievement_years``."""
MAX_TEXT_LENGTH: Final = 10_000
"""Most characters in one text value or key (names, notes, decision numbers)."""
MAX_INTEGER: Final = 2**53 - 1
"""Largest whole number (in absolute value) accepted in a dossier: the largest that
every JSON reader, JavaScript included, represents exactly."""
MAX_HIERARCHY_DEPTH: Final = 64
"""Most levels of units above any unit (following ``parent``); Vietnam's hierarchy
has four or five."""
MAX_PROBLEMS: Final = 1_000
"""Most problems listed in one error; the rest are counted in a last line."""
MAX_TOML_FILE_BYTES: Final = 8 * 1024 * 1024
"""Largest plan, parameter or scenario file (TOML): 8 MiB."""
MAX_PARAMETER_FILE_BYTES: Final = MAX_TOML_FILE_BYTES
"""Largest parameter file."""
MAX_PARAMETERS_PER_FILE: Final = 10_000
"""Most ``[[parameter]]`` tables in one parameter file."""
MAX_VALUES_PER_PARAMETER: Final = 1_000
"""Most dated values plus one-year exceptions of one parameter."""
_CHUNK: Final = 1 << 24
"""Bytes read at a time from a file that is not a regular file (16 MiB)."""
_MAX_TOML_NESTING: Final = 32
"""Deepest nesting of arrays and tables inside one TOML value (ours use two or three)."""


def _limit_error(origin: str, path: str, what: str, limit_name: str, limit: int,
                 fix: str) -> LimitError:
    return LimitError(f"{origin}: {path}: {what} exceeds the limit of {limit:,} "
                      f"(thidua.limits.{limit_name}); {fix}")


def check_size(n_bytes: int, limit: int, *, origin: str, what: str = "the input",
               limit_name: str = "MAX_DOSSIER_BYTES") -> None:
    """Raise :class:`LimitError` if ``n_bytes`` is over ``limit``."""
    if n_bytes > limit:
        raise _limit_error(origin, "$", f"{what} of {n_bytes:,} bytes", limit_name, limit,
                           "split it into smaller files (for instance one per province "
                           "or per year)")


def read_limited(path: Path, limit: int, *, what: str = "the file",
                 limit_name: str = "MAX_DOSSIER_BYTES") -> bytes:
    """Read ``path`` if it holds at most ``limit`` bytes; a larger file is refused by
    its size without reading it, and an endless stream (a device, a pipe) after
    ``limit`` bytes, with a :class:`LimitError`. ``OSError`` propagates."""
    with path.open("rb") as fh:
        info = os.fstat(fh.fileno())
        if stat.S_ISREG(info.st_mode):
            data = b"" if info.st_size > limit else fh.read()
            size = f"{max(info.st_size, len(data)):,} bytes"
            too_big = info.st_size > limit or len(data) > limit
        else:
            chunks: list[bytes] = []
            total = 0
            while total <= limit:  # in chunks: a stream may never end
                chunk = fh.read(min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
            size = f"more than {limit:,} bytes"
            too_big = total > limit
    if too_big:
        raise _limit_error(str(path), "$", f"{what} of {size}", limit_name, limit,
                           "split it into smaller files")
    return data


def loads_toml(text: str, *, origin: str) -> dict[str, Any]:
    """Parse TOML text like :func:`tomllib.loads`, refusing nesting so deep that
    ``tomllib`` would overflow Python's stack with a :class:`LimitError` instead of a
    ``RecursionError``. :class:`tomllib.TOMLDecodeError` propagates for the caller."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise LimitError(f"{origin}: arrays or tables are nested too deeply for Python's "
                         f"stack; thidua's files nest two or three levels, flatten the "
                         f"data") from None


# -- dossiers ----------------------------------------------------------------------------

_Part = str | int


def _render(parts: Sequence[_Part]) -> str:
    """``("units", 3, "name")`` -> ``$.units[3].name``."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def _text(value: str, origin: str, parts: Sequence[_Part]) -> None:
    if len(value) > MAX_TEXT_LENGTH:
        raise _limit_error(origin, _render(parts), f"a text of {len(value):,} characters",
                           "MAX_TEXT_LENGTH", MAX_TEXT_LENGTH,
                           "shorten it; long documents belong in attachments, not in "
                           "the dossier")


def _scalar(value: Any, origin: str, parts: Sequence[_Part]) -> None:
    t = type(value)
    if t is str:
        _text(value, origin, parts)
    elif t is int and not -MAX_INTEGER <= value <= MAX_INTEGER:
        raise _limit_error(origin, _render(parts), f"the number {_short_int(value)}",
                           "MAX_INTEGER", MAX_INTEGER,
                           "counts and years are far smaller; check the value")


def _short_int(value: int) -> str:
    if value.bit_length() > 200:
        return f"of {len(str(abs(value))):,} digits"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _keys(obj: Mapping[Any, Any], origin: str, parts: Sequence[_Part]) -> None:
    for k in obj:
        if isinstance(k, str) and len(k) > MAX_TEXT_LENGTH:
            raise _limit_error(origin, _render(parts), f"a key of {len(k):,} characters",
                               "MAX_TEXT_LENGTH", MAX_TEXT_LENGTH,
                               "that is not a key of the dossier format")


def _check_value(value: Any, origin: str, parts: tuple[_Part, ...], depth: int) -> None:
    """Check a value inside an entry (a scalar, a list or an object) down to the depth
    the dossier format uses; anything deeper is refused by the format itself."""
    t = type(value)
    if t is list:
        if len(value) > MAX_LIST_ENTRIES:
            raise _limit_error(origin, _render(parts), f"a list of {len(value):,} entries",
                               "MAX_LIST_ENTRIES", MAX_LIST_ENTRIES,
                               "split it; no list inside an entry is that long")
        if depth:
            for j, item in enumerate(value):
                _check_value(item, origin, (*parts, j), depth - 1)
    elif t is dict:
        _keys(value, origin, parts)
        if depth:
            for k, item in value.items():
                _check_value(item, origin, (*parts, str(k)[:100]), depth - 1)
    else:
        _scalar(value, origin, parts)


def check_dossier_data(data: Mapping[str, Any], *, origin: str = "the input") -> None:
    """Enforce the dossier limits on parsed JSON ``data`` before it is structured:
    list lengths, text lengths, number sizes and the depth of the unit hierarchy.
    Raises :class:`LimitError` naming the first JSON path over a limit."""
    _keys(data, origin, ())
    for key, section in data.items():
        if type(section) is not list:
            _check_value(section, origin, (key,), 0)
            continue
        if len(section) > MAX_SECTION_ENTRIES:
            raise _limit_error(origin, f"$.{key}", f"a list of {len(section):,} entries",
                               "MAX_SECTION_ENTRIES", MAX_SECTION_ENTRIES,
                               "split the dossier (for instance one per province)")
        for i, entry in enumerate(section):
            if type(entry) is not dict:
                _check_value(entry, origin, (key, i), 0)
                continue
            _keys(entry, origin, (key, i))
            for field, value in entry.items():
                t = type(value)
                if t is str:  # the common case, inline for speed
                    if len(value) > MAX_TEXT_LENGTH:
                        _text(value, origin, (key, i, field))
                elif t is not bool and value is not None:
                    _check_value(value, origin, (key, i, field), 2)
    units = data.get("units")
    if type(units) is list:
        _check_hierarchy(units, origin)


def _check_hierarchy(units: Sequence[Any], origin: str) -> None:
    """No unit has more than MAX_HIERARCHY_DEPTH units above it (in linear time).

    Short cycles are left to the dossier's integrity check, which names them; a chain
    or cycle longer than the limit is refused here."""
    parent: dict[str, str] = {}
    index: dict[str, int] = {}
    for i, u in enumerate(units):
        if type(u) is dict and type(u.get("id")) is str:
            index.setdefault(u["id"], i)
            if type(u.get("parent")) is str:
                parent.setdefault(u["id"], u["parent"])
    depth: dict[str, int] = {}
    for start in parent:
        chain: list[str] = []
        on_chain: set[str] = set()
        node: str | None = start
        while (node is not None and node not in depth and node not in on_chain
               and len(chain) <= MAX_HIERARCHY_DEPTH):
            chain.append(node)
            on_chain.add(node)
            node = parent.get(node)
        # a short cycle ends on the chain itself: the integrity check names it
        base = depth[node] if node is not None and node in depth else 0
        if len(chain) + base > MAX_HIERARCHY_DEPTH:
            raise _limit_error(
                origin, f"$.units[{index[start]}].parent",
                f"a chain of more than {MAX_HIERARCHY_DEPTH} units above {start!r} (or a "
                f"cycle that long)", "MAX_HIERARCHY_DEPTH", MAX_HIERARCHY_DEPTH,
                "check the parent ids: the hierarchy is only a few levels deep")
        for offset, n in enumerate(reversed(chain), start=1):
            depth[n] = base + offset


def cap_problems(problems: Iterable[Problem]) -> list[Problem]:
    """At most :data:`MAX_PROBLEMS` problems, plus one line counting the rest."""
    out = list(problems)
    if len(out) <= MAX_PROBLEMS:
        return out
    rest = len(out) - MAX_PROBLEMS
    return [*out[:MAX_PROBLEMS],
            Problem("…", f"{rest:,} more problem(s) not listed (thidua.limits.MAX_PROBLEMS "
                         f"= {MAX_PROBLEMS:,}); fix these and check again")]


# -- parameter files ------------------------------------------------------------------

def check_parameter_data(data: Mapping[str, Any], *, origin: str) -> None:
    """Enforce the parameter-file limits on parsed TOML ``data``: the number of
    parameters, of values per parameter, and the length of every text."""
    entries = data.get("parameter", [])
    if isinstance(entries, list) and len(entries) > MAX_PARAMETERS_PER_FILE:
        raise _limit_error(origin, "parameter", f"{len(entries):,} parameters",
                           "MAX_PARAMETERS_PER_FILE", MAX_PARAMETERS_PER_FILE,
                           "split the file")
    for i, entry in enumerate(entries if isinstance(entries, list) else ()):
        if not isinstance(entry, dict):
            continue
        pid = entry.get("id")
        where = f"{pid}" if isinstance(pid, str) and len(pid) <= 100 else f"parameter[{i}]"
        n = sum(len(v) for k in ("values", "exceptions")
                if isinstance(v := entry.get(k), list))
        if n > MAX_VALUES_PER_PARAMETER:
            raise _limit_error(origin, where, f"{n:,} values", "MAX_VALUES_PER_PARAMETER",
                               MAX_VALUES_PER_PARAMETER, "keep only the values in force")
    _texts(data, origin, "$", 0)


def _texts(value: Any, origin: str, path: str, depth: int) -> None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT_LENGTH:
            raise _limit_error(origin, path, f"a text of {len(value):,} characters",
                               "MAX_TEXT_LENGTH", MAX_TEXT_LENGTH, "shorten it")
    elif isinstance(value, dict) and depth < _MAX_TOML_NESTING:
        for k, v in value.items():
            _texts(k, origin, path, depth + 1)
            _texts(v, origin, f"{path}.{k}"[:200], depth + 1)
    elif isinstance(value, list) and depth < _MAX_TOML_NESTING:
        for j, v in enumerate(value):
            _texts(v, origin, f"{path}[{j}]"[:200], depth + 1)


def read_toml(path: Path, *, limit: int = MAX_TOML_FILE_BYTES) -> dict[str, Any]:
    """Read and parse a TOML file of at most ``limit`` bytes (UTF-8).

    Raises :class:`LimitError` for a larger file or absurd nesting; ``OSError``,
    ``UnicodeDecodeError`` and :class:`tomllib.TOMLDecodeError` propagate so that the
    caller reports them in its own terms."""
    raw = read_limited(path, limit, what="the file", limit_name="MAX_TOML_FILE_BYTES")
    return loads_toml(raw.decode("utf-8"), origin=str(path))
