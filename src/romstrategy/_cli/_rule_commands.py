"""`romstrategy explain` and `schema`: what the rules check, and what a document holds."""

from __future__ import annotations

import click

from romstrategy._cli._output import echo, echo_json, fail
from romstrategy._documents._schema import json_schema
from romstrategy._reports._explanation import explanation_lines
from romstrategy.rules import rule_for

__all__ = ["explain_command", "schema"]


@click.command("explain")
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
        fail(str(error))
    for line in explanation_lines(rule):
        echo(line)


@click.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a strategy document.

    \b
    Example:
      romstrategy schema > strategy.schema.json
    """
    echo_json(json_schema())
