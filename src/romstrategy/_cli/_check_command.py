"""`romstrategy check`: validate files against the letter's rules."""

from __future__ import annotations

from collections.abc import Sequence

import click

from romstrategy import reference
from romstrategy._cli._input import (
    INPUT_FORMATS,
    LANG,
    REFERENCE,
    STDIN,
    STDIN_LABEL,
    codes,
    language,
    read,
)
from romstrategy._cli._output import echo, echo_failure, echo_json, fail, paint
from romstrategy._documents._errors import DocumentError
from romstrategy._reports._check_lines import CheckResult, check_data, finding_line, summary_line
from romstrategy.rules import validate

__all__ = ["check"]


def _check_one(
    file: str | None, input_format: str | None, select: list[str] | None, ignore: list[str] | None
) -> CheckResult:
    label = REFERENCE if file is None else STDIN_LABEL if file == STDIN else file
    try:
        strategy = reference.strategy_2024() if file is None else read(file, input_format)
    except (DocumentError, OSError) as failure:
        return label, None, None, failure
    return label, strategy, validate(strategy, select=select, ignore=ignore), None


@click.command()
@click.argument("files", nargs=-1)
@click.option("--select", multiple=True, help="Only these codes or prefixes, e.g. RS1,RS203.")
@click.option("--ignore", multiple=True, help="Not these codes or prefixes, e.g. RS102.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--input-format", type=INPUT_FORMATS, default=None, help="The format of FILE - (stdin)."
)
@click.option("--lang", type=LANG, default="en", help="Language of the messages.")
def check(
    files: tuple[str, ...],
    select: Sequence[str],
    ignore: Sequence[str],
    output: str,
    input_format: str | None,
    lang: str,
) -> None:
    """Validate each FILE against the letter's rules; with no FILE, the reference strategy.

    Prints one line per finding, FILE:PATH: CODE severity message, then a
    summary with the counts per severity and the budget balance per funding
    source. FILE - reads standard input, in the format --input-format names;
    a folder, or a file named datapackage.json, is read as a data package.
    Exits 0 without errors, 1 with errors, 2 on bad input. With --format
    json every outcome, a failure too, is one JSON document.

    \b
    Example:
      romstrategy check plan.toml --ignore RS102 --format json
      cat plan.yaml | romstrategy check - --input-format yaml
    """
    try:
        chosen, skipped = codes(select, "--select"), codes(ignore, "--ignore")
    except ValueError as error:
        if output == "json":
            echo_json({"error": str(error), "exit_code": 2})
            raise SystemExit(2) from None
        fail(str(error))
    results = [_check_one(file, input_format, chosen, skipped) for file in files or (None,)]
    code = (
        2 if any(r[3] for r in results) else 1 if any(r[2] and not r[2].ok for r in results) else 0
    )
    if output == "json":
        echo_json(check_data(results, code))
        raise SystemExit(code)
    words = language(lang)
    for label, strategy, report, failure in results:
        if failure is not None:
            echo_failure(label, failure)
            continue
        assert strategy is not None
        assert report is not None
        for finding in report.findings:
            click.echo(finding_line(label, finding, words, paint))
        echo(summary_line(label, report, strategy, words))
    raise SystemExit(code)
