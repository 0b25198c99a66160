"""The one JSON layer of thidua: dossiers in and out, reports out, the JSON Schema.

Everything that crosses the JSON edge goes through one private cattrs converter built
by :func:`make_converter` (never cattrs' global converter). Reading is strict: unknown
keys, a string where a number belongs, a float where a whole number belongs, a date
that is not ``YYYY-MM-DD`` are all refused, and a bad dossier raises *one*
:class:`~thidua.errors.DossierError` listing every problem with its JSON path::

    $.submissions[3].submitted_on: '2024-13-01' is not a date (expected YYYY-MM-DD)
    $.units[0].colour: unknown key

Writing keeps the core names of the interchange format (``from``/``to`` for a
submission's units) and omits optional extension fields left at their default.
The JSON Schema (:func:`json_schema`) is generated from the same attrs model, so the
two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import json
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeAlias

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _make_json_converter

from thidua.errors import DossierError, Problem
from thidua.limits import (
    MAX_DOSSIER_BYTES,
    cap_problems,
    check_dossier_data,
    check_size,
    read_limited,
)
from thidua.model import base as _model_base
from thidua.model.base import MAX_ID_LENGTH, is_identifier
from thidua.model.dossier import DOSSIER_FORMAT, Dossier
from thidua.model.exemplars import Exemplar, ExemplarKind, Honour
from thidua.model.findings import Finding
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord
from thidua.model.submissions import Event, Submission
from thidua.model.units import Movement, Unit
from thidua.parameters import MonthDay, Range, ResolvedValue

if typing.TYPE_CHECKING:
    from thidua.rules.engine import Report

__all__ = [
    "REPORT_FORMAT",
    "SCHEMA_ID",
    "dossier_to_dict",
    "dump_dossier",
    "finding_to_dict",
    "json_schema",
    "load_dossier",
    "loads_dossier",
    "make_converter",
    "report_to_dict",
    "to_jsonable",
]

REPORT_FORMAT = "thidua.report/1"
"""Format tag of a report printed with ``--format json``."""

SCHEMA_ID = "https://thidua.invalid/schema/dossier-1.json"
"""The ``$id`` of the published dossier schema (a name, not a fetchable address)."""

JsonValue: TypeAlias = Any
"""A value made only of dict, list, str, int, bool and None."""

# JSON keys that differ from the attribute names (the interchange format's core names).
_RENAMES: Mapping[type, Mapping[str, str]] = {
    Submission: {"from_unit": "from", "to_unit": "to"},
}
# Optional fields that dossier-format.md does not show: left out of the output when
# they hold their default, so a dossier written by thidua looks like the documented one.
_OMIT_IF_DEFAULT: Mapping[type, frozenset[str]] = {
    Dossier: frozenset({"events"}),
    Unit: frozenset({"parent", "bloc"}),
    Honour: frozenset({"movement"}),
    Submission: frozenset({"submitted_on"}),
    YearRecord: frozenset({"initiative_scope", "members"}),
    MemberStats: frozenset({"lao_dong_tien_tien", "chien_si_thi_dua_co_so", "disciplined"}),
    AwardGrant: frozenset({"proposed", "payer"}),
    Event: frozenset({"note"}),
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


# -- the converter ----------------------------------------------------------------

def _structure_str(value: Any, typ: Any) -> Any:
    if _is_enum(typ):  # a StrEnum is a str subclass: this hook sees it first
        return _structure_enum(value, typ)
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {_show(value)}")
    return value


def _structure_int(value: Any, typ: Any) -> Any:
    if _is_enum(typ):
        return _structure_enum(value, typ)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_show(value)}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_show(value)}")
    return value


def _structure_date(value: Any, _: Any) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"{_show(value)} is not a date (expected YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _structure_enum(value: Any, typ: type[enum.Enum]) -> enum.Enum:
    for m in typ:
        if type(value) is type(m.value) and m.value == value:
            return m
    raise ValueError(f"{_show(value)} is not one of "
                     + ", ".join(str(m.value) for m in typ))


def _is_var_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_structure_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    inner = cattrs.cols.homogenous_tuple_structure_factory(t, conv)

    def structure(value: Any, typ: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {_show(value)}")
        return inner(value, typ)

    return structure


def _show(value: Any) -> str:
    """A short rendering of a bad input value for messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False) if value is None or isinstance(
        value, bool | int | float) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def make_converter() -> JsonConverter:
    """A new private cattrs converter for thidua's JSON (strict, no extra keys).

    Built on ``cattrs.preconf.json`` with ``forbid_extra_keys``; strict about JSON
    types (no number-to-text or text-to-number coercion); enums by value, dates in ISO
    8601, decimals as strings, :class:`~thidua.parameters.Range` as ``{min, max}``,
    :class:`~thidua.parameters.MonthDay` as ``MM-DD``.
    """
    conv = _make_json_converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook_func(_is_enum, _structure_enum)
    conv.register_structure_hook_factory(
        _is_var_tuple, lambda t: _tuple_structure_factory(t, conv))
    conv.register_unstructure_hook_factory(_is_enum, lambda _: _enum_value)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(MonthDay, str)
    conv.register_unstructure_hook(Range, lambda r: {"min": r.min, "max": r.max})

    def structure_factory(cl: type) -> Any:
        overrides: dict[str, Any] = {
            name: override(rename=key) for name, key in _RENAMES.get(cl, {}).items()}
        generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cl, conv, _cattrs_forbid_extra_keys=True, **overrides)

        def structure(obj: Any, typ: Any) -> Any:
            try:
                return generated(obj, typ)
            except ClassValidationError as exc:
                with_notes, without = exc.group_exceptions()
                if with_notes or not without:
                    raise
                # the constructor failed: attrs stops at the first bad field, so check
                # each field on its own to report them all
                per_field = _field_errors(conv, cl, obj)
                if per_field:
                    raise ClassValidationError(exc.message, per_field, cl) from None
                raise

        return structure

    def unstructure_factory(cl: type) -> Any:
        renames = _RENAMES.get(cl, {})
        omit = _OMIT_IF_DEFAULT.get(cl, frozenset())
        overrides: dict[str, Any] = {
            a.name: override(rename=renames.get(a.name), omit_if_default=a.name in omit)
            for a in attrs.fields(cl)
        }
        return make_dict_unstructure_fn(cl, conv, **overrides)

    conv.register_structure_hook_factory(attrs.has, structure_factory)
    conv.register_unstructure_hook_factory(attrs.has, unstructure_factory)
    return conv


