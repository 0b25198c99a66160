"""Tools for testing regulation logic: Hypothesis strategies, scenario files, a pytest
plugin and fixtures for plugin authors."""
