"""Na Rì district (Bắc Kạn), Kế hoạch 37/KH-UBND of 15/4/2014, as a thidua plugin.

A plan with the reference plan's structure (levels, roles, routes, rules) and its own
parameters: each commune or township registers 05 models, each district agency, sector
or enterprise 01; the plan runs from 15/4/2014 to the end of 2015. All of it is data in
``na_ri.toml`` (an override file with the plan's identity); this module only builds the
plan through thidua's public API:

1. load the reference plan's data (:data:`thidua.plugins.builtin.seed.PLAN_FILE`) with
   the rule library the host passes in;
2. apply the overrides of ``na_ri.toml`` (each cites KH 37/KH-UBND), then carry every
   value the plan does not set back to its first day, marked unconfirmed;
3. give the result Na Rì's id, names and jurisdiction.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from thidua import (
    DatedValue,
    ParameterError,
    ParameterOverride,
    ParameterStatus,
    ParameterStore,
    Plan,
    PlanError,
    Rule,
    hookimpl,
    load_plan,
)
from thidua.parameters import parse_overrides
from thidua.plugins.builtin.seed import PLAN_FILE as REFERENCE_PLAN_FILE

__all__ = ["DATA_FILE", "EXAMPLE_DOSSIER", "NAME", "PLAN_ID", "build_plan", "thidua_plans"]
__version__ = "0.1.0"

NAME = __name__
"""The plugin's name (its module, and its entry point's name)."""
DATA_FILE = Path(__file__).with_name("na_ri.toml")
"""The plan's identity and overrides, each citing KH 37/KH-UBND."""
EXAMPLE_DOSSIER = Path(__file__).parent / "data" / "na-ri-2014.json"
"""A small 2014 dossier of Na Rì (one commune registers six models: one too many)."""
PLAN_ID = "vn-bk-na-ri-exemplars-2014"
"""The id of the plan (the same as in ``na_ri.toml``; a test checks they agree)."""
REFERENCE_SOURCE = "thidua.seed"
"""The built-in plugin whose plan this one extends (its values keep that provenance)."""


def _assumed(store: ParameterStore, start: dt.date, note: str) -> ParameterStore:
    """Every parameter without a value on ``start`` gets its first value from ``start``,
    marked unconfirmed and citing where the value comes from."""
    for pid in sorted(store):
        param = store[pid]
        try:
            param.value_at(start)
            continue
        except ParameterError:  # no value yet on that day: assume the first one
            pass
        first = param.timeline[0]
        store = store.with_override(ParameterOverride(
            parameter=pid, source=NAME, status=ParameterStatus.UNCONFIRMED,
            citation=first.citation or param.citation,
            values=(DatedValue(value=first.value, effective_from=start, note=note),),
        ))
    return store


def build_plan(rules: Mapping[str, Rule], data: Mapping[str, Any] | None = None) -> Plan:
    """Na Rì's plan from ``data`` (default: ``na_ri.toml``) and the rule library."""
    raw = dict(data if data is not None
               else tomllib.loads(DATA_FILE.read_text(encoding="utf-8")))
    ident = dict(raw.pop("plan"))
    base = load_plan(REFERENCE_PLAN_FILE, rules, source=REFERENCE_SOURCE)
    if base.id != ident["extends"]:
        raise PlanError(f"{DATA_FILE}: extends {ident['extends']!r}, but the reference "
                        f"plan is now {base.id!r}; update the data file")
    store = base.parameters
    for ov in parse_overrides(raw, store, origin=str(DATA_FILE), source=NAME):
        store = store.with_override(ov)
    store = _assumed(store, ident["assume_from"], ident["assume_note"])
    return attrs.evolve(
        base.with_parameters(store), id=ident["id"], name_vi=ident["name_vi"],
        name_en=ident["name_en"], jurisdiction=ident["jurisdiction"],
        document=raw["document"], succeeds=None, source=NAME,
    )


@hookimpl
def thidua_plans(rules: Mapping[str, Rule]) -> list[Plan]:
    """Na Rì's plan."""
    return [build_plan(rules)]