def _field_errors(conv: cattrs.Converter, cl: type, obj: Any) -> list[Exception]:
    """Run each validated field's converter and validator on its own, so that every bad
    field of one object is reported (errors carry cattrs' attribute notes)."""
    proxy = type(cl.__name__, (), {})()  # validators only read the class name
    errors: list[Exception] = []
    for a in attrs.fields(cl):
        key = _json_key(cl, a.name)
        if a.validator is None or not isinstance(obj, Mapping) or key not in obj:
            continue
        try:
            value = conv.structure(obj[key], a.type)
            convert = getattr(a.converter, "converter", a.converter)
            if convert is not None:
                value = convert(value)
            a.validator(proxy, a, value)
        except Exception as exc:  # every failure is a problem to report
            exc.__notes__ = [*getattr(exc, "__notes__", []), AttributeValidationNote(
                f"Structuring class {cl.__qualname__} @ attribute {a.name}", a.name, a.type)]
            errors.append(exc)
    return errors


def _enum_value(value: enum.Enum) -> Any:
    return value.value


@functools.cache
def _converter() -> JsonConverter:
    return make_converter()


# -- writing ------------------------------------------------------------------------

def to_jsonable(obj: Any) -> JsonValue:
    """``obj`` (an attrs object of thidua, or a list/dict of them) as plain JSON data.

    Uses the same names as the dossier format (``from``/``to`` for submissions),
    dates as ISO strings, enums by value, decimals as strings.
    """
    return _converter().unstructure(obj)


def dossier_to_dict(dossier: Dossier) -> dict[str, JsonValue]:
    """The dossier as a JSON-ready dict in the interchange format."""
    out: dict[str, JsonValue] = _converter().unstructure(dossier, Dossier)
    # the format tag first, as in dossier-format.md
    return {"format": out.pop("format"), **out}


def dump_dossier(dossier: Dossier, *, indent: int | None = 2) -> str:
    """The dossier as JSON text (UTF-8 friendly: Vietnamese stays readable, NFC)."""
    text = json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=indent)
    return nfc_text(text) + "\n"


