"""The click group and the entry point; the exit status is owned here (see :class:`ExitStatus`)."""

from __future__ import annotations

import os
import sys

import click

from reportdiff.cli.common import warn
from reportdiff.cli.config import configured_readers, read_configuration, settings_default_map
from reportdiff.errors import ExitStatus, ReportdiffError


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


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and own the exit status."""
    raise SystemExit(run(argv))


def run(argv: list[str] | None = None) -> int:
    try:
        found = read_configuration()  # the one read of the configuration in this run
        default_map, warnings = settings_default_map(cli, found)
        for warning in warnings:
            warn(warning)
        with configured_readers(found):
            result = cli.main(
                args=argv, prog_name="reportdiff", standalone_mode=False, default_map=default_map, obj=found
            )
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
