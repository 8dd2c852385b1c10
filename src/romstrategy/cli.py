"""The `romstrategy` command (*opdrachtregel*).

Exit codes follow linters: 0 when no errors were found, 1 when the strategy
has errors, 2 for bad input or usage, with every problem printed and never
a traceback. `diff` exits 0 when it ran, or with `--exit-code` 1 when there
are differences.

Everything printed for people shows control characters from documents and
arguments as escapes such as `\\x1b`, and JSON output writes them as
`\\u001b`, so that no input can move the cursor or change the terminal.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import os
import re
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from romstrategy import reference
from romstrategy._documents._errors import DocumentError, Problem
from romstrategy._documents._files import write_atomically
from romstrategy._documents._formats import MAX_BYTES, format_of, parse_value
from romstrategy._documents._reading import dump, dumps, dumps_motions, load, loads
from romstrategy._documents._schema import json_schema
from romstrategy._documents._starter import STARTER_TOML
from romstrategy._model._display import json_text, shown, visible
from romstrategy._model._error import ArgumentError
from romstrategy._model._money import Money
from romstrategy._model._motion import Motion
from romstrategy._model._strategy import Strategy
from romstrategy._model._summary import budget_balance
from romstrategy._model._vocabulary import Lang, count, money, percent
from romstrategy._model._vocabulary import label as vocabulary_label
from romstrategy.rules import RULES, Finding, Findings, Severity, rule_for, validate

if TYPE_CHECKING:
    from romstrategy import Progress, ProgressRow
    from romstrategy.parliament import OdataImport

__all__ = ["main", "run"]

REFERENCE = "<reference>"
STDIN = "-"
"""The FILE that means standard input, or, for `report -o`, standard output."""
STDIN_LABEL = "<stdin>"
DATAPACKAGE = "datapackage.json"
"""A FILE with this name, or a folder, is read as a Frictionless data package."""

_LANG = click.Choice(["en", "nl"])
_INPUT_FORMATS = click.Choice(["json", "toml", "yaml", "yml"])
_REPORT_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_REPORT_SUFFIXES[".json"] = "json"

_Failure = DocumentError | OSError
"""Why a file could not be read: a bad document, or the file system."""

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


_AS_OF = click.option(
    "--as-of",
    "as_of",
    default=None,
    callback=_day,
    metavar="YYYY-MM-DD",
    help="Count only transactions dated on or before this day (default: all).",
)


# --- printing -----------------------------------------------------------------------------


def _colour() -> bool:
    output = sys.stdout
    return output is not None and output.isatty() and not os.environ.get("NO_COLOR")


def _paint(text: str, severity: Severity) -> str:
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    return click.style(text, fg=colours[severity], bold=True) if _colour() else text


def _echo(line: str, *, err: bool = False) -> None:
    """Print one line, every control character in it (a line break too) shown as an escape."""
    click.echo(visible(line), err=err)


def _echo_lines(text: str) -> None:
    """Print text whose line breaks are the command's own, each line as `_echo` does."""
    for line in text.split("\n"):
        _echo(line)


def _echo_json(data: object) -> None:
    click.echo(json_text(data))


def _fail(message: str) -> NoReturn:
    """Print one line, `Error: ...`, and exit 2."""
    _echo(f"Error: {message}", err=True)
    raise SystemExit(2)


def _failure_problems(failure: _Failure) -> list[dict[str, str]]:
    if isinstance(failure, DocumentError):
        return [{"path": p.path, "message": p.message} for p in failure.problems]
    return [{"path": "$", "message": f"cannot read the file: {_reason(failure)}"}]


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _echo_failure(label: str, failure: _Failure) -> None:
    for problem in _failure_problems(failure):
        _echo(f"{label}:{problem['path']}: {problem['message']}", err=True)


# --- reading ------------------------------------------------------------------------------


def _read(file: str, input_format: str | None) -> Strategy:
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


def _stdin_problem(message: str) -> DocumentError:
    return DocumentError([Problem("$", message)], source=STDIN_LABEL)


