"""The ``thidua`` command: one parser, subcommands from built-in groups and plugins.

Every command accepts ``--format text|json`` and ``--lang vi|en`` where it prints
results; errors exit non-zero with one clear message and no traceback (``--debug``
shows it).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence

from thidua.cli.base import CliCommand, CommandContext
from thidua.errors import ThiduaError

__all__ = ["COMMAND_GROUPS", "build_parser", "main"]

COMMAND_GROUPS: tuple[str, ...] = (
    "thidua.cli.dossier",
    "thidua.cli.plan_rules",
    "thidua.cli.ladder",
    "thidua.cli.plugins",
    "thidua.cli.export",
    "thidua.cli.testing",
)
"""Modules whose ``COMMANDS`` list holds the built-in subcommands, in help order."""


def _builtin_commands() -> list[CliCommand]:
    cmds: list[CliCommand] = []
    for mod in COMMAND_GROUPS:
        cmds.extend(importlib.import_module(mod).COMMANDS)
    return cmds


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Add the ``--format`` and ``--lang`` conventions to a subcommand."""
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="language of text output (default: vi)")


def build_parser(commands: Sequence[CliCommand]) -> argparse.ArgumentParser:
    """The argument parser for ``commands``."""
    parser = argparse.ArgumentParser(
        prog="thidua",
        description="Emulation-and-commendation regulation as code (thi đua, khen thưởng).",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--strict-plugins", action="store_true",
                        help="treat plugin problems as errors (THIDUA_STRICT_PLUGINS=1)")
    parser.add_argument("--no-plugins", action="store_true",
                        help="do not autoload installed plugins "
                             "(THIDUA_DISABLE_PLUGIN_AUTOLOAD=1)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    seen: set[str] = set()
    for cmd in commands:
        if cmd.name in seen:
            raise ThiduaError(f"two subcommands are named {cmd.name!r}; a plugin must "
                              f"choose another name")
        seen.add(cmd.name)
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        cmd.configure(p)
        p.set_defaults(_command=cmd)
    return parser


def _host_options(argv: Sequence[str]) -> tuple[bool, bool | None]:
    strict = "--strict-plugins" in argv
    autoload = False if "--no-plugins" in argv else None
    return strict, autoload


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``thidua`` command; returns the exit code."""
    from thidua.plugins.host import Host, PluginWarning

    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    strict, autoload = _host_options(args_list)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PluginWarning)
            host = Host(strict=strict or None, autoload=autoload)
            commands = _builtin_commands() + [c for _, c in host.cli_commands()]
        for w in caught:
            print(f"thidua: warning: {w.message}", file=sys.stderr)
        parser = build_parser(commands)
        args = parser.parse_args(args_list)
        cmd: CliCommand = args._command
        return cmd.run(CommandContext(args=args, host=host))
    except ThiduaError as exc:
        if debug:
            raise
        print(f"thidua: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("thidua: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