def nfc_text(text: str) -> str:
    """``text`` in Unicode NFC (whole documents; names are already NFC in the model)."""
    return unicodedata.normalize("NFC", text)


def finding_to_dict(finding: Finding) -> dict[str, JsonValue]:
    """One finding as the "Results" section of dossier-format.md shows it."""
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "subject": finding.subject,
        "clause": finding.clause,
        "document": finding.document,
        "message_vi": finding.message_vi,
        "message_en": finding.message_en,
        "evidence": to_jsonable(dict(finding.evidence)),
    }


def _parameter_to_dict(value: ResolvedValue) -> dict[str, JsonValue]:
    return {
        "id": value.parameter,
        "value": to_jsonable(value.value),
        "unit": value.unit,
        "citation": {"clause": value.citation.clause, "document": value.citation.document},
        "effective_from": (value.effective_from.isoformat()
                           if value.effective_from is not None else None),
        "exception_year": value.exception_year,
        "source": value.source,
        "status": value.status.value,
    }


def report_to_dict(report: Report, *, trace: bool = False) -> dict[str, JsonValue]:
    """A report as ``--format json`` prints it: plan, year, findings, and (when
    ``trace`` is true and the report carries one) the trace of plan, plugins,
    parameter values with their citations and provenance, and rules run."""
    out: dict[str, JsonValue] = {
        "format": REPORT_FORMAT,
        "plan": report.plan,
        "year": report.year,
        "findings": [finding_to_dict(f) for f in report.findings],
    }
    if trace and report.trace is not None:
        tr = report.trace
        out["trace"] = {
            "plan": tr.plan,
            "plan_source": tr.plan_source,
            "year": tr.year,
            "as_of": tr.as_of.isoformat() if tr.as_of is not None else None,
            "plugins": [{"name": p.name, "version": p.version,
                         "contributes": list(p.contributes)} for p in tr.plugins],
            "parameters": [_parameter_to_dict(v) for v in tr.parameters],
            "rules": [{"id": r.id, "clause": r.clause, "source": r.source}
                      for r in tr.rules],
        }
    return out


# -- reading ------------------------------------------------------------------------

def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a dossier")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKeyError(k)
        out[k] = v
    return out


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# a lone surrogate can only come from a \\uD800-style escape (or a str given by a
# caller); it is accepted by json but cannot be written as UTF-8 again
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _lone_surrogates(data: Any) -> Iterator[Problem]:
    """Every text or key in parsed JSON that holds a lone surrogate, with its path
    (iterative: the data may be nested as deeply as the JSON parser allows)."""
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                yield Problem(path, "the text holds an unpaired surrogate (an invalid \\u "
                                    "escape such as \\ud800); write the character itself")
        elif isinstance(value, dict):
            for k, v in value.items():
                if _SURROGATE.search(k):
                    yield Problem(path, f"a key holds an unpaired surrogate: {k!r}")
                    k = ascii(k)
                stack.append((v, f"{path}.{k}"))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))


def _parse_json(text: str, origin: str) -> Any:
    data = _parse_json_text(text, origin)
    if _SURROGATE_HINT.search(text):  # rare: only then walk the data
        problems = sorted(_lone_surrogates(data), key=_path_key)
        if problems:
            raise DossierError(f"{origin} is not a valid dossier", cap_problems(problems))
    return data


