"""`romstrategy init`, `convert` and `export`: start a document, change its format, share it."""

from __future__ import annotations

import os
from pathlib import Path

import click

from romstrategy import reference
from romstrategy._cli._input import load_strategy, same_file
from romstrategy._cli._output import dump_or_fail, echo, fail, reason, write_or_fail
from romstrategy._documents._formats import format_of
from romstrategy._documents._reading import dump, dumps, loads
from romstrategy._documents._starter import STARTER_TOML
from romstrategy._model._money import Money
from romstrategy._model._strategy import Strategy

__all__ = ["convert", "export", "init"]


def _starter_workbook() -> Strategy:
    """The starter workbook's strategy: the reference one, and an illustrative row per table.

    It passes every rule but RS102: the funding source is allocated in part only.
    """
    import attrs

    from romstrategy import (
        Activity,
        Allocation,
        Scope,
        Service,
        Transaction,
        TransactionKind,
        YearAmount,
    )

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
        schedule=(
            YearAmount(year=strategy.period.start.year, amount=Money("40000.00")),
            YearAmount(year=strategy.period.start.year + 1, amount=Money("60000.00")),
        ),
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
        fail(f"{path}: use the suffix .toml, .json, .yaml, .yml or .xlsx to choose the format")
    if format == "toml":
        return STARTER_TOML  # with its comments
    return dumps(loads(STARTER_TOML, "toml"), format)


@click.command()
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
        fail(f"{path}: exists already; use --force to overwrite it")
    if workbook:
        try:
            dump(_starter_workbook(), path)
        except ImportError as error:
            fail(f"{path}: {error}")
        except OSError as error:
            fail(f"{path}: cannot be written: {reason(error)}")
    else:
        write_or_fail(path, text)
    echo(f"wrote {path}")


@click.command()
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
    _, strategy = load_strategy(source)
    if same_file(source, target) and not force:
        fail(f"{target} is {source} itself; converting drops its comments; use --force")
    dump_or_fail(strategy, target)
    echo(f"wrote {target}")


@click.command()
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
    folder is made if missing; the package is written whole, to a new
    folder that is swapped in. FILE may be a document or a data package
    itself.

    \b
    Example:
      romstrategy export plan.toml --to datapackage plan-data
      frictionless validate plan-data/datapackage.json
    """
    _, strategy = load_strategy(file)
    from romstrategy.tables import write_datapackage

    try:
        descriptor = write_datapackage(strategy, out_dir, license=licence)
    except ValueError as error:
        fail(f"{out_dir}: {error}")
    except OSError as error:
        fail(f"{error.filename or out_dir}: cannot be written: {reason(error)}")
    echo(f"wrote {descriptor}")
