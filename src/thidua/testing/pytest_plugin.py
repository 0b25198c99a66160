"""pytest plugin of thidua (registered through the ``pytest11`` entry point)."""
