"""What `romstrategy check` prints: a line per finding, a summary line, or one JSON document.

The text is for people: amounts as `money` writes them in the language. The
JSON is data: amounts exact and plain, such as `"4000000.00"`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from romstrategy._documents._errors import DocumentError
from romstrategy._model._display import visible
from romstrategy._model._strategy import Strategy
from romstrategy._model._summary import budget_balance
from romstrategy._model._vocabulary import Lang, label, money
from romstrategy._rules._findings import counts_text, finding_text
from romstrategy.rules import Finding, Findings, Severity

__all__ = [
    "CheckResult",
    "Failure",
    "check_data",
    "finding_line",
    "problem_records",
    "severity_counts",
    "summary_line",
]

Failure = DocumentError | OSError
"""Why a file could not be read: a bad document, or the file system."""

CheckResult = tuple[str, Strategy | None, Findings | None, Failure | None]
"""One file checked: its label, and its strategy and report, or why it could not be read."""


def problem_records(failure: Failure) -> list[dict[str, str]]:
    """Each problem of a file that could not be read, as `{"path": ..., "message": ...}`."""
    if isinstance(failure, DocumentError):
        return [{"path": p.path, "message": p.message} for p in failure.problems]
    why = failure.strerror or str(failure)
    return [{"path": "$", "message": f"cannot read the file: {why}"}]


def finding_line(
    label_: str,
    finding: Finding,
    lang: Lang,
    paint: Callable[[str, Severity], str] | None = None,
) -> str:
    """`LABEL:PATH: CODE severity message`; `paint` may colour the severity word."""
    text = finding_text(finding, lang) if paint is None else finding_text(finding, lang, paint)
    return f"{visible(label_)}:{text}"


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings there are of each severity, by its value, every severity named."""
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def summary_line(label_: str, report: Findings, strategy: Strategy, lang: Lang) -> str:
    """`LABEL: 0 errors, 1 warning, 0 info; SOURCE: allocated / amount, unallocated ...`."""
    budget = "; ".join(
        f"{b.source}: {money(b.allocated, lang)} / {money(b.amount, lang)}, "
        f"{label('unallocated', lang).lower()} {money(b.unallocated, lang)}"
        for b in budget_balance(strategy)
    )
    counts = counts_text(report.findings, lang)
    return visible(f"{label_}: {counts}" + (f"; {budget}" if budget else ""))


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


def check_data(results: Iterable[CheckResult], code: int) -> dict[str, Any]:
    """The JSON document of `check --format json`: each file, then the counts and exit code."""
    files = []
    reports = []
    for label_, strategy, report, failure in results:
        entry: dict[str, Any] = {
            "file": label_,
            "ok": failure is None and bool(report and report.ok),
        }
        if failure is not None:
            entry["problems"] = problem_records(failure)
        if strategy is not None and report is not None:
            entry["findings"] = [f.to_dict() for f in report.findings]
            entry["summary"] = {**severity_counts(report.findings), "budget": _budget(strategy)}
            reports.append(report)
        files.append(entry)
    totals = severity_counts(f for r in reports for f in r.findings)
    return {"files": files, "summary": {**totals, "exit_code": code}}
