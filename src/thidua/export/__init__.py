"""Exporters: one module per format behind one interface."""