def _parse_json_text(text: str, origin: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DossierError(
            f"{origin} is not valid JSON",
            [Problem(f"line {exc.lineno}, column {exc.colno}",
                     f"{exc.msg}; fix the JSON syntax there")],
        ) from None
    except _DuplicateKeyError as exc:
        raise DossierError(
            f"{origin} is not a valid dossier",
            [Problem("$", f"the key {exc.key!r} appears twice in one object; keep one")],
        ) from None
    except RecursionError:
        raise DossierError(f"{origin} is not a valid dossier", [Problem(
            "$", "the JSON is nested too deeply; a dossier is only a few levels deep")]) from None
    except ValueError as exc:  # NaN / Infinity, or an absurdly long number
        raise DossierError(f"{origin} is not valid JSON",
                           [Problem("$", str(exc))]) from None


def loads_dossier(text: str | bytes, *, origin: str = "the input") -> Dossier:
    """Parse and validate a dossier from JSON text (or UTF-8 bytes).

    Raises one :class:`~thidua.errors.DossierError` listing every problem found, each
    with its JSON path; ``origin`` names the input in the summary line.
    """
    check_size(len(text), MAX_DOSSIER_BYTES, origin=origin, what="the dossier")
    if isinstance(text, bytes | bytearray):
        raw = bytes(text)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise DossierError(f"{origin} is not UTF-8 text", [Problem(
                    "byte 0", "the file is UTF-16 (it starts with a UTF-16 byte order "
                              "mark); save it as UTF-8")]) from None
            raise DossierError(
                f"{origin} is not UTF-8 text",
                [Problem(f"byte {exc.start}",
                         f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the "
                         f"file as UTF-8 (Unicode), not a legacy code page")],
            ) from None
    data = _parse_json(text.removeprefix("\ufeff"), origin)
    return structure_dossier(data, origin=origin)


def structure_dossier(data: Any, *, origin: str = "the input") -> Dossier:
    """Build a :class:`Dossier` from already-parsed JSON data (strictly validated)."""
    if not isinstance(data, dict):
        raise DossierError(f"{origin} is not a valid dossier",
                           [Problem("$", f"expected a JSON object, got {_show(data)}")])
    check_dossier_data(data, origin=origin)
    try:
        return _converter().structure(data, Dossier)
    except DossierError as exc:
        raise DossierError(f"{origin} is not a valid dossier: {exc.summary}",
                           cap_problems(exc.problems)) from None
    except Exception as exc:  # cattrs wraps every field's error; unwrap them all
        problems = list(_problems(exc, "$", Dossier))
        problems += _integrity_despite(data, problems)
        problems.sort(key=_path_key)
        raise DossierError(
            f"{origin} is not a valid dossier ({len(problems)} problem(s)); "
            f"fix each path below", cap_problems(problems),
        ) from None


_PLACEHOLDER = "invalid-entry"


def _placeholder(elem_type: type, section: str, index: int, raw: Any) -> Any:
    """A stand-in for an entry that failed to load, keeping its list position and, if
    it has a usable id, that id (so references to it are not reported as unknown)."""
    rid = raw.get("id") if isinstance(raw, dict) else None
    stub = f"{_PLACEHOLDER}:{section}:{index}"
    ident = rid if isinstance(rid, str) and is_identifier(rid) else stub
    day = dt.date(2000, 1, 1)
    makers: dict[type, Callable[[], Any]] = {
        Unit: lambda: Unit(id=ident, name="?", level="placeholder"),
        Movement: lambda: Movement(id=ident, name="?", lead=stub),
        Exemplar: lambda: Exemplar(id=ident, name="?", kind=ExemplarKind.INDIVIDUAL, unit=stub),
        Submission: lambda: Submission(id=ident, year=day.year, from_unit=stub,
                                       to_unit=stub + ":to"),
        YearRecord: lambda: YearRecord(subject=stub, year=day.year,
                                       assessment=Assessment.COMPLETED),
        AwardGrant: lambda: AwardGrant(subject=stub, award="placeholder", decided_on=day),
        Event: lambda: Event(obligation=stub, unit=stub, year=day.year, on=day),
    }
    return makers[elem_type]()


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _integrity_despite(data: Mapping[str, Any], found: list[Problem]) -> list[Problem]:
    """The dossier's integrity problems, even though some entries failed to load.

    Entries that failed are replaced by stand-ins in their list position, and
    problems inside them are dropped (they are already reported), so that one
    planted error does not hide the others. Nothing is added when a whole section is
    unusable, since every reference into it would then look broken.
    """
    attrs.resolve_types(Dossier)
    sections: dict[str, Any] = {}
    bad: list[str] = []
    conv = _converter()
    for a in attrs.fields(Dossier):
        if not _is_var_tuple(a.type):
            continue
        raw = data.get(a.name, [])
        if not isinstance(raw, list):
            return []
        elem_type = typing.get_args(a.type)[0]
        items: list[Any] = []
        for i, item in enumerate(raw):
            try:
                items.append(conv.structure(item, elem_type))
            except Exception:  # already reported by the structural pass
                items.append(_placeholder(elem_type, a.name, i, item))
                bad.append(f"$.{a.name}[{i}]")
        sections[a.name] = items
    try:
        Dossier(plan=_PLACEHOLDER, **sections)
    except DossierError as exc:
        seen = {(p.path, p.message) for p in found}
        return [p for p in exc.problems
                if (p.path, p.message) not in seen and not any(_under(p.path, b) for b in bad)]
    return []


_SECTION_ORDER = {name: i for i, name in enumerate(attrs.fields_dict(Dossier))}


def _path_key(problem: Problem) -> tuple[Any, ...]:
    """Document order: section as in the format, then indices numerically."""
    path = problem.path
    head = path[2:].split(".", 1)[0].split("[", 1)[0] if path.startswith("$.") else ""
    parts = tuple((0, int(t), "") if t.isascii() and t.isdigit() else (1, 0, t)
                  for t in re.findall(r"\d+|[^\d\[\].]+", path))
    return (_SECTION_ORDER.get(head, -1), parts)


def load_dossier(source: str | bytes | Path) -> Dossier:
    """Load a dossier from a file path, JSON text or UTF-8 bytes.

    A :class:`~pathlib.Path`, or a string that does not start with ``{``, is read as
    a file name.
    """
    if isinstance(source, bytes | bytearray):
        return loads_dossier(source)
    if isinstance(source, str) and source.lstrip().lstrip("\ufeff").startswith("{"):
        return loads_dossier(source)
    path = Path(source)
    try:
        raw = read_limited(path, MAX_DOSSIER_BYTES, what="the dossier")
    except OSError as exc:
        raise DossierError(f"cannot read dossier {path}: {exc.strerror or exc}; "
                           f"check the file name") from None
    return loads_dossier(raw, origin=str(path))


# -- error formatting -------------------------------------------------------------

_VALIDATOR_MESSAGE = re.compile(r"^(?P<cls>[A-Za-z_]\w*)\.(?P<field>[a-z_]\w*) ")


def _json_key(cl: Any, field: str) -> str:
    return _RENAMES.get(cl, {}).get(field, field) if isinstance(cl, type) else field


def _describe(exc: BaseException) -> str:
    """Our message for one leaf error (keeping the model's validator messages)."""
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, DossierError):
        return exc.summary
    text = str(exc)
    if isinstance(exc, TypeError) and ("argument" in text or "iterable" in text):
        return f"wrong type of value ({text})"
    return text or type(exc).__name__