def _load(file: str | None) -> tuple[str, Strategy]:
    """The strategy in `file`, or the reference one; a failure is printed and exits 2."""
    if file is None:
        return REFERENCE, reference.strategy_2024()
    try:
        return file, _read(file, None)
    except (DocumentError, OSError) as failure:
        _echo_failure(file, failure)
        raise SystemExit(2) from None


def _load_for(file: str | None, output: str) -> Strategy:
    """`_load`, but with `--format json` a failure is one JSON document, as `check` prints."""
    if output != "json" or file is None:
        return _load(file)[1]
    try:
        return _read(file, None)
    except (DocumentError, OSError) as failure:
        _echo_json({"file": file, "problems": _failure_problems(failure), "exit_code": 2})
        raise SystemExit(2) from None


def _codes(values: Sequence[str], option: str) -> list[str] | None:
    """Rule codes or prefixes from `--select` or `--ignore`, in any case.

    Raises:
        ValueError: for one that matches no rule.
    """
    codes = [code.strip().upper() for value in values for code in value.split(",")]
    codes = [code for code in codes if code]
    if values and not codes:
        raise ArgumentError(f"{option}: no rule code given; name one such as RS203 or RS2")
    for code in codes:
        if not any(known.startswith(code) for known in RULES):
            raise ArgumentError(
                f"{option}: {shown(code)} matches no rule; known codes: {', '.join(RULES)}"
            )
    return codes or None


# --- check --------------------------------------------------------------------------------


def _severity_word(severity: Severity, lang: str) -> str:
    dutch = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"}
    return severity.value if lang == "en" else dutch[severity]


def _finding_line(label: str, finding: Finding, lang: str) -> str:
    message = finding.message if lang == "en" else finding.message_nl
    severity = _paint(_severity_word(finding.severity, lang), finding.severity)
    # User text is escaped before the colour codes are added.
    return f"{visible(f'{label}:{finding.path}: {finding.code}')} {severity} {visible(message)}"


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def _budget(strategy: Strategy) -> list[dict[str, str]]:
    return [
        {
            "source": b.source,
            "amount": b.amount.to_text(),
            "allocated": b.allocated.to_text(),
            "unallocated": b.unallocated.to_text(),
        }
        for b in budget_balance(strategy)
    ]


def _lang(lang: str) -> Lang:
    return "nl" if lang == "nl" else "en"


def _summary_line(label: str, report: Findings, strategy: Strategy, lang: str) -> str:
    words = _lang(lang)
    parts = [
        count(number, severity, words) for severity, number in _counts(report.findings).items()
    ]
    budget = "; ".join(
        f"{b.source}: {money(b.allocated, words)} / {money(b.amount, words)}, "
        f"{vocabulary_label('unallocated', words).lower()} {money(b.unallocated, words)}"
        for b in budget_balance(strategy)
    )
    return f"{label}: {', '.join(parts)}" + (f"; {budget}" if budget else "")


_Result = tuple[str, Strategy | None, Findings | None, _Failure | None]


