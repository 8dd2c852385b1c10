"""A rule explained for people (*uitleg*): what `romstrategy explain` prints."""

from __future__ import annotations

from romstrategy._model._display import visible
from romstrategy.rules import Rule

__all__ = ["explanation_lines"]


def explanation_lines(rule: Rule) -> list[str]:
    """Code, severity and title; the Dutch title; the explanation; the two examples."""
    lines = [f"{rule.code} ({rule.severity.value}): {rule.title}"]
    if rule.title_nl:
        lines.append(f"  nl: {rule.title_nl}")
    lines += ["", *rule.explanation.split("\n"), ""]
    lines.append(f"Fails: {rule.failing_example or '-'}")
    lines.append(f"Passes: {rule.passing_example or '-'}")
    return [visible(line) for line in lines]
