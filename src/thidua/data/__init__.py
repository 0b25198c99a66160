"""Data shipped with thidua: the bundled example dossier.

The example is one district of the reference plan (UBND huyện Văn Lâm, Hưng Yên) with
ten communes and townships, district offices leading five movements, 86 exemplars and
the registration lists of 2023 and 2024, with a few problems planted on purpose (see
``docs/example-data.md``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier

__all__ = ["EXAMPLE_DOSSIER", "example_dossier_path", "example_dossier_text", "load_example"]

EXAMPLE_DOSSIER = "example-dossier.json"
"""File name of the bundled example dossier inside this package."""


def example_dossier_path() -> Path:
    """The path of the bundled example dossier (a real file in an installed package)."""
    return Path(str(resources.files(__name__).joinpath(EXAMPLE_DOSSIER)))


def example_dossier_text() -> str:
    """The bundled example dossier as JSON text."""
    return resources.files(__name__).joinpath(EXAMPLE_DOSSIER).read_text(encoding="utf-8")


def load_example() -> Dossier:
    """The bundled example dossier, loaded and validated."""
    from thidua.serialization import loads_dossier

    return loads_dossier(example_dossier_text(), origin=f"the bundled {EXAMPLE_DOSSIER}")
