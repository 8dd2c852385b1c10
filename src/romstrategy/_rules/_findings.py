"""Findings, the report that holds them and the error that carries them (*bevindingen*).

A built-in check yields `Violation`s: what is wrong, where and who is involved.
The engine (`Rule.run`) adds the rule's code and severity to make `Finding`s.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

import attrs

from romstrategy._model._display import html_text, shown, visible
from romstrategy._model._error import ArgumentError, ArgumentTypeError, Error
from romstrategy._model._kinds import FieldError, Id, Ids, Kind, Text, by_kind
from romstrategy._model._vocabulary import Lang, count, label, word

__all__ = [
    "CODE_PATTERN",
    "Code",
    "Finding",
    "Findings",
    "Severity",
    "StrategyInvalid",
    "Violation",
    "check_code",
    "counts_text",
    "finding_text",
]

CODE_PATTERN = re.compile(r"[A-Z]+[0-9]+")
"""What a rule code looks like: capital letters, then digits, e.g. `"RS203"`."""


class Severity(enum.Enum):
    """How serious a finding is (*ernst*): error (*fout*), warning (*waarschuwing*) or info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _code(value: object) -> str:
    if not isinstance(value, str):
        raise FieldError(f"got {shown(value)}, expected a rule code such as 'RS203'")
    if CODE_PATTERN.fullmatch(value) is None:
        raise FieldError(
            f"got {shown(value)}, expected capital letters then digits, such as 'RS203'"
        )
    return value


Code = Annotated[
    str, Kind("code", str, _code, {"type": "string", "pattern": CODE_PATTERN.pattern})
]
"""A rule code (*regelcode*) such as `"RS203"`: capital letters, then digits."""


def check_code(value: object, where: str) -> str:
    """Return `value` if it is a rule code such as `"RS203"`.

    Raises:
        FieldError: naming `where` and the value, for anything but a code.
    """
    try:
        return _code(value)
    except FieldError as error:
        raise FieldError(error.reason, field=where) from None


@attrs.frozen(kw_only=True, field_transformer=by_kind)
class Finding:
    """One problem a rule found in a strategy (*bevinding*).

    Attributes:
        code: the rule's stable code, e.g. `"RS101"`.
        severity: error, warning or info; a str such as `"error"` is converted.
        message: what is wrong, in English, naming objects by id with the
            amounts and dates involved.
        message_nl: the same in Dutch.
        path: where in the strategy, built from ids, e.g.
            `"allocations[al-3].amount"`; it does not change when the input
            is reordered.
        subjects: the ids involved, in the order the rule documents (by
            role, or sorted), never in input order.
    """

    code: Code
    severity: Severity
    message: Text
    message_nl: Text
    path: Id
    subjects: Ids = ()

    def sort_key(self) -> tuple[str, str, tuple[str, ...], str, str, str]:
        """The key findings are ordered by: code, then path, then subjects."""
        return (
            self.code,
            self.path,
            self.subjects,
            self.severity.value,
            self.message,
            self.message_nl,
        )

    def format(self, lang: Literal["en", "nl"] = "en") -> str:
        r"""One line: code, severity, path and message, in English or Dutch.

        Control characters from the strategy's ids are shown as escapes
        such as `\x1b`, so that printing the line cannot change a terminal.
        """
        if lang == "en":
            return visible(f"{self.code} {self.severity.value} {self.path}: {self.message}")
        if lang == "nl":
            severity = word(self.severity, "nl")
            return visible(f"{self.code} {severity} {self.path}: {self.message_nl}")
        raise ArgumentError(f"Finding.format: got lang {shown(lang)}, expected 'en' or 'nl'")

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain data for JSON; `severity` is its string value."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "message_nl": self.message_nl,
            "path": self.path,
            "subjects": list(self.subjects),
        }

    def __str__(self) -> str:
        return self.format("en")


@attrs.frozen(kw_only=True, field_transformer=by_kind)
class Violation:
    """What a check found, before the engine names the rule (*overtreding*).

    A check yields these; `Rule.run` adds the rule's code and severity to
    make each a `Finding`, so a check never repeats them.

    Attributes:
        message: what is wrong, in English.
        message_nl: the same in Dutch.
        path: where in the strategy, built from ids.
        subjects: the ids involved, in the order the rule documents.
        severity: `None` for the rule's own severity, or the severity this
            one finding has instead (RS102 is a warning in a draft).
    """

    message: Text
    message_nl: Text
    path: Id
    subjects: Ids = ()
    severity: Severity | None = None

    def finding(self, code: str, severity: Severity) -> Finding:
        """The finding of rule `code`, whose usual severity is `severity`."""
        return Finding(
            code=code,
            severity=severity if self.severity is None else self.severity,
            message=self.message,
            message_nl=self.message_nl,
            path=self.path,
            subjects=self.subjects,
        )