def _problems(exc: BaseException, path: str, cl: Any) -> Iterator[Problem]:
    """Walk a cattrs validation error tree like :func:`cattrs.transform_error`, but
    yield :class:`Problem` objects: one per unknown key, validator messages kept, an
    attrs validator's ``Class.field`` message placed on the field's path."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, f"{path}.{_json_key(cl, note.name)}", note.type)
        for sub in without:
            yield from _problems(sub, path, cl)
    elif isinstance(exc, IterableValidationError):
        with_inotes, iwithout = exc.group_exceptions()
        for sub, inote in with_inotes:
            idx = f"[{inote.index}]" if isinstance(inote.index, int) else f"[{inote.index!r}]"
            yield from _problems(sub, f"{path}{idx}", inote.type)
        for sub in iwithout:
            yield from _problems(sub, path, cl)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            shown = key if key.isprintable() and len(key) <= 100 else ascii(key)[:100]
            yield Problem(f"{path}.{shown}", "unknown key" + _known_keys(cl))
    elif isinstance(exc, DossierError):
        yield from exc.problems or [Problem(path, exc.summary)]
    else:
        message = _describe(exc)
        m = _VALIDATOR_MESSAGE.match(message)
        if m and isinstance(cl, type) and attrs.has(cl) and m["cls"] == cl.__name__ \
                and m["field"] in attrs.fields_dict(cl):
            path = f"{path}.{_json_key(cl, m['field'])}"
        yield Problem(path, message)


def _known_keys(cl: Any) -> str:
    if isinstance(cl, type) and attrs.has(cl):
        keys = [_json_key(cl, a.name) for a in attrs.fields(cl)]
        return " (allowed: " + ", ".join(keys) + ")"
    return ""


# -- JSON Schema --------------------------------------------------------------------

# the model's own patterns (one source of truth), as JSON Schema constraints
_IDENT_PATTERN = _model_base._IDENT.pattern
_SLUG_PATTERN = _model_base._SLUG.pattern
_VALIDATOR_SCHEMAS: Mapping[str, Mapping[str, Any]] = {
    # attrs validators of the model (by function name) -> the schema they imply
    "identifier": {"pattern": _IDENT_PATTERN, "maxLength": MAX_ID_LENGTH},
    "_unique_ids": {"items": {"pattern": _IDENT_PATTERN, "maxLength": MAX_ID_LENGTH}},
    "slug": {"pattern": _SLUG_PATTERN},
    "_slugs": {"items": {"pattern": _SLUG_PATTERN}},
    "non_empty_text": {"minLength": 1},
    "_year": {"minimum": _model_base.MIN_YEAR, "maximum": _model_base.MAX_YEAR},
    "_non_negative": {"minimum": 0},
}


def _validators(v: Any) -> Iterator[Any]:
    """The plain validator functions inside attrs' and_/optional wrappers."""
    if v is None:
        return
    inner = getattr(v, "validator", None)
    many = getattr(v, "_validators", None)
    if many is not None:
        for x in many:
            yield from _validators(x)
    elif inner is not None:
        yield from _validators(inner)
    else:
        yield v


