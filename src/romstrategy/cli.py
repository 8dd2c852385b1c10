"""The `romstrategy` command (*opdrachtregel*).

Exit codes follow linters: 0 when no errors were found, 1 when the strategy
has errors, 2 for bad input or usage, with every problem printed and never
a traceback. `diff` exits 0 when it ran, or with `--exit-code` 1 when there
are differences.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, NoReturn

import click

from romstrategy import reference
from romstrategy._documents import dump, load, write_atomically
from romstrategy._errors import DocumentError
from romstrategy._money import Money
from romstrategy._schema import json_schema
from romstrategy._starter import STARTER_TOML
from romstrategy._strategy import Strategy
from romstrategy._summary import budget_balance
from romstrategy.rules import Finding, Report, Severity, explain, validate

__all__ = ["main"]

REFERENCE = "<reference>"
_LANG = click.Choice(["en", "nl"])
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _paint(text: str, severity: Severity) -> str:
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    return click.style(text, fg=colours[severity], bold=True) if _colour() else text


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _codes(values: Sequence[str]) -> list[str] | None:
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    return codes or None


def _bad_input(error: DocumentError, label: str) -> NoReturn:
    for problem in error.problems:
        click.echo(f"{label}:{problem.path}: {problem.message}", err=True)
    raise SystemExit(2)


def _load(path: Path | None) -> tuple[str, Strategy]:
    if path is None:
        return REFERENCE, reference.strategy_2024()
    try:
        return str(path), load(path)
    except DocumentError as error:
        _bad_input(error, str(path))


# --- check ------------------------------------------------------------------------------


def _severity_word(severity: Severity, lang: str) -> str:
    dutch = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"}
    return severity.value if lang == "en" else dutch[severity]


def _finding_line(label: str, finding: Finding, lang: str) -> str:
    message = finding.message if lang == "en" else finding.message_nl
    severity = _paint(_severity_word(finding.severity, lang), finding.severity)
    return f"{label}:{finding.path}: {finding.code} {severity} {message}"


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


_COUNT_WORDS = {
    "en": {
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("info", "info"),
    },
    "nl": {
        "error": ("fout", "fouten"),
        "warning": ("waarschuwing", "waarschuwingen"),
        "info": ("info", "info"),
    },
}


def _locale(lang: str) -> Literal["en", "nl"]:
    return "nl" if lang == "nl" else "en"


def _summary_line(label: str, report: Report, strategy: Strategy, lang: str) -> str:
    locale = _locale(lang)
    words = _COUNT_WORDS[locale]
    parts = [
        f"{count} {words[severity][0 if count == 1 else 1]}"
        for severity, count in _counts(report.findings).items()
    ]
    budget = "; ".join(
        f"{b.source}: {b.allocated.format(locale)} / {b.amount.format(locale)}, "
        f"{'niet toegewezen' if lang == 'nl' else 'unallocated'} {b.unallocated.format(locale)}"
        for b in budget_balance(strategy)
    )
    return f"{label}: {', '.join(parts)}" + (f"; {budget}" if budget else "")


def _check_one(
    path: Path | None, select: list[str] | None, ignore: list[str] | None
) -> tuple[str, Strategy | None, Report | None, DocumentError | None]:
    label = REFERENCE if path is None else str(path)
    try:
        strategy = reference.strategy_2024() if path is None else load(path)
    except DocumentError as error:
        return label, None, None, error
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
@click.argument("files", nargs=-1, type=_FILE)
@click.option("--select", multiple=True, help="Only these codes or prefixes, e.g. RS1,RS203.")
@click.option("--ignore", multiple=True, help="Not these codes or prefixes, e.g. RS102.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=_LANG, default="en", help="Language of the messages.")
def check(
    files: tuple[Path, ...], select: Sequence[str], ignore: Sequence[str], output: str, lang: str
) -> None:
    """Validate each FILE against the letter's rules; with no FILE, the reference strategy.

    Prints one line per finding, FILE:PATH: CODE severity message, then a
    summary with the counts per severity and the budget balance per funding
    source. Exits 0 without errors, 1 with errors, 2 on bad input.

    \b
    Example:
      romstrategy check plan.toml --ignore RS102 --format json
    """
    try:
        results = [_check_one(path, _codes(select), _codes(ignore)) for path in files or (None,)]
    except (TypeError, ValueError) as bad:  # a code in --select or --ignore matches no rule
        raise click.UsageError(str(bad)) from None
    code = (
        2 if any(r[3] for r in results) else 1 if any(r[2] and not r[2].ok for r in results) else 0
    )
    if output == "json":
        _echo_json(_check_json(results, code))
        raise SystemExit(code)
    for label, strategy, report, error in results:
        if error is not None:
            for problem in error.problems:
                click.echo(f"{label}:{problem.path}: {problem.message}", err=True)
            continue
        assert strategy is not None
        assert report is not None
        for finding in report.findings:
            click.echo(_finding_line(label, finding, lang))
        click.echo(_summary_line(label, report, strategy, lang))
    raise SystemExit(code)


def _check_json(
    results: list[tuple[str, Strategy | None, Report | None, DocumentError | None]], code: int
) -> dict[str, Any]:
    files = []
    for label, strategy, report, error in results:
        entry: dict[str, Any] = {"file": label, "ok": error is None and bool(report and report.ok)}
        if error is not None:
            entry["problems"] = [{"path": p.path, "message": p.message} for p in error.problems]
        if strategy is not None and report is not None:
            entry["findings"] = [f.to_dict() for f in report.findings]
            entry["summary"] = {**_counts(report.findings), "budget": _budget(strategy)}
        files.append(entry)
    totals = _counts(f for _, _, r, _ in results if r for f in r.findings)
    return {"files": files, "summary": {**totals, "exit_code": code}}


# --- report, explain, schema --------------------------------------------------------------


@main.command("report")
@click.argument("file", required=False, type=_FILE)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default=None)
@click.option("--lang", type=_LANG, default="en")
def report_command(file: Path | None, out: Path | None, fmt: str | None, lang: str) -> None:
    """Write the overview report of FILE, or of the reference strategy.

    The format is md (default), html (one page with charts, no network) or
    json; with -o it follows the suffix unless --format says otherwise.

    \b
    Example:
      romstrategy report plan.toml -o plan.html --lang nl
    """
    from romstrategy import reports

    chosen = fmt or _format_from(out) or "md"
    _, strategy = _load(file)
    found = validate(strategy)
    text = reports.render(strategy, chosen, lang, report=found)  # type: ignore[arg-type]
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomically(out, text.encode("utf-8"))
        click.echo(f"wrote {out}", err=True)
    raise SystemExit(0 if found.ok else 1)


def _format_from(out: Path | None) -> str | None:
    suffix = out.suffix.lower() if out else ""
    return {".md": "md", ".html": "html", ".htm": "html", ".json": "json"}.get(suffix)


@main.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Explain a rule: its title, what it checks, and a failing and a passing example.

    \b
    Example:
      romstrategy explain RS203
    """
    try:
        rule = explain(code.upper())
    except LookupError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from None
    click.echo(f"{rule.code} ({rule.severity.value}): {rule.title}")
    if rule.title_nl:
        click.echo(f"  nl: {rule.title_nl}")
    click.echo("")
    click.echo(rule.explanation)
    click.echo("")
    click.echo(f"Fails: {rule.failing_example or '-'}")
    click.echo(f"Passes: {rule.passing_example or '-'}")


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a strategy document.

    \b
    Example:
      romstrategy schema > strategy.schema.json
    """
    _echo_json(json_schema())


# --- split, init, convert, diff -----------------------------------------------------------


def _ratio(text: str) -> int | Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise click.BadParameter(f"got {text!r}, expected a number such as 2 or 0.5") from None
    return int(value) if value == value.to_integral_value() else value


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
    try:
        total = Money(amount)
        parts = total.allocate([_ratio(r) for r in ratios])
    except (TypeError, ValueError) as error:
        raise click.BadParameter(str(error)) from None
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
    locale = _locale(lang)
    for ratio, part in zip(ratios, parts, strict=True):
        click.echo(f"{ratio:>8}  {part.format(locale):>20}")
    click.echo(
        f"{'sum':>8}  {check.format(locale):>20}  {'=' if check == total else '!='} {amount}"
    )


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: Path, force: bool) -> None:
    """Write a commented starter TOML document to PATH.

    It passes `check` with warnings only.

    \b
    Example:
      romstrategy init plan.toml && romstrategy check plan.toml
    """
    if path.exists() and not force:
        click.echo(f"{path}: exists already; use --force to overwrite it", err=True)
        raise SystemExit(2)
    write_atomically(path, STARTER_TOML.encode("utf-8"))
    click.echo(f"wrote {path}")


@main.command()
@click.argument("source", type=_FILE)
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def convert(source: Path, target: Path) -> None:
    """Convert a strategy document between JSON, TOML and YAML, by suffix.

    \b
    Example:
      romstrategy convert plan.toml plan.json
    """
    _, strategy = _load(source)
    try:
        dump(strategy, target)
    except ValueError as error:
        click.echo(f"{target}: {error}", err=True)
        raise SystemExit(2) from None
    click.echo(f"wrote {target}")


@main.command("diff")
@click.argument("old", type=_FILE)
@click.argument("new", type=_FILE)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=_LANG, default="en")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are differences.")
def diff_command(old: Path, new: Path, output: str, lang: str, exit_code: bool) -> None:
    """Show what moved between two versions of a strategy.

    Money per pillar, ROM and year; activities, allocations and motions
    added, removed or changed; findings that appeared or disappeared.

    \b
    Example:
      romstrategy diff plan-v1.toml plan-v2.toml --exit-code
    """
    from romstrategy.reports import diff

    changes = diff(_load(old)[1], _load(new)[1])
    if output == "json":
        _echo_json({"old": str(old), "new": str(new), **changes.to_dict()})
    else:
        click.echo(f"--- {old}\n+++ {new}")
        click.echo(changes.to_text(_locale(lang)))
    raise SystemExit(1 if exit_code and changes.changed else 0)
