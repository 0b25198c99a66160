"""CLI command group: dossier (filled in by its issue)."""

from __future__ import annotations

from thidua.cli.base import CliCommand

COMMANDS: list[CliCommand] = []
"""The subcommands of this group."""
