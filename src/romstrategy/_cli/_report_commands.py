"""`romstrategy report`, `progress` and `diff`: what a strategy holds, has spent, and changed."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from romstrategy._cli._input import (
    AS_OF,
    LANG,
    STDIN,
    language,
    load_for,
    load_strategy,
    read,
    refuse_overwriting,
)
from romstrategy._cli._output import echo, echo_failure, echo_json, echo_lines, fail, write_or_fail
from romstrategy._documents._errors import DocumentError
from romstrategy._model._display import shown
from romstrategy._model._strategy import Strategy
from romstrategy._reports._check_lines import Failure, problem_records
from romstrategy._reports._diff import diff_text
from romstrategy._reports._progress import BY
from romstrategy._reports._progress_rows import progress_csv, progress_data, progress_lines
from romstrategy.rules import validate

__all__ = ["diff_command", "progress_command", "report_command"]

_REPORT_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_REPORT_SUFFIXES[".json"] = "json"


def _report_format(out: str | None, fmt: str | None) -> str:
    """The report's format, from `--format` and the suffix of `-o`; they must agree."""
    if out is None or out == STDIN:
        return fmt or "md"
    suffix = Path(out).suffix
    by_suffix = _REPORT_SUFFIXES.get(suffix.lower())
    if by_suffix is None:
        fail(
            f"{out}: a report is written as .md, .html or .json, not "
            f"{shown(suffix or 'no suffix')}; use -o - for standard output"
        )
    if fmt is not None and fmt != by_suffix:
        fail(f"{out}: the suffix {suffix} says {by_suffix}, but --format says {fmt}")
    return by_suffix


@click.command("report")
@click.argument("file", required=False)
@click.option("-o", "--output", "out", help="Write here (- is standard output).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default=None)
@click.option("--lang", type=LANG, default="en")
@AS_OF
def report_command(
    file: str | None, out: str | None, fmt: str | None, lang: str, as_of: datetime.date | None
) -> None:
    """Write the overview report of FILE, or of the reference strategy.

    The format is md (default), html (one page with charts, no network) or
    json; with -o it follows the suffix (.md, .html or .json), and --format
    must agree with it. -o - writes to standard output. A strategy with
    transactions gets a realisation section; --as-of counts in it only the
    transactions dated on or before that day.

    \b
    Example:
      romstrategy report plan.toml -o plan.html --lang nl
      romstrategy report plan.toml --as-of 2025-06-30
    """
    from romstrategy import reports

    refuse_overwriting(file, out)
    chosen = _report_format(out, fmt)
    _, strategy = load_strategy(file)
    found = validate(strategy)
    text = reports.render(strategy, chosen, lang, report=found, as_of=as_of)  # type: ignore[arg-type]
    if out is None or out == STDIN:
        click.echo(text, nl=False)  # every format escapes control characters itself
    else:
        write_or_fail(out, text)
        echo(f"wrote {out}", err=True)
    raise SystemExit(0 if found.ok else 1)


@click.command("progress")
@click.argument("file", required=False)
@click.option(
    "--by",
    type=click.Choice(BY),
    default="pillar",
    show_default=True,
    help="Group by pillar, funding source, allocation, calendar year or ROM.",
)
@AS_OF
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    help="A table for people, one JSON document, or CSV.",
)
@click.option("--lang", type=LANG, default="en", help="Language of the text table.")
def progress_command(
    file: str | None, by: str, as_of: datetime.date | None, output: str, lang: str
) -> None:
    """Show money allocated, committed and spent for FILE, or the reference strategy.

    One row per pillar (or funding source, allocation, year or ROM) and a
    last row, total: allocated, committed, spent, open commitments
    (committed minus spent), uncommitted (allocated minus committed), and
    the committed and spent shares of what is allocated. The text table
    writes a share as a percentage rounded half to even to a tenth (83.3%);
    JSON and CSV write it as a number, a fraction of one rounded half to
    even to four decimals (0.8333). With nothing allocated there is no
    share (- in text, null in JSON, blank in CSV). By year, what is
    allocated comes from the allocations' schedules only, and a transaction
    counts in the year of its date; an allocation without a schedule is one
    row, not scheduled. By ROM, supra-regional money is under joint and
    money of no known activity under unassigned. --as-of counts only
    the transactions dated on or before that day; what is allocated does
    not change.

    The text table follows --lang. --format json prints one document:
    by, as_of, rows and total, each row with the columns of the CSV.
    --format csv prints UTF-8 CSV: a header, then key, allocated,
    committed, spent, open, uncommitted, committed_share and spent_share,
    one line per key and a last line total. Both write money as -1234.56
    and a share as 0.8333, ignore --lang, and show control characters in
    keys as escapes. Exits 0 (rule findings do not count;
    see check), or 2 when FILE cannot be read or an option is wrong; with
    --format json, a FILE that cannot be read is one JSON document too.

    \b
    Example:
      romstrategy progress plan.toml --by year --as-of 2025-06-30
      romstrategy progress plan.toml --format csv > progress.csv
    """
    from romstrategy import progress

    strategy = load_for(file, output)
    result = progress(strategy, by=by, as_of=as_of)  # type: ignore[arg-type]
    if output == "json":
        echo_json(progress_data(result))
    elif output == "csv":
        click.echo(progress_csv(result).encode("utf-8"), nl=False)
    else:
        for line in progress_lines(result, language(lang)):
            echo(line)


def _both(old: str, new: str, output: str) -> tuple[Strategy, Strategy]:
    """Both versions; when either cannot be read, every failure is printed and it exits 2."""
    loaded: list[Strategy] = []
    failed: list[tuple[str, Failure]] = []
    for file in (old, new):
        try:
            loaded.append(read(file, None))
        except (DocumentError, OSError) as failure:
            failed.append((file, failure))
    if not failed:
        return loaded[0], loaded[1]
    if output == "json":
        echo_json({
            "old": old,
            "new": new,
            "errors": [{"file": f, "problems": problem_records(e)} for f, e in failed],
            "exit_code": 2,
        })  # fmt: skip
    else:
        for file, why in failed:
            echo_failure(file, why)
    raise SystemExit(2)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=LANG, default="en")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are differences.")
def diff_command(old: str, new: str, output: str, lang: str, exit_code: bool) -> None:
    """Show what moved between two versions of a strategy.

    Money per pillar, ROM and year; activities, allocations and motions
    added, removed or changed; findings that appeared or disappeared. With
    --format json every outcome, a failure too, is one JSON document.

    \b
    Example:
      romstrategy diff plan-v1.toml plan-v2.toml --exit-code
    """
    from romstrategy.reports import diff

    changes = diff(*_both(old, new, output))
    if output == "json":
        echo_json({"old": old, "new": new, **changes.to_dict()})
    else:
        echo_lines(diff_text(changes, old, new, language(lang)))
    raise SystemExit(1 if exit_code and changes.changed else 0)
