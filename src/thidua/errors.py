"""The one exception hierarchy of thidua, rooted at :class:`ThiduaError`.

Every error a user can meet says *what* was wrong, *where* (a JSON path, a file and
parameter, a plugin name) and, where we can tell, *how to fix it*. Callers catch
``ThiduaError`` to handle all of them; the CLI turns them into one line and a non-zero
exit code.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "CalendarError",
    "DossierError",
    "ExportError",
    "LimitError",
    "ParameterError",
    "PlanError",
    "PluginError",
    "Problem",
    "RuleError",
    "ScenarioError",
    "ThiduaError",
]


class ThiduaError(Exception):
    """Base of every error raised by thidua on purpose."""


@attrs.frozen
class Problem:
    """One problem found in an input: where it is and what is wrong with it."""

    path: str
    """Where: a JSON path such as ``$.submissions[3].submitted_on``, or ``file:parameter``."""
    message: str
    """What is wrong, and how to fix it when that is not obvious."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class _ProblemsError(ThiduaError):
    """An error that carries every problem found, not just the first."""

    def __init__(self, summary: str, problems: Sequence[Problem] = ()) -> None:
        self.summary = summary
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = [summary, *(f"  {p}" for p in self.problems)]
        super().__init__("\n".join(lines))


class DossierError(_ProblemsError):
    """A dossier (JSON interchange document) is malformed or inconsistent."""


class ParameterError(_ProblemsError):
    """A parameter file or override is invalid, or a parameter cannot be resolved."""


class PlanError(ThiduaError):
    """A plan is missing, ill-formed, or not in force for the year asked."""


class RuleError(ThiduaError):
    """A rule is ill-defined (unknown id, bad clause) or failed while running."""


class PluginError(ThiduaError):
    """A plugin failed to load, returned malformed data, or conflicts with another."""


class CalendarError(ThiduaError):
    """A calendar or deadline definition is invalid."""


class ExportError(ThiduaError):
    """An exporter is unknown, lacks its optional dependency, or failed to write."""


class ScenarioError(_ProblemsError):
    """A scenario file (a regulation case written as data) is invalid."""


class LimitError(ThiduaError):
    """An input exceeds a documented size limit."""
