"""The national award catalogue (Luật Thi đua, khen thưởng 2022 and its decrees) as a
built-in plugin.

Its data lives beside this module: ``catalogue.toml`` (titles and forms, authorities,
criteria by legal regime) and ``parameters.toml`` (bonus coefficients, the base salary,
the rounding rule and the ladder's conventions, each dated, cited and marked verified or
unconfirmed). A third-party plugin adds award types (a ministry's own certificate, say)
through the same hook, or replaces one by declaring ``replaces = true``.
"""

from __future__ import annotations

import functools
from pathlib import Path

from thidua.parameters import load_parameter_file
from thidua.plugins.hookspecs import hookimpl
from thidua.rules.ladder.catalogue import AwardType, load_award_types

__all__ = ["CATALOGUE_FILE", "PARAMETERS_FILE", "thidua_award_types"]

SOURCE = "thidua.awards"
"""The plugin's name (provenance of its award types and parameter values)."""
CATALOGUE_FILE = Path(__file__).with_name("catalogue.toml")
"""The award types and their criteria."""
PARAMETERS_FILE = Path(__file__).with_name("parameters.toml")
"""The dated parameters the award types name."""


@functools.cache
def _award_types() -> tuple[AwardType, ...]:
    params = load_parameter_file(PARAMETERS_FILE, source=SOURCE)
    return load_award_types(CATALOGUE_FILE, parameters=params, source=SOURCE)


@hookimpl
def thidua_award_types() -> list[AwardType]:
    """The national catalogue, built from its data files (read once)."""
    return list(_award_types())
