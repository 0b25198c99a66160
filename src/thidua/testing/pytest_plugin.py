"""pytest plugin of thidua (registered through the ``pytest11`` entry point)."""

# -- plugin-author fixtures (thidua.testing.fixtures) -----------------------------------
# Imports of thidua stay inside the fixtures: this module is loaded by every pytest run.
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from thidua.plugins.host import Host
    from thidua.testing.fixtures import HookRecorder


@pytest.fixture
def thidua_hook_recorder() -> "HookRecorder":
    """A fresh :class:`~thidua.testing.fixtures.HookRecorder` for this test."""
    from thidua.testing.fixtures import HookRecorder

    return HookRecorder()


@pytest.fixture
def thidua_make_host(thidua_hook_recorder: "HookRecorder") -> Callable[..., "Host"]:
    """A factory of isolated hosts (see :func:`thidua.testing.fixtures.make_host`) whose
    hook calls go to the ``thidua_hook_recorder`` fixture."""
    from thidua.testing.fixtures import make_host

    def factory(*plugins: object, builtins: bool = True, strict: bool = True) -> "Host":
        return make_host(*plugins, builtins=builtins, strict=strict,
                         recorder=thidua_hook_recorder)

    return factory


# -- scenario files (thidua.testing.scenarios) ------------------------------------------
# pytest collects ``scenario_*.toml`` and ``*.scenario.toml`` files: each scenario of a
# file is one test item, run on an isolated host; a failure shows the readable diff of
# ScenarioResult.report (Vietnamese, or English with ``--thidua-lang en``).
if TYPE_CHECKING:
    from pathlib import Path

    from thidua.testing.scenarios import Scenario, ScenarioResult, ScenarioRunner

_RUNNER = pytest.StashKey["ScenarioRunner"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--thidua-lang vi|en``: the language of scenario failure reports."""
    group = parser.getgroup("thidua")
    group.addoption("--thidua-lang", choices=("vi", "en"), default="vi",
                    help="language of thidua scenario failure reports (default: vi)")


def pytest_collect_file(file_path: "Path", parent: pytest.Collector) -> pytest.Collector | None:
    """A :class:`ScenarioFile` for each scenario file pytest visits."""
    if file_path.suffix != ".toml":
        return None
    from thidua.testing.scenarios import is_scenario_file

    if not is_scenario_file(file_path):
        return None
    collector: pytest.Collector = ScenarioFile.from_parent(parent, path=file_path)
    return collector


class ScenarioFailedError(AssertionError):
    """A scenario whose rules concluded something other than expected."""

    def __init__(self, result: "ScenarioResult") -> None:
        super().__init__(result.report("en"))
        self.result = result


class ScenarioFile(pytest.File):
    """A scenario file: one test item per scenario."""

    def collect(self) -> "list[ScenarioItem]":
        from thidua.testing.scenarios import load_scenario_file

        return [ScenarioItem.from_parent(self, name=s.name, scenario=s)
                for s in load_scenario_file(self.path)]

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: "str | None" = None) -> str:
        """A scenario file that does not load: its problems, without a traceback."""
        from thidua.errors import ThiduaError

        if isinstance(excinfo.value, ThiduaError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))


class ScenarioItem(pytest.Item):
    """One scenario of a scenario file, run as a test."""

    def __init__(self, *, scenario: "Scenario", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario

    def _runner(self) -> "ScenarioRunner":
        from thidua.testing.scenarios import ScenarioRunner

        stash = self.config.stash
        if _RUNNER not in stash:
            stash[_RUNNER] = ScenarioRunner()
        return stash[_RUNNER]

    def runtest(self) -> None:
        result = self._runner().run(self.scenario)
        if not result.passed:
            raise ScenarioFailedError(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: "str | None" = None) -> str:
        """The scenario's readable diff instead of a traceback."""
        if isinstance(excinfo.value, ScenarioFailedError):
            return excinfo.value.result.report(str(self.config.getoption("thidua_lang")))
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> "tuple[Path, int | None, str]":
        return self.path, None, f"scenario: {self.name}"
# -- end of scenario files ----------------------------------------------------------------