def _check_one(
    file: str | None, input_format: str | None, select: list[str] | None, ignore: list[str] | None
) -> _Result:
    label = REFERENCE if file is None else STDIN_LABEL if file == STDIN else file
    try:
        strategy = reference.strategy_2024() if file is None else _read(file, input_format)
    except (DocumentError, OSError) as failure:
        return label, None, None, failure
    return label, strategy, validate(strategy, select=select, ignore=ignore), None


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="romstrategy")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check, report on and convert strategies for the ROMs (meerjarenstrategie ROM's).

    \b
    Example:
      romstrategy check                 # the strategy from the minister's letter
      romstrategy check plan.toml --lang nl
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@main.command()
@click.argument("files", nargs=-1)
@click.option("--select", multiple=True, help="Only these codes or prefixes, e.g. RS1,RS203.")
@click.option("--ignore", multiple=True, help="Not these codes or prefixes, e.g. RS102.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--input-format", type=_INPUT_FORMATS, default=None, help="The format of FILE - (stdin)."
)
@click.option("--lang", type=_LANG, default="en", help="Language of the messages.")
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
        chosen, skipped = _codes(select, "--select"), _codes(ignore, "--ignore")
    except ValueError as error:
        if output == "json":
            _echo_json({"error": str(error), "exit_code": 2})
            raise SystemExit(2) from None
        _fail(str(error))
    results = [_check_one(file, input_format, chosen, skipped) for file in files or (None,)]
    code = (
        2 if any(r[3] for r in results) else 1 if any(r[2] and not r[2].ok for r in results) else 0
    )
    if output == "json":
        _echo_json(_check_json(results, code))
        raise SystemExit(code)
    for label, strategy, report, failure in results:
        if failure is not None:
            _echo_failure(label, failure)
            continue
        assert strategy is not None
        assert report is not None
        for finding in report.findings:
            click.echo(_finding_line(label, finding, lang))
        _echo(_summary_line(label, report, strategy, lang))
    raise SystemExit(code)


def _check_json(results: list[_Result], code: int) -> dict[str, Any]:
    files = []
    for label, strategy, report, failure in results:
        entry: dict[str, Any] = {
            "file": label,
            "ok": failure is None and bool(report and report.ok),
        }
        if failure is not None:
            entry["problems"] = _failure_problems(failure)
        if strategy is not None and report is not None:
            entry["findings"] = [f.to_dict() for f in report.findings]
            entry["summary"] = {**_counts(report.findings), "budget": _budget(strategy)}
        files.append(entry)
    totals = _counts(f for _, _, r, _ in results if r for f in r.findings)
    return {"files": files, "summary": {**totals, "exit_code": code}}


# --- report, explain, schema --------------------------------------------------------------


def _report_format(out: str | None, fmt: str | None) -> str:
    """The report's format, from `--format` and the suffix of `-o`; they must agree."""
    if out is None or out == STDIN:
        return fmt or "md"
    suffix = Path(out).suffix
    by_suffix = _REPORT_SUFFIXES.get(suffix.lower())
    if by_suffix is None:
        _fail(
            f"{out}: a report is written as .md, .html or .json, not "
            f"{shown(suffix or 'no suffix')}; use -o - for standard output"
        )
    if fmt is not None and fmt != by_suffix:
        _fail(f"{out}: the suffix {suffix} says {by_suffix}, but --format says {fmt}")
    return by_suffix


def _write(path: str, text: str) -> None:
    """Write `text` to `path` atomically; when it cannot be written, say why and exit 2."""
    try:
        write_atomically(Path(path), text.encode("utf-8"))
    except OSError as error:
        _fail(f"{path}: cannot be written: {_reason(error)}")


@main.command("report")
@click.argument("file", required=False)
@click.option("-o", "--output", "out", help="Write here (- is standard output).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default=None)
@click.option("--lang", type=_LANG, default="en")
@_AS_OF
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

    chosen = _report_format(out, fmt)
    _, strategy = _load(file)
    found = validate(strategy)
    text = reports.render(strategy, chosen, lang, report=found, as_of=as_of)  # type: ignore[arg-type]
    if out is None or out == STDIN:
        click.echo(text, nl=False)  # every format escapes control characters itself
    else:
        _write(out, text)
        _echo(f"wrote {out}", err=True)
    raise SystemExit(0 if found.ok else 1)


# --- progress -----------------------------------------------------------------------------

_BY = ("pillar", "source", "allocation", "year", "rom")
"""The groupings of `progress`, as `romstrategy.progress` takes them."""

_AMOUNTS = ("allocated", "committed", "spent", "open", "uncommitted")
_SHARES = ("committed_share", "spent_share")
_BY_WORD = {"en": "by", "nl": "per"}
_ROM_KEYS = ("joint", "unassigned")
"""The keys that `by="rom"` gives to money of no single ROM; the text says them in words."""


def _amounts(row: ProgressRow) -> tuple[Money, ...]:
    return (row.allocated, row.committed, row.spent, row.open, row.uncommitted)


def _shares(row: ProgressRow) -> tuple[Fraction | None, Fraction | None]:
    """Committed and spent as fractions of allocated, exact; `None` when nothing is allocated."""
    whole = row.allocated.cents
    if not whole:
        return None, None
    return Fraction(row.committed.cents, whole), Fraction(row.spent.cents, whole)


def _progress_data(result: Progress) -> dict[str, Any]:
    def entry(row: ProgressRow) -> dict[str, str]:
        amounts = (m.to_text() for m in _amounts(row))
        return {"key": row.key, **dict(zip(_AMOUNTS, amounts, strict=True))}

    return {
        "by": result.by,
        "as_of": None if result.as_of is None else result.as_of.isoformat(),
        "rows": [entry(row) for row in result.rows],
        "total": entry(result.total),
    }


def _progress_csv(result: Progress) -> str:
    """One row per key and a last row `total`; every key's control characters escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: quoted where needed, lines end in CR LF
    writer.writerow(["key", *_AMOUNTS, *_SHARES])
    for row in (*result.rows, result.total):
        shares = ("" if s is None else percent(s, "en") for s in _shares(row))
        writer.writerow([visible(row.key), *(m.to_text() for m in _amounts(row)), *shares])
    return buffer.getvalue()


def _progress_key(key: str, by: str, lang: Lang) -> str:
    if by == "rom" and key in _ROM_KEYS:
        return vocabulary_label(key, lang)
    return visible(key)


def _progress_cells(key: str, row: ProgressRow, lang: Lang) -> list[str]:
    amounts = (money(amount, lang) for amount in _amounts(row))
    return [key, *amounts, *(percent(share, lang) for share in _shares(row))]


def _progress_title(result: Progress, lang: Lang) -> str:
    grouping = vocabulary_label(result.by, lang)
    grouping = grouping if grouping.isupper() else grouping.lower()  # ROM stays ROM
    if result.as_of is None:
        when = vocabulary_label("all_transactions", lang)
    else:
        when = f"{vocabulary_label('as_of', lang).lower()} {result.as_of.isoformat()}"
    return f"{vocabulary_label('progress', lang)} {_BY_WORD[lang]} {grouping}, {when}"


def _progress_table(result: Progress, lang: Lang) -> list[str]:
    """The title, a blank line, the header and one line per row, the total last."""
    heads = [vocabulary_label(name, lang) for name in (result.by, *_AMOUNTS, *_SHARES)]
    lines = [heads]
    lines += [_progress_cells(_progress_key(r.key, result.by, lang), r, lang) for r in result.rows]
    lines.append(_progress_cells(vocabulary_label("total", lang), result.total, lang))
    widths = [max(len(line[column]) for line in lines) for column in range(len(heads))]
    table = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]
    return [_progress_title(result, lang), "", *table]


@main.command("progress")
@click.argument("file", required=False)
@click.option(
    "--by",
    type=click.Choice(_BY),
    default="pillar",
    show_default=True,
    help="Group by pillar, funding source, allocation, calendar year or ROM.",
)
@_AS_OF
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    help="A table for people, one JSON document, or CSV.",
)
@click.option("--lang", type=_LANG, default="en", help="Language of the text table.")
def progress_command(
    file: str | None, by: str, as_of: datetime.date | None, output: str, lang: str
) -> None:
    """Show money allocated, committed and spent for FILE, or the reference strategy.

    One row per pillar (or funding source, allocation, year or ROM) and a
    last row, total: allocated, committed, spent, open commitments
    (committed minus spent), uncommitted (allocated minus committed), and
    the committed and spent shares of what is allocated. Shares are rounded
    half to even to a tenth of a percent; with nothing allocated there is
    no share (- in text, blank in CSV). By year, each allocation is split
    over the calendar years of its period by days, and a transaction counts
    in the year of its date. By ROM, supra-regional money is under joint
    and money of no known activity under unassigned. --as-of counts only
    the transactions dated on or before that day; what is allocated does
    not change.

    The text table follows --lang. --format json prints one document:
    by, as_of, rows and total. --format csv prints UTF-8 CSV: a header,
    then key, allocated, committed, spent, open, uncommitted,
    committed_share and spent_share, one line per key and a last line
    total. Both write money as -1234.56, ignore --lang, and show control
    characters in keys as escapes. Exits 0 (rule findings do not count;
    see check), or 2 when FILE cannot be read or an option is wrong; with
    --format json, a FILE that cannot be read is one JSON document too.

    \b
    Example:
      romstrategy progress plan.toml --by year --as-of 2025-06-30
      romstrategy progress plan.toml --format csv > progress.csv
    """
    from romstrategy import progress

    strategy = _load_for(file, output)
    result = progress(strategy, by=by, as_of=as_of)  # type: ignore[arg-type]
    if output == "json":
        _echo_json(_progress_data(result))
    elif output == "csv":
        click.echo(_progress_csv(result).encode("utf-8"), nl=False)
    else:
        for line in _progress_table(result, _lang(lang)):
            _echo(line)


@main.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Explain a rule: its title, what it checks, and a failing and a passing example.

    \b
    Example:
      romstrategy explain RS203
    """
    try:
        rule = rule_for(code.strip().upper())
    except LookupError as error:
        _fail(str(error))
    _echo(f"{rule.code} ({rule.severity.value}): {rule.title}")
    if rule.title_nl:
        _echo(f"  nl: {rule.title_nl}")
    _echo("")
    _echo_lines(rule.explanation)
    _echo("")
    _echo(f"Fails: {rule.failing_example or '-'}")
    _echo(f"Passes: {rule.passing_example or '-'}")


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a strategy document.

    \b
    Example:
      romstrategy schema > strategy.schema.json
    """
    _echo_json(json_schema())


# --- split, init, convert, diff -----------------------------------------------------------


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _ratio(text: str) -> Decimal:
    """A ratio written as `2`, `0.5` or `1e3`: ASCII digits, no sign, spaces or underscores."""
    if not _NUMBER.fullmatch(text):
        _fail(f"ratio {shown(text)} is not a number such as 2, 0.5 or 1e3")
    try:
        return Decimal(text)
    except ArithmeticError:  # an exponent beyond what a Decimal can hold
        _fail(f"ratio {shown(text)}: a ratio must be 0 or lie between 1E-100 and 1E+100")


def _split(amount: str, ratios: tuple[str, ...]) -> tuple[Money, tuple[Money, ...]]:
    """`Money(amount).allocate(ratios)`; a bad amount or ratio is one line and exit 2."""
    try:
        total = Money(amount)
    except (TypeError, ValueError) as error:
        reason = str(error).removeprefix("Money: ").removeprefix(f"got {shown(amount)}, ")
        _fail(f"amount {shown(amount)}: {reason}")
    values = [_ratio(text) for text in ratios]
    for text, value in zip(ratios, values, strict=True):
        try:
            Money.zero().allocate([value, 1])  # each ratio alone, to name the bad one
        except (TypeError, ValueError) as error:
            _, _, reason = str(error).partition(f"ratio 0 is {shown(value)}")
            _fail(f"ratio {shown(text)}: {reason.lstrip(';, ') or error}")
    try:
        return total, total.allocate(values)
    except (TypeError, ValueError) as error:
        _fail(str(error).removeprefix("Money.allocate: "))


@main.command()
@click.argument("amount")
@click.argument("ratios", nargs=-1, required=True)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=_LANG, default="en")
def split(amount: str, ratios: tuple[str, ...], output: str, lang: str) -> None:
    """Split AMOUNT exactly in proportion to RATIOS, losing no cent.

    Uses the largest-remainder method; on a tie the earlier part gets the cent.

    \b
    Example:
      romstrategy split 4000000 2 1 1
    """
    total, parts = _split(amount, ratios)
    check = sum(parts, Money.zero())
    if output == "json":
        _echo_json({
            "amount": total.to_text(),
            "parts": [
                {"ratio": r, "amount": p.to_text()} for r, p in zip(ratios, parts, strict=True)
            ],
            "sum": check.to_text(),
            "exact": check == total,
        })  # fmt: skip
        return
    words = _lang(lang)
    for ratio, part in zip(ratios, parts, strict=True):
        _echo(f"{ratio:>8}  {money(part, words):>20}")
    _echo(f"{'sum':>8}  {money(check, words):>20}  {'=' if check == total else '!='} {amount}")


def _starter_workbook() -> Strategy:
    """The starter workbook's strategy: the reference one, and an illustrative row per table.

    It passes every rule but RS102: the funding source is allocated in part only.
    """
    import attrs

    from romstrategy import Activity, Allocation, Scope, Service, Transaction, TransactionKind

    strategy = reference.strategy_2024()
    source = strategy.funding_sources[0]
    activity = Activity(
        id="example-activity",
        title="Illustrative: a regional activity; replace it with your own",
        scope=Scope.REGIONAL,
        pillar="III",
        roms=("NOM",),
        lead="NOM",
        theme="energy transition",
        service=Service.ECOSYSTEM_DEVELOPMENT,
        period=strategy.period,
    )
    allocation = Allocation(
        id="example-allocation",
        source=source.id,
        amount=Money("100000.00"),
        pillar="III",
        activity=activity.id,
        period=strategy.period,
    )
    transaction = Transaction(
        id="example-commitment",
        allocation=allocation.id,
        kind=TransactionKind.COMMITMENT,
        amount=Money("40000.00"),
        date=strategy.period.start,
        description="Illustrative: a grant decision; replace it with your own",
    )
    return attrs.evolve(
        strategy,
        title=f"Illustrative starter: {strategy.title}",
        activities=(activity,),
        allocations=(allocation,),
        transactions=(transaction,),
    )


def _starter(path: str) -> str:
    """The starter document in the format that the suffix of `path` names."""
    try:
        format = format_of(Path(path).suffix)
    except ValueError:
        _fail(f"{path}: use the suffix .toml, .json, .yaml, .yml or .xlsx to choose the format")
    if format == "toml":
        return STARTER_TOML  # with its comments
    return dumps(loads(STARTER_TOML, "toml"), format)


@main.command()
@click.argument("path")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: str, force: bool) -> None:
    """Write a starter document to PATH, in the format its suffix names.

    It passes `check` with warnings only. TOML keeps the comments that
    explain each part; JSON and YAML hold the same document without them.
    An Excel workbook (.xlsx, with `romstrategy[xlsx]`) holds the reference
    pillars, ROMs and provinces and an illustrative row in every sheet.

    \b
    Example:
      romstrategy init plan.toml && romstrategy check plan.toml
    """
    workbook = Path(path).suffix.lower() == ".xlsx"
    text = "" if workbook else _starter(path)
    if os.path.lexists(path) and not force:
        _fail(f"{path}: exists already; use --force to overwrite it")
    if workbook:
        try:
            dump(_starter_workbook(), path)
        except ImportError as error:
            _fail(f"{path}: {error}")
        except OSError as error:
            _fail(f"{path}: cannot be written: {_reason(error)}")
    else:
        _write(path, text)
    _echo(f"wrote {path}")


def _dump(strategy: Strategy, target: str) -> None:
    """Write `strategy` to `target` by its suffix, atomically; a failure is said, exit 2."""
    try:
        dump(strategy, target)
    except (ValueError, ImportError) as error:
        _fail(f"{target}: {error}")
    except OSError as error:
        _fail(f"{target}: cannot be written: {_reason(error)}")


def _same_file(source: str, target: str) -> bool:
    try:
        return os.path.samefile(source, target)
    except OSError:  # the target does not exist yet
        return False


@main.command()
@click.argument("source")
@click.argument("target")
@click.option("--force", is_flag=True, help="Convert a file onto itself, losing its comments.")
def convert(source: str, target: str, force: bool) -> None:
    """Convert a strategy document between JSON, TOML, YAML and Excel (.xlsx), by suffix.

    SOURCE may also be a data package: its folder or its datapackage.json.
    A workbook needs openpyxl: pip install 'romstrategy[xlsx]'.

    The target is written atomically; a symbolic link is written through to
    its target, and a read-only file is refused. Converting a file onto
    itself would drop its comments, so it needs --force.

    \b
    Example:
      romstrategy convert plan.toml plan.json
      romstrategy convert plan.toml plan.xlsx
    """
    _, strategy = _load(source)
    if _same_file(source, target) and not force:
        _fail(f"{target} is {source} itself; converting drops its comments; use --force")
    _dump(strategy, target)
    _echo(f"wrote {target}")


@main.command()
@click.argument("file")
@click.option(
    "--to",
    "target",
    type=click.Choice(["datapackage"]),
    required=True,
    help="What to export to: a Frictionless data package of CSV files.",
)
@click.argument("out_dir")
@click.option(
    "--license",
    "licence",
    default=None,
    help="The package's licence, an SPDX id such as CC0-1.0; by default none is named.",
)
def export(file: str, target: str, out_dir: str, licence: str | None) -> None:
    """Export the strategy in FILE as tables to the folder OUT_DIR.

    With --to datapackage, OUT_DIR gets one CSV file per collection and a
    datapackage.json that describes them (Frictionless Data Package). The
    folder is made if missing; each file is written atomically. FILE may be
    a document or a data package itself.

    \b
    Example:
      romstrategy export plan.toml --to datapackage plan-data
      frictionless validate plan-data/datapackage.json
    """
    _, strategy = _load(file)
    from romstrategy.tables import write_datapackage

    try:
        descriptor = write_datapackage(strategy, out_dir, license=licence)
    except ValueError as error:
        _fail(f"{out_dir}: {error}")
    except OSError as error:
        _fail(f"{out_dir}: cannot be written: {_reason(error)}")
    _echo(f"wrote {descriptor}")


def _both(old: str, new: str, output: str) -> tuple[Strategy, Strategy]:
    """Both versions; when either cannot be read, every failure is printed and it exits 2."""
    loaded: list[Strategy] = []
    failed: list[tuple[str, _Failure]] = []
    for file in (old, new):
        try:
            loaded.append(_read(file, None))
        except (DocumentError, OSError) as failure:
            failed.append((file, failure))
    if not failed:
        return loaded[0], loaded[1]
    if output == "json":
        _echo_json({
            "old": old,
            "new": new,
            "errors": [{"file": f, "problems": _failure_problems(e)} for f, e in failed],
            "exit_code": 2,
        })  # fmt: skip
    else:
        for file, why in failed:
            _echo_failure(file, why)
    raise SystemExit(2)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=_LANG, default="en")
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
        _echo_json({"old": old, "new": new, **changes.to_dict()})
    else:
        _echo(f"--- {old}")
        _echo(f"+++ {new}")
        _echo_lines(changes.to_text(_lang(lang)))
    raise SystemExit(1 if exit_code and changes.changed else 0)


# --- motions from the Tweede Kamer's open data ----------------------------------------------


def _motion_line(motion: Motion) -> str:
    """Kamerstuk, title, status and signers of one motion, on one line; a `|` in text escaped."""
    kamerstuk = str(motion.kamerstuk) if motion.kamerstuk else "no Kamerstuk"
    signers = ", ".join((motion.submitter, *motion.co_submitters)).replace("|", "\\|")
    title = motion.title.replace("|", "\\|")
    return f"{kamerstuk} | {title} | {motion.status.value} | {signers}"


def _text_format_of(plan: str) -> str:
    """The format of `plan` if it is a text document; TOML for a workbook or a data package."""
    suffix = Path(plan).suffix.lower().removeprefix(".")
    return suffix if suffix in ("json", "toml", "yaml", "yml") else "toml"


def _imported(file: str, label: str) -> OdataImport:
    """The motions in `file` (standard input for `-`); a failure is printed and exits 2."""
    from romstrategy.parliament import from_odata

    try:
        found = from_odata(_stdin_json() if file == STDIN else file)
    except (DocumentError, OSError) as failure:
        _echo_failure(label, failure)
        raise SystemExit(2) from None
    return found


def _stdin_json() -> object:
    """The JSON on standard input, parsed as strictly as a document."""
    if sys.stdin is None:
        raise _stdin_problem("standard input is closed")
    try:
        return parse_value(sys.stdin.buffer.read(MAX_BYTES + 1), "json")
    except DocumentError as error:
        raise DocumentError(error.problems, source=STDIN_LABEL) from None


def _merge_into(
    plan: str, out: str, motions: tuple[Motion, ...], add_new: bool, force: bool
) -> None:
    """Write `plan` merged with `motions` to `out`, and say what changed."""
    from romstrategy.parliament import merge_with_notes

    _, strategy = _load(plan)
    if out != STDIN and _same_file(plan, out) and not force:
        _fail(f"{out} is {plan} itself; writing it drops its comments; use --force")
    try:
        result, notes = merge_with_notes(strategy, motions, add_new=add_new)
    except ValueError as error:
        _fail(str(error))
    for note in notes:
        _echo(f"{plan}: not merged: {note}", err=True)
    if out == STDIN:
        click.echo(dumps(result, _text_format_of(plan)), nl=False)  # formats escape controls
        return
    _dump(result, out)
    changed = sum(old != new for old, new in zip(strategy.motions, result.motions, strict=False))
    added = len(result.motions) - len(strategy.motions)
    word = "motion" if changed == 1 else "motions"
    _echo(f"wrote {out}: {changed} {word} updated, {added} added", err=True)


@main.command("motions")
@click.argument("file")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "toml", "yaml"]),
    default=None,
    help="How to print the motions: one line each (text), or as a strategy document holds them.",
)
@click.option("--merge", "plan", help="Merge the motions into this strategy document.")
@click.option("-o", "--output", "out", help="With --merge: write the merged strategy here.")
@click.option("--add-new", is_flag=True, help="With --merge: add motions the strategy lacks.")
@click.option("--force", is_flag=True, help="With --merge: write onto the strategy's own file.")
def motions_command(
    file: str, output: str | None, plan: str | None, out: str | None, add_new: bool, force: bool
) -> None:
    """Read the motions in FILE, records saved from the Tweede Kamer's open data.

    FILE is the JSON answer of the Kamer's OData API for Zaak, with
    $expand=Besluit,ZaakActor,Kamerstukdossier; - reads standard input. The
    motions are printed one line each (Kamerstuk, title, status, signers; a
    | in them as \\|), or with --format json, toml or yaml as a strategy
    document holds them; what could not be read is on standard error. With
    --merge, the motions update the strategy in that document, which is
    written to -o (- is standard output): the
    Kamerstuk and co-signers it lacks and the Kamer's votes are filled in,
    and with --add-new the motions it does not hold are added. A motion is
    never marked settled: only the government settles a motion.

    \b
    Example:
      romstrategy motions zaken.json
      romstrategy motions zaken.json --merge plan.toml -o merged.toml
    """
    if plan is None and (out is not None or add_new or force):
        _fail("-o, --add-new and --force go with --merge PLAN")
    if plan is not None and out is None:
        _fail("--merge needs -o FILE for the merged strategy (or -o - for standard output)")
    if plan == STDIN:
        _fail("--merge reads a strategy document from a file, not from standard input")
    if plan is not None and output is not None:
        _fail("--format is for printing the motions; with --merge, -o's suffix gives the format")
    label = STDIN_LABEL if file == STDIN else file
    found = _imported(file, label)
    for warning in found.warnings:
        _echo(f"{label}: warning: {warning}", err=True)
    if plan is not None and out is not None:
        _merge_into(plan, out, found.motions, add_new, force)
    elif output in (None, "text"):
        for motion in found.motions:
            _echo(_motion_line(motion))
    else:
        click.echo(dumps_motions(found.motions, output), nl=False)  # formats escape controls
    raise SystemExit(0)


def run() -> None:
    """The `romstrategy` console script: `main`, with output that cannot end in a traceback.

    Characters that the output's encoding cannot hold (a Latin-1 terminal and
    the euro sign, say) are written as backslash escapes; the streams belong
    to this process, so the command may set that. An output that cannot be
    written (a full disk) is one line on standard error, and exit code 2.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        main(prog_name="romstrategy")
    except OSError as error:  # click itself handles a closed pipe
        _silence_output()
        with contextlib.suppress(OSError):
            click.echo(f"Error: cannot write the output: {_reason(error)}", err=True)
        raise SystemExit(2) from None


def _silence_output() -> None:
    """Send what is still buffered for standard output nowhere, so that exit does not fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
