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
