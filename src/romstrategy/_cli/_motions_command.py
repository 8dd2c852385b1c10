"""`romstrategy motions`: motions from the Tweede Kamer's open data, and merging them."""

from __future__ import annotations

from pathlib import Path

import click

from romstrategy._cli._input import (
    STDIN,
    STDIN_LABEL,
    load_strategy,
    read_stdin_json,
    refuse_overwriting,
    same_file,
)
from romstrategy._cli._output import dump_or_fail, echo, echo_failure, fail
from romstrategy._documents._errors import DocumentError
from romstrategy._documents._reading import dumps, dumps_motions
from romstrategy._model._motion import Motion
from romstrategy._parliament._motion_lines import motion_lines
from romstrategy.parliament import OdataImport

__all__ = ["motions_command"]


def _text_format_of(plan: str) -> str:
    """The format of `plan` if it is a text document; TOML for a workbook or a data package."""
    suffix = Path(plan).suffix.lower().removeprefix(".")
    return suffix if suffix in ("json", "toml", "yaml", "yml") else "toml"


def _imported(files: tuple[str, ...], label: str) -> OdataImport:
    """The motions in `files` (standard input for `-`); a failure is printed and exits 2."""
    from romstrategy.parliament import from_odata

    try:
        found = from_odata([read_stdin_json() if file == STDIN else file for file in files])
    except (DocumentError, OSError) as failure:
        echo_failure(getattr(failure, "source", None) or label, failure)
        raise SystemExit(2) from None
    return found


def _merge_into(
    plan: str, out: str, motions: tuple[Motion, ...], add_new: bool, force: bool
) -> None:
    """Write `plan` merged with `motions` to `out`, and say what changed."""
    from romstrategy.parliament import merge_with_notes

    _, strategy = load_strategy(plan)
    if out != STDIN and same_file(plan, out) and not force:
        fail(f"{out} is {plan} itself; writing it drops its comments; use --force")
    try:
        result, notes = merge_with_notes(strategy, motions, add_new=add_new)
    except ValueError as error:
        fail(str(error))
    for note in notes:
        echo(f"{plan}: not merged: {note}", err=True)
    if out == STDIN:
        click.echo(dumps(result, _text_format_of(plan)), nl=False)  # formats escape unsafe chars
        return
    dump_or_fail(result, out)
    changed = sum(old != new for old, new in zip(strategy.motions, result.motions, strict=False))
    added = len(result.motions) - len(strategy.motions)
    word = "motion" if changed == 1 else "motions"
    echo(f"wrote {out}: {changed} {word} updated, {added} added", err=True)


def _label(files: tuple[str, ...]) -> str:
    """How messages name what was read: the one file, or the count of them."""
    if len(files) > 1:
        return f"{len(files)} files"
    return STDIN_LABEL if files[0] == STDIN else files[0]


@click.command("motions")
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
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
@click.option(
    "--summary",
    is_flag=True,
    help="Print counts by kind, outcome and appraisal, and of what was left out, instead.",
)
def motions_command(
    files: tuple[str, ...],
    output: str | None,
    plan: str | None,
    out: str | None,
    add_new: bool,
    force: bool,
    summary: bool,
) -> None:
    """Read the motions in FILE..., records saved from the Tweede Kamer's open data.

    Each FILE is a JSON answer (a page) of the Kamer's OData API for Zaak,
    with $expand=Besluit,ZaakActor,Kamerstukdossier, or a folder of them,
    read in order of name; - reads standard input. Of the versions of a
    record, the latest counts. The motions are printed one line each
    (Kamerstuk, title, status, signers and the cabinet's appraisal where
    known; a | in them as \\|), or with --format json, toml or yaml as a
    strategy document holds them, or with --summary counted; what could not
    be read is on standard error. With --merge, the motions update the
    strategy in that document, which is written to -o (- is standard
    output): the Kamerstuk and co-signers it lacks, the Kamer's votes and the
    cabinet's appraisal are filled in, and with --add-new the motions it does
    not hold are added. A motion is never marked settled: only the
    government settles a motion.

    \b
    Example:
      romstrategy motions zaken.json
      romstrategy motions pages/ --summary
      romstrategy motions zaken.json --merge plan.toml -o merged.toml
    """
    if plan is None and (out is not None or add_new or force):
        fail("-o, --add-new and --force go with --merge PLAN")
    if plan is not None and out is None:
        fail("--merge needs -o FILE for the merged strategy (or -o - for standard output)")
    if plan == STDIN:
        fail("--merge reads a strategy document from a file, not from standard input")
    if plan is not None and output is not None:
        fail("--format is for printing the motions; with --merge, -o's suffix gives the format")
    if summary and (plan is not None or output is not None):
        fail("--summary prints counts; it goes with neither --merge nor --format")
    if files.count(STDIN) > 1:
        fail("- (standard input) can be given once")
    for file in files:  # the Kamer's records are never written over, even with --force
        refuse_overwriting(file, out)
    label = _label(files)
    found = _imported(files, label)
    for warning in found.warnings:
        echo(f"{label}: warning: {warning}", err=True)
    if summary:
        for line in found.summary().splitlines():
            echo(line)
    elif plan is not None and out is not None:
        _merge_into(plan, out, found.motions, add_new, force)
    elif output in (None, "text"):
        for line in motion_lines(found.motions):
            echo(line)
    else:
        click.echo(dumps_motions(found.motions, output), nl=False)  # formats escape unsafe chars
    raise SystemExit(0)
