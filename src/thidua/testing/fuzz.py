"""Hostile input for fuzz tests of anything that reads agency data.

thidua's own fuzz tests use these strategies against the dossier loader, parameter
files and the CLI; plugin authors can point them at their own loaders. The contract
they check: whatever arrives, the outcome is a result or a
:class:`~thidua.errors.ThiduaError` naming the path and the problem — never a
traceback, a hang, or a partial output file.

* :func:`hostile_scalars` — wrong types, dates such as ``2024-02-30``, negative and
  huge numbers, NaN, NFD Vietnamese, zero-width characters, control characters,
  strings that look like code (which must stay inert).
* :func:`json_values` — arbitrary (small) JSON documents made of those.
* :func:`mutations` — a valid document with a few random, targeted changes: a value
  replaced, a key deleted, an unknown key added, a list entry duplicated (duplicate
  ids), a value wrapped in a list or turned into text.
* :func:`broken_json` — JSON text that does not parse (truncated, stray bytes).
"""

from __future__ import annotations

import copy
import json
import unicodedata
from typing import Any

from hypothesis import strategies as st

__all__ = ["HOSTILE_STRINGS", "broken_json", "hostile_scalars", "json_values", "mutations"]

HOSTILE_STRINGS: tuple[str, ...] = (
    "__import__('os').system('touch PWNED')",
    "eval(\"__import__('os')\")",
    "{{7*7}}", "${7*7}", "#{7*7}", "<script>alert(1)</script>",
    "=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1)",
    "'; DROP TABLE units; --", "../../../../etc/passwd", "C:\\Windows\\system32",
    "!!python/object/apply:os.system ['touch PWNED']", "\x00", "\x1b[31mred\x1b[0m",
    "\u202eRTL override", "line\nbreak", "tab\there", "%s%s%s%n", "\ufeffBOM",
)
"""Strings that look like code, formulas, templates, paths or terminal escapes; a
loader must keep them as plain text (or refuse them), never act on them."""

_VIETNAMESE = ("Nguyễn Thị Hoa", "UBND xã Lạc Đạo", "Phòng Văn hóa và Thông tin",
               "Đình Dù", "Hưng Yên")


def _variants() -> st.SearchStrategy[str]:
    """Vietnamese text written as NFD or with zero-width characters inside."""
    base = st.sampled_from(_VIETNAMESE)
    nfd = base.map(lambda s: unicodedata.normalize("NFD", s))
    zero_width = st.tuples(base, st.sampled_from("\u200b\u200c\u200d\u2060\ufeff\u00ad"),
                           st.integers(0, 5)).map(lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])
    return st.one_of(nfd, zero_width)


def hostile_scalars() -> st.SearchStrategy[Any]:
    """One JSON scalar (or a non-JSON float) that a loader must survive."""
    return st.one_of(
        st.none(), st.booleans(),
        st.sampled_from((0, -1, 1, 2**31, -(2**31), 2**53, 2**63, -(2**63), 10**30,
                         -(10**30), 10**4000)),
        st.integers(),
        st.sampled_from((0.5, -0.0, 1e308, 2024.0, float("inf"), float("-inf"),
                         float("nan"))),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(("2024-02-30", "2024-13-01", "2023-02-29", "0000-01-01",
                         "2024-1-5", "2024-01-05T00:00:00", "15/01/2024", "", " ",
                         "\u200b", "mo_hinh ", "MO_HINH", "hoàn_thành", "null", "true",
                         "1e400", "NaN")),
        st.sampled_from(HOSTILE_STRINGS),
        _variants(),
        st.text(max_size=30),
        st.integers(10_001, 20_000).map(lambda n: "x" * n),
    )


def json_values(*, max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Arbitrary JSON documents made of hostile scalars, lists and objects."""
    keys = st.one_of(st.sampled_from(("id", "name", "units", "parent", "year", "from",
                                      "to", "format", "plan", "")), st.text(max_size=10))
    return st.recursive(
        hostile_scalars(),
        lambda children: st.one_of(st.lists(children, max_size=4),
                                   st.dictionaries(keys, children, max_size=4)),
        max_leaves=max_leaves,
    )


def _locations(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) pair of ``doc``, in document order."""
    out: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k in node:
                out.append((node, k))
                stack.append(node[k])
        elif isinstance(node, list):
            for i in range(len(node)):
                out.append((node, i))
                stack.append(node[i])
    return out


_OPERATIONS = ("replace", "delete", "unknown_key", "duplicate", "wrap", "stringify",
               "empty", "nest")


@st.composite
def mutations(draw: st.DrawFn, document: Any, *, max_changes: int = 3) -> Any:
    """A deep copy of the JSON ``document`` with 1 to ``max_changes`` random changes."""
    doc = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, max_changes))):
        places = _locations(doc)
        if not places:
            return draw(json_values())
        container, key = draw(st.sampled_from(places))
        op = draw(st.sampled_from(_OPERATIONS))
        value = container[key]
        if op == "replace":
            container[key] = draw(st.one_of(hostile_scalars(), json_values(max_leaves=4)))
        elif op == "delete" and isinstance(container, dict):
            del container[key]
        elif op == "unknown_key" and isinstance(value, dict):
            value[draw(st.sampled_from(("colour", "ID", "name ", "__class__", "from_unit",
                                        "\u200bid")))] = draw(hostile_scalars())
        elif op == "duplicate" and isinstance(value, list) and value:
            value.append(copy.deepcopy(draw(st.sampled_from(value))))
        elif op == "wrap":
            container[key] = [value]
        elif op == "stringify":
            container[key] = json.dumps(value, ensure_ascii=False, default=str)
        elif op == "empty":
            container[key] = [] if isinstance(value, list) else {}
        elif op == "nest":
            container[key] = {"value": value}
    return doc


def broken_json(document: Any) -> st.SearchStrategy[str]:
    """JSON text of ``document`` broken on purpose: cut short, a stray character
    inserted, or a comma removed."""
    text = json.dumps(document, ensure_ascii=False)

    @st.composite
    def broken(draw: st.DrawFn) -> str:
        how = draw(st.sampled_from(("cut", "insert", "drop")))
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        if how == "cut":
            return text[:at]
        if how == "insert":
            return text[:at] + draw(st.sampled_from(("{", "]", ",", "\"", "\\", "\x00",
                                                     "NaN", "'"))) + text[at:]
        return text[:at] + text[at + 1:]

    return broken()
