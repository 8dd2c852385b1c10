"""What the command reads: strategy files, standard input, rule codes, days and languages."""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from romstrategy import reference
from romstrategy._cli._output import echo_failure, echo_json, fail
from romstrategy._documents._errors import DocumentError, Problem
from romstrategy._documents._formats import MAX_BYTES, parse_value
from romstrategy._documents._reading import load, loads
from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._strategy import Strategy
from romstrategy._model._vocabulary import Lang
from romstrategy._reports._check_lines import problem_records
from romstrategy.rules import RULES

__all__ = [
    "AS_OF",
    "DATAPACKAGE",
    "INPUT_FORMATS",
    "LANG",
    "REFERENCE",
    "STDIN",
    "STDIN_LABEL",
    "codes",
    "language",
    "load_for",
    "load_strategy",
    "read",
    "read_stdin_json",
    "refuse_overwriting",
    "same_file",
]

REFERENCE = "<reference>"
STDIN = "-"
"""The FILE that means standard input, or, for `report -o`, standard output."""
STDIN_LABEL = "<stdin>"
DATAPACKAGE = "datapackage.json"
"""A FILE with this name, or a folder, is read as a Frictionless data package."""

LANG = click.Choice(["en", "nl"])
INPUT_FORMATS = click.Choice(["json", "toml", "yaml", "yml"])

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime.date | None:
    """A day written YYYY-MM-DD in ASCII digits, such as 2024-12-31, that is a real date.

    Raises:
        click.BadParameter: for anything else; click names the option and exits 2.
    """
    if value is None:
        return None
    if not _ISO_DAY.fullmatch(value):
        raise click.BadParameter(
            f"{shown(value)} is not a date written YYYY-MM-DD, e.g. 2024-12-31"
        )
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{shown(value)} is not a real date: {error}") from None


AS_OF = click.option(
    "--as-of",
    "as_of",
    default=None,
    callback=_day,
    metavar="YYYY-MM-DD",
    help="Count only transactions dated on or before this day (default: all).",
)


def language(lang: str) -> Lang:
    """The language that `--lang` chose."""
    return "nl" if lang == "nl" else "en"


def read(file: str, input_format: str | None) -> Strategy:
    """The strategy in `file`, or on standard input for `-`.

    Raises:
        DocumentError: for a bad document, labelled with the file.
        OSError: when the file cannot be read.
    """
    if file != STDIN:
        path = Path(file)
        if path.is_dir() or path.name == DATAPACKAGE:
            from romstrategy.tables import read_datapackage  # not loaded for other documents

            return read_datapackage(path)
        try:
            return load(path)
        except ImportError as error:  # a workbook, without openpyxl
            raise DocumentError([Problem("$", str(error))], source=file) from None
    if input_format is None:
        raise _stdin_problem(
            "standard input (-) is read by `romstrategy check -` with --input-format json, "
            "toml or yaml"
        )
    if sys.stdin is None:
        raise _stdin_problem("standard input is closed")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        return loads(data, input_format)
    except DocumentError as error:
        raise DocumentError(error.problems, source=STDIN_LABEL) from None


def read_stdin_json() -> object:
    """The JSON on standard input, parsed as strictly as a document.

    Raises:
        DocumentError: for bad JSON, or a closed standard input.
    """
    if sys.stdin is None:
        raise _stdin_problem("standard input is closed")
    try:
        return parse_value(sys.stdin.buffer.read(MAX_BYTES + 1), "json")
    except DocumentError as error:
        raise DocumentError(error.problems, source=STDIN_LABEL) from None


def _stdin_problem(message: str) -> DocumentError:
    return DocumentError([Problem("$", message)], source=STDIN_LABEL)


def load_strategy(file: str | None) -> tuple[str, Strategy]:
    """The strategy in `file`, or the reference one; a failure is printed and exits 2."""
    if file is None:
        return REFERENCE, reference.strategy_2024()
    try:
        return file, read(file, None)
    except (DocumentError, OSError) as failure:
        echo_failure(file, failure)
        raise SystemExit(2) from None


def load_for(file: str | None, output: str) -> Strategy:
    """`load_strategy`, but with `--format json` a failure is one JSON document, as in `check`."""
    if output != "json" or file is None:
        return load_strategy(file)[1]
    try:
        return read(file, None)
    except (DocumentError, OSError) as failure:
        echo_json({"file": file, "problems": problem_records(failure), "exit_code": 2})
        raise SystemExit(2) from None


def codes(values: Sequence[str], option: str) -> list[str] | None:
    """Rule codes or prefixes from `--select` or `--ignore`, in any case.

    Raises:
        ValueError: for one that matches no rule.
    """
    found = [code.strip().upper() for value in values for code in value.split(",")]
    found = [code for code in found if code]
    if values and not found:
        raise ArgumentError(f"{option}: no rule code given; name one such as RS203 or RS2")
    for code in found:
        if not any(known.startswith(code) for known in RULES):
            raise ArgumentError(
                f"{option}: {shown(code)} matches no rule; known codes: {', '.join(RULES)}"
            )
    return found or None


def refuse_overwriting(source: str | None, out: str | None) -> None:
    """Stop with exit 2 when `out` is the input `source` itself, by any path or link to it."""
    if source not in (None, STDIN) and out not in (None, STDIN) and same_file(source, out):
        fail(f"{out} is the input {source} itself; writing it would destroy it; choose another -o")


def same_file(source: str, target: str) -> bool:
    """Whether `target` is the file `source` itself; `False` when it does not exist yet."""
    try:
        return os.path.samefile(source, target)
    except OSError:  # the target does not exist yet
        return False
