r"""What the command prints and how it stops: escaped lines, JSON, `Error: ...` and exit 2.

Everything printed for people shows the unsafe characters of documents and
arguments (controls, zero-width and bidirectional characters, separators: see
`romstrategy._model._display`) as escapes such as `\x1b` or `\u202e`, and
JSON output writes them as `\u001b`, so that no input can move the cursor,
change the terminal or reorder what it shows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from romstrategy._documents._reading import dump
from romstrategy._model._display import json_text, visible
from romstrategy._model._strategy import Strategy
from romstrategy._reports._check_lines import Failure, problem_records
from romstrategy._writing import write_atomically
from romstrategy.rules import Severity

__all__ = [
    "dump_or_fail",
    "echo",
    "echo_failure",
    "echo_json",
    "echo_lines",
    "fail",
    "paint",
    "reason",
    "write_or_fail",
]


def _colour() -> bool:
    output = sys.stdout
    return output is not None and output.isatty() and not os.environ.get("NO_COLOR")


def paint(text: str, severity: Severity) -> str:
    """`text` in the colour of `severity` on a terminal that takes colour; else as it is."""
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    return click.style(text, fg=colours[severity], bold=True) if _colour() else text


def echo(line: str, *, err: bool = False) -> None:
    """Print one line, every unsafe character in it (a line break too) as an escape."""
    click.echo(visible(line), err=err)


def echo_lines(text: str) -> None:
    """Print text whose line breaks are the command's own, each line as `echo` does."""
    for line in text.split("\n"):
        echo(line)


def echo_json(data: object) -> None:
    """Print `data` as indented JSON, unsafe characters written as `\\uXXXX` escapes."""
    click.echo(json_text(data))


def fail(message: str) -> NoReturn:
    """Print one line, `Error: ...`, and exit 2."""
    echo(f"Error: {message}", err=True)
    raise SystemExit(2)


def reason(error: OSError) -> str:
    """Why the file system refused: its message, such as `Permission denied`."""
    return error.strerror or str(error)


def echo_failure(label: str, failure: Failure) -> None:
    """Print each problem of a file that could not be read, `LABEL:PATH: message`."""
    for problem in problem_records(failure):
        echo(f"{label}:{problem['path']}: {problem['message']}", err=True)


def write_or_fail(path: str, text: str) -> None:
    """Write `text` to `path` atomically; when it cannot be written, say why and exit 2."""
    try:
        write_atomically(Path(path), text.encode("utf-8"))
    except OSError as error:
        fail(f"{path}: cannot be written: {reason(error)}")


def dump_or_fail(strategy: Strategy, target: str) -> None:
    """Write `strategy` to `target` by its suffix, atomically; a failure is said, exit 2."""
    try:
        dump(strategy, target)
    except (ValueError, ImportError) as error:
        fail(f"{target}: {error}")
    except OSError as error:
        fail(f"{target}: cannot be written: {reason(error)}")
