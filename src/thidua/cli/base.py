"""What a CLI subcommand is, for built-in command groups and plugins alike."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import attrs

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier
    from thidua.plugins.host import Host

__all__ = ["CliCommand", "CommandContext", "add_dossier_argument", "dossier_from_args",
           "read_dossier"]


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
    the exit code (0 ok, 1 a gate the user asked for failed — e.g. ``check --fail-on`` —,
    2 usage or input error). Raise a
    :class:`~thidua.errors.ThiduaError` for bad input: the CLI prints its message
    without a traceback.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None] = attrs.field(eq=False)
    run: Callable[[CommandContext], int] = attrs.field(eq=False)


# -- the DOSSIER argument, shared by every command that reads a dossier -------------------

def add_dossier_argument(p: argparse.ArgumentParser, *, example: bool = True) -> None:
    """Add ``DOSSIER`` (a JSON file, ``-`` for standard input) and, with ``example``, the
    ``--example`` switch that uses the bundled example dossier instead."""
    p.add_argument("dossier", metavar="DOSSIER", nargs="?" if example else None,
                   help="the dossier (JSON file); '-' reads standard input")
    if example:
        p.add_argument("--example", action="store_true",
                       help="use the bundled example dossier instead of DOSSIER")


def read_dossier(name: str) -> Dossier:
    """Load the dossier named on the command line: a JSON file, or ``-`` for standard
    input (read within :data:`thidua.limits.MAX_DOSSIER_BYTES`)."""
    from pathlib import Path

    from thidua import limits
    from thidua.errors import DossierError
    from thidua.serialization import load_dossier, loads_dossier

    if name == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        # bounded: one byte more than the limit is enough to refuse an endless stream
        raw = (stdin.read(limits.MAX_DOSSIER_BYTES + 1) if stdin is not None
               else sys.stdin.read(limits.MAX_DOSSIER_BYTES + 1).encode("utf-8"))
        limits.check_size(len(raw), limits.MAX_DOSSIER_BYTES, origin="standard input")
        return loads_dossier(raw, origin="standard input")
    path = Path(name)
    if path.is_dir():
        raise DossierError(f"{path} is a directory; give the dossier's JSON file")
    return load_dossier(path)


def dossier_from_args(args: argparse.Namespace) -> tuple[Dossier, str]:
    """The dossier that :func:`add_dossier_argument`'s arguments name, and a name to show
    for it (the file name, or the bundled example's)."""
    from thidua.errors import ThiduaError

    if args.example and args.dossier:
        raise ThiduaError("give either DOSSIER or --example, not both")
    if args.example:
        from thidua.data import example_dossier_path
        from thidua.serialization import load_dossier

        path = example_dossier_path()
        return load_dossier(path), path.name
    if not args.dossier:
        raise ThiduaError("give a DOSSIER (a JSON file, or '-' for standard input), or "
                          "--example for the bundled example")
    return read_dossier(args.dossier), args.dossier

