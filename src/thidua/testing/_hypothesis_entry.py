"""Hypothesis entry point: registers thidua's strategies for its public types.

Hypothesis calls :func:`_register` while it is being imported (the ``hypothesis``
entry-point group declared in ``pyproject.toml``). Registration is by *function*, so
nothing is built, and :mod:`thidua.testing.strategies` is not even imported, until a
test asks Hypothesis for one of these types (``st.from_type(Unit)``, ``st.builds``,
``@given`` with annotations). Set ``HYPOTHESIS_NO_PLUGINS=1`` to skip it.
"""

from __future__ import annotations

from typing import Any


def registered_types() -> tuple[type, ...]:
    """The public types that get a registered strategy (one per model type)."""
    from thidua.calendar import CalendarDay
    from thidua.model import (
        AwardGrant,
        Citation,
        Dossier,
        Event,
        Exemplar,
        Finding,
        Honour,
        Level,
        MemberStats,
        Movement,
        Submission,
        Unit,
        YearRecord,
    )
    from thidua.parameters import MonthDay, Parameter, ParameterStore, Range

    return (Level, Unit, Movement, Honour, Exemplar, Submission, Event, MemberStats,
            YearRecord, AwardGrant, Citation, Finding, Dossier, Range, MonthDay, Parameter,
            ParameterStore, CalendarDay)


def _for(cls: type) -> Any:
    def strategy(_: type) -> Any:
        from thidua.testing.strategies import _type_strategies

        return _type_strategies()[cls]()

    strategy.__name__ = f"thidua_strategy_for_{cls.__name__}"
    return strategy


def _register() -> None:
    """Called by Hypothesis at start-up; registers strategies with ``st.register_type_strategy``."""
    from hypothesis import strategies as st

    for cls in registered_types():
        st.register_type_strategy(cls, _for(cls))
