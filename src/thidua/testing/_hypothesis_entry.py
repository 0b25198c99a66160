"""Hypothesis entry point: registers thidua's strategies for its public types."""


def _register() -> None:
    """Called by Hypothesis at start-up; registers strategies with ``st.register_type_strategy``."""
