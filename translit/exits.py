"""Exit codes and the one-line error every command ends with on failure."""

from __future__ import annotations

from typing import NoReturn

import typer

EXIT_FINDINGS = 1  # translit check: findings at or above --fail-on
EXIT_INPUT = 2  # bad input: a file, path, option, config or glossary is unusable
EXIT_MODEL = 3  # no usable model
EXIT_INTERRUPTED = 130  # stopped by Ctrl-C (128 + SIGINT), as shells report it


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    """Print `error: message` on stderr and exit with `code`."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)