@functools.cache
def _field_docs(cl: type) -> Mapping[str, str]:
    """Field docstrings (the string literal under each field) of an attrs class."""
    import ast  # only the schema needs these: keep `import thidua.serialization` light
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cl)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for prev, node in itertools.pairwise(body):
        if isinstance(prev, ast.AnnAssign) and isinstance(prev.target, ast.Name) \
                and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            docs[prev.target.id] = " ".join(node.value.value.split())
    return docs


def _class_doc(cl: type) -> str:
    import inspect

    return " ".join((inspect.getdoc(cl) or "").split("\n\n")[0].split())


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def type_schema(self, t: Any) -> dict[str, Any]:
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if t is type(None):
            return {"type": "null"}
        if origin in (typing.Union, types.UnionType):
            options = [self.type_schema(a) for a in args]
            return {"anyOf": options}
        if _is_var_tuple(t):
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is str:
            return {"type": "string"}
        if t is dt.date:
            return {"type": "string", "format": "date"}
        if _is_enum(t):
            return {"type": "string", "enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            self.define(t)
            return {"$ref": f"#/$defs/{t.__name__}"}
        raise TypeError(f"no JSON Schema for type {t!r}")  # pragma: no cover

    def define(self, cl: type) -> dict[str, Any]:
        if cl.__name__ in self.defs:
            return self.defs[cl.__name__]
        schema: dict[str, Any] = {"type": "object"}
        self.defs[cl.__name__] = schema  # before recursing, for cycles
        attrs.resolve_types(cl)
        docs = _field_docs(cl)
        props: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cl):
            key = _json_key(cl, a.name)
            prop = self.type_schema(a.type)
            for v in _validators(a.validator):
                extra = _VALIDATOR_SCHEMAS.get(getattr(v, "__name__", ""), {})
                prop = _merge(prop, extra)
            if a.name in docs:
                prop = {"description": docs[a.name], **prop}
            if a.default is attrs.NOTHING:
                required.append(key)
            elif isinstance(a.default, str | int | bool | type(None)):
                prop["default"] = a.default
            elif isinstance(a.default, tuple) and not a.default:
                prop["default"] = []
            props[key] = prop
        schema["description"] = _class_doc(cl)
        schema["properties"] = props
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema


def _merge(prop: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Put validator constraints where they apply (inside ``anyOf`` for optionals)."""
    if not extra:
        return prop
    if "anyOf" in prop:
        return {"anyOf": [o if o.get("type") == "null" else _merge(o, extra)
                          for o in prop["anyOf"]]}
    out = dict(prop)
    for k, v in extra.items():
        out[k] = {**out.get(k, {}), **v} if isinstance(v, Mapping) else v
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dossier, generated from the attrs model.

    Structure and vocabularies only: referential integrity (a submission from an
    unknown unit, an exemplar listed twice) is checked by :func:`load_dossier`.
    """
    builder = _SchemaBuilder()
    root = dict(builder.define(Dossier))
    root["properties"] = dict(root["properties"])
    root["properties"]["format"] = {**root["properties"]["format"], "const": DOSSIER_FORMAT}
    defs = {k: v for k, v in builder.defs.items() if k != Dossier.__name__}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "thidua dossier (thidua.dossier/1)",
        **root,
        "$defs": dict(sorted(defs.items())),
    }

