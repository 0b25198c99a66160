"""Loading plans from data files (``plan.toml`` plus parameter files).

A plan file declares the plan's identity, its levels and roles, the parameter files it
uses and the ids of the rules it runs (resolved against the rule library). A plan may
``extend`` another plan's file: it inherits everything and replaces what it states.
Every problem raises :class:`~thidua.errors.PlanError` naming the file and the key.

Minimal example::

    id = "vn-example-2026"
    name_vi = "Kế hoạch …"
    name_en = "Plan …"
    jurisdiction = "UBND tỉnh …"
    document = "Kế hoạch số …/KH-UBND"
    parameters = ["parameters.toml"]
    rules = ["plan.in_force", "quota.registration"]

    [[level]]
    id = "xa"
    name_vi = "UBND xã, phường"
    name_en = "commune or ward People's Committee"

    [[role]]
    id = "commune"
    name_vi = "UBND cấp xã"
    name_en = "commune"
    levels = ["xa"]
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from thidua import limits
from thidua.errors import PlanError, ThiduaError
from thidua.model.units import Level
from thidua.parameters import ParameterStore, load_parameter_file
from thidua.plan import Plan, Role
from thidua.rules.base import Rule

__all__ = ["load_plan", "read_plan_data"]

_PLAN_KEYS = {"id", "name_vi", "name_en", "jurisdiction", "document", "succeeds", "extends",
              "parameters", "rules", "level", "role"}


def read_plan_data(path: Path, *, _chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Read a plan file, following ``extends``: a path relative to the file, or
    ``"package.module:file.toml"`` for a file shipped inside an installed package (so a
    plugin can extend the seed plan with ``extends = "thidua.plugins.builtin.seed:plan.toml"``).
    Files are read within :mod:`thidua.limits`; an ``extends`` cycle is a PlanError."""
    if path.resolve() in _chain:
        cycle = " → ".join(str(p) for p in (*_chain, path.resolve()))
        raise PlanError(f"plan file {path}: 'extends' makes a cycle ({cycle}); a plan may "
                        "extend another only once along a chain")
    try:
        data = limits.read_toml(path)
    except OSError as exc:
        raise PlanError(f"cannot read plan file {path}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PlanError(f"plan file {path} is not valid TOML: {exc}") from exc
    unknown = set(data) - _PLAN_KEYS - _extra_keys()
    if unknown:
        raise PlanError(f"plan file {path}: unknown key(s) {sorted(unknown)}")
    # parameter files are relative to the file that names them
    data["parameters"] = [path.parent / p for p in data.get("parameters", [])]
    base_ref = data.pop("extends", None)
    if base_ref is None:
        return data
    base = read_plan_data(_extends_path(path, base_ref), _chain=(*_chain, path.resolve()))
    merged = {**base, **{k: v for k, v in data.items() if k != "parameters"}}
    merged["parameters"] = [*base.get("parameters", []), *data["parameters"]]
    merged.pop("succeeds", None)
    if "succeeds" in data:
        merged["succeeds"] = data["succeeds"]
    return merged


_PACKAGE_REF = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*):(.+)")


def _extends_path(path: Path, ref: Any) -> Path:
    """The file an ``extends`` value names (see :func:`read_plan_data`)."""
    if not isinstance(ref, str) or not ref.strip():
        raise PlanError(f"plan file {path}: 'extends' must name a plan file, got {ref!r}")
    m = _PACKAGE_REF.fullmatch(ref)
    if m is None or len(m.group(1)) == 1:  # a one-letter "package" is a drive (C:...)
        return path.parent / ref
    try:
        root = importlib.resources.files(m.group(1))
    except ModuleNotFoundError:
        raise PlanError(f"plan file {path}: 'extends' names package {m.group(1)!r}, which "
                        "is not installed") from None
    return Path(str(root.joinpath(m.group(2))))


def _extra_keys() -> set[str]:
    """Top-level sections that rule families add to plan files (see thidua.rules)."""
    from thidua.rules import PLAN_SECTIONS

    return set(PLAN_SECTIONS)


def _parse_sections(data: Mapping[str, Any], path: Path) -> dict[str, tuple[Any, ...]]:
    from thidua.rules import PLAN_SECTIONS

    out: dict[str, tuple[Any, ...]] = {}
    for key, parse in PLAN_SECTIONS.items():
        if key in data:
            try:
                out[key] = tuple(parse(data[key]))
            except ThiduaError as exc:
                raise PlanError(f"plan file {path}, section [[{key}]]: {exc}") from exc
            except (TypeError, ValueError, KeyError) as exc:
                raise PlanError(f"plan file {path}, section [[{key}]]: "
                                f"{type(exc).__name__}: {exc}") from exc
    return out


def load_plan(path: Path | str, rules: Mapping[str, Rule], *, source: str = "builtin") -> Plan:
    """Build a :class:`~thidua.plan.Plan` from a plan file and the rule library."""
    p = Path(path)
    data = read_plan_data(p)
    missing = [k for k in ("id", "name_vi", "name_en", "jurisdiction", "document")
               if not data.get(k)]
    if missing:
        raise PlanError(f"plan file {p}: missing {', '.join(missing)}")
    store = ParameterStore()
    for pf in data.get("parameters", []):
        store = store.merged(load_parameter_file(pf, source=source).values())
    rule_ids = data.get("rules", [])
    unknown = [r for r in rule_ids if r not in rules]
    if unknown:
        raise PlanError(f"plan file {p}: unknown rule id(s) {unknown}; the rule library has "
                        + (", ".join(sorted(rules)) or "(nothing)"))
    try:
        levels = [Level(**lv) for lv in data.get("level", [])]
        roles = [Role(**r) for r in data.get("role", [])]
        return Plan(
            id=data["id"], name_vi=data["name_vi"], name_en=data["name_en"],
            jurisdiction=data["jurisdiction"], document=data["document"],
            levels=levels, roles=roles, parameters=store,
            rules=[rules[r] for r in rule_ids], succeeds=data.get("succeeds"),
            source=source, sections=_parse_sections(data, p),
        )
    except ThiduaError:
        raise
    except (TypeError, ValueError) as exc:
        raise PlanError(f"plan file {p}: {exc}") from exc
