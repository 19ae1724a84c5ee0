"""The command line: click commands that translate flags into calls of the public API. No logic here.

Exit status, as diff(1): 0 no change (or no error finding), 1 changes found, 2 trouble.
Click's own usage errors and Ctrl-C are remapped so that they are never mistaken for "changed".
"""

from __future__ import annotations

import os
import sys
from enum import IntEnum
from typing import Any

import click

from reportdiff.errors import ReportdiffError


class ExitStatus(IntEnum):
    SAME = 0
    CHANGED = 1
    ERROR = 2
    INTERRUPTED = 130


COLOR_CHOICE = click.Choice(["auto", "always", "never"])


def use_color(choice: str, stream: Any = None) -> bool:
    """``always`` and ``never`` win; ``auto`` means a terminal and no ``NO_COLOR`` in the environment."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="reportdiff")
def cli() -> None:
    """Compare versions of a long prose report, follow its figures and topics across a series.

    \b
    Examples:
      reportdiff diff snapshots/2025-01.md snapshots/2025-02.md
      reportdiff diff old.pdf new.docx --format html -o changes.html
      reportdiff outline report.txt --format json
      reportdiff trend snapshots/ --topic Cosmic
      reportdiff check draft.md --previous last-month.md
    """


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of stdout.")
def outline(file: str, fmt: str, output: str | None) -> None:
    """Show the section tree of FILE with levels and line numbers, plus date and author.

    \b
    Examples:
      reportdiff outline snapshots/2025-03.md
      reportdiff outline report.txt --format json | jq '.sections[].heading'
    """
    from reportdiff.ingest import load
    from reportdiff.output import write_output
    from reportdiff.render.outline import render_outline

    report = load(file)
    for warning in report.warnings:
        click.echo(f"reportdiff: warning: {warning}", err=True)
    write_output(render_outline(report, fmt), output)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and own the exit status."""
    raise SystemExit(run(argv))


def run(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, prog_name="reportdiff", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("reportdiff: interrupted", err=True)
        return ExitStatus.INTERRUPTED
    except KeyboardInterrupt:
        click.echo("reportdiff: interrupted", err=True)
        return ExitStatus.INTERRUPTED
    except click.exceptions.Exit as exit_:
        return ExitStatus.ERROR if exit_.exit_code not in (0, None) else ExitStatus.SAME
    except click.ClickException as error:
        error.show()
        return ExitStatus.ERROR
    except ReportdiffError as error:
        click.echo(f"reportdiff: error: {error}", err=True)
        return ExitStatus.ERROR
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); not our error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitStatus.SAME
    except MemoryError:
        click.echo("reportdiff: error: out of memory", err=True)
        return ExitStatus.ERROR
    return int(result or 0)
