"""The CLI's subcommands, one module each; each exposes ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from journeybook.cli.commands import build, check, diff, init, new, schema

COMMANDS: tuple[ModuleType, ...] = (init, check, build, schema, new, diff)
