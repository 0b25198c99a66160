"""The ``thidua`` command line."""
