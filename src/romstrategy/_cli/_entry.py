"""The `romstrategy` group of commands, and the console script that runs it."""

from __future__ import annotations

import contextlib
import io
import os
import sys

import click

from romstrategy._cli._check_command import check
from romstrategy._cli._file_commands import convert, export, init
from romstrategy._cli._motions_command import motions_command
from romstrategy._cli._output import reason
from romstrategy._cli._report_commands import diff_command, progress_command, report_command
from romstrategy._cli._rule_commands import explain_command, schema
from romstrategy._cli._split_command import split

__all__ = ["main", "run"]


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


for _command in (
    check,
    report_command,
    progress_command,
    explain_command,
    schema,
    split,
    init,
    convert,
    export,
    diff_command,
    motions_command,
):
    main.add_command(_command)


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
            click.echo(f"Error: cannot write the output: {reason(error)}", err=True)
        raise SystemExit(2) from None


def _silence_output() -> None:
    """Send what is still buffered for standard output nowhere, so that exit does not fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
