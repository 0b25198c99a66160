"""What a CLI subcommand is, for built-in command groups and plugins alike."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import attrs

if TYPE_CHECKING:
    from thidua.plugins.host import Host

__all__ = ["CliCommand", "CommandContext"]


@attrs.frozen(kw_only=True)
class CommandContext:
    """What a running subcommand gets: parsed arguments, the plugin host and streams.

    Conventions every command follows: ``args.format`` is ``text`` or ``json``;
    ``args.lang`` is ``vi`` (default) or ``en`` for text output.
    """

    args: argparse.Namespace
    host: Host
    out: TextIO = attrs.field(factory=lambda: sys.stdout)
    err: TextIO = attrs.field(factory=lambda: sys.stderr)


@attrs.frozen(kw_only=True)
class CliCommand:
    """A ``thidua`` subcommand: its name, one-line help, arguments and action.

    ``configure`` adds arguments to the subparser; ``run`` does the work and returns
    the exit code (0 ok, 1 findings of severity error, 2 usage or input error). Raise a
    :class:`~thidua.errors.ThiduaError` for bad input: the CLI prints its message
    without a traceback.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None] = attrs.field(eq=False)
    run: Callable[[CommandContext], int] = attrs.field(eq=False)