def _sorted_findings(value: object) -> tuple[Finding, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ArgumentTypeError(
            f"Findings.findings: got {shown(value)}, expected a sequence of Finding"
        )
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, Finding):
            raise ArgumentTypeError(
                f"Findings.findings[{index}]: got {type(item).__name__} {shown(item)}, "
                "expected Finding"
            )
    return tuple(sorted(items, key=Finding.sort_key))


def _unpainted(text: str, severity: Severity) -> str:
    return text


def finding_text(
    finding: Finding, lang: Lang, paint: Callable[[str, Severity], str] = _unpainted
) -> str:
    """`PATH: CODE severity message`, as `romstrategy check` prints it after the file's name.

    `paint` may colour the severity word; user text is escaped before it does.
    """
    message = finding.message if lang == "en" else finding.message_nl
    severity = paint(word(finding.severity, lang), finding.severity)
    return f"{visible(f'{finding.path}: {finding.code}')} {severity} {visible(message)}"


def counts_text(findings: Iterable[Finding], lang: Lang) -> str:
    """`0 errors, 1 warning, 0 info`: how many findings there are of each severity."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return ", ".join(count(counts[s], s.value, lang) for s in Severity)


def _headline(findings: tuple[Finding, ...], lang: Lang) -> str:
    return f"{count(len(findings), 'finding', lang)} ({counts_text(findings, lang)})"


@attrs.frozen(repr=False)
class Findings:
    """What `validate` found in a strategy (*validatierapport*).

    `str()` is what `romstrategy check` prints for it: a line per finding,
    `PATH: CODE severity message`, then the counts per severity; the command
    puts the file's name before each line and the budget after the counts.
    `format()` is the readable text with a headline.

    Attributes:
        findings: every finding, ordered by code, then path, then subjects,
            whatever order they were given in.
    """

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_sorted_findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error (*fouten*), in report order."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity warning (*waarschuwingen*), in report order."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings of severity info, in report order."""
        return self._of(Severity.INFO)

    @property
    def ok(self) -> bool:
        """True when there are no errors; warnings and infos do not count."""
        return not self.errors

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct codes found, sorted."""
        return tuple(sorted({finding.code for finding in self.findings}))

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is severity)

    def raise_for_errors(self) -> None:
        """Raise `StrategyInvalid` if there is an error; return `None` otherwise.

        Raises:
            StrategyInvalid: carrying all findings of the report, errors and
                warnings alike, and listing them in its message.
        """
        if not self.ok:
            raise StrategyInvalid(self.findings)

    def format(self, lang: Literal["en", "nl"] = "en") -> str:
        """A readable text: a headline, then one line per finding."""
        if lang not in ("en", "nl"):
            raise ArgumentError(f"Findings.format: got lang {shown(lang)}, expected 'en' or 'nl'")
        if not self.findings:
            return label("no_findings", lang)
        lines = [_headline(self.findings, lang)]
        lines.extend(finding.format(lang) for finding in self.findings)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """A compact HTML table of the findings, for notebooks."""
        head = "<tr><th>code</th><th>severity</th><th>path</th><th>message</th></tr>"
        body = "".join(
            f"<tr><td>{html_text(f.code)}</td><td>{html_text(f.severity.value)}</td>"
            f'<td style="text-align:left">{html_text(f.path)}</td>'
            f'<td style="text-align:left">{html_text(f.message)}</td></tr>'
            for f in self.findings
        )
        caption = self.format("en").splitlines()[0]  # the report's own headline
        return f"<table><caption>{html_text(caption)}</caption>{head}{body}</table>"

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data for JSON: `ok`, the counts and the findings."""
        return {
            "ok": self.ok,
            "counts": {
                "error": len(self.errors),
                "warning": len(self.warnings),
                "info": len(self.infos),
            },
            "findings": [finding.to_dict() for finding in self.findings],
        }

    def __str__(self) -> str:
        lines = [finding_text(finding, "en") for finding in self.findings]
        return "\n".join([*lines, counts_text(self.findings, "en")])

    def __repr__(self) -> str:
        counts = counts_text(self.findings, "en")
        return f"Findings(ok={self.ok}, {counts}, codes={shown(self.codes)})"


class StrategyInvalid(Error):  # noqa: N818  # the name the issue gives it
    """A strategy breaks at least one rule of severity error (*ongeldige strategie*).

    Attributes:
        findings: every finding of the report, ordered as in the report.
    """

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = Findings(tuple(findings)).findings
        lines = [f"strategy is invalid: {_headline(self.findings, 'en')}"]
        lines.extend(finding.format("en") for finding in self.findings)
        super().__init__("\n".join(lines))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def __reduce__(self) -> tuple[type[StrategyInvalid], tuple[tuple[Finding, ...]]]:
        return (type(self), (self.findings,))
