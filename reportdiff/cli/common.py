"""What every command shares: path and colour options, the terminal's width, warnings, --series pairs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from reportdiff.errors import ReportdiffError
from reportdiff.model import Report

COLOR_CHOICE = click.Choice(["auto", "always", "never"])
# Paths are checked where they are opened (ingest.read_file, output.write_output), which says what is
# wrong in one line; click's own checks (readable, dir_okay) would print its usage text instead.
INPUT_PATH = click.Path(allow_dash=True, readable=False)


class _OutputPath(click.Path):
    """``-o``: a folder is refused before any work is done, in one line (write_output checks again)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value != "-" and os.path.isdir(value):
            raise ReportdiffError(f"{value}: is a directory; give the name of a file to write")
        return super().convert(value, param, ctx)


OUTPUT_PATH = _OutputPath(allow_dash=True, readable=False)


def format_option(choices: list[str], help_text: str | None = None) -> Callable[[Any], Any]:
    """``--format`` of a command: one of ``choices``, the first by default."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help=help_text
    )


def use_color(choice: str, stream: Any = None) -> bool:
    """``always`` and ``never`` win; ``auto`` means a terminal and no ``NO_COLOR`` in the environment."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def text_width(to_stdout: bool) -> int:
    """The terminal's width when writing to one, else 100 columns."""
    if not (to_stdout and sys.stdout.isatty()):
        return 100
    import shutil  # only here: it pulls in bz2 and lzma, which output to a file or a pipe never needs

    return shutil.get_terminal_size(fallback=(100, 24)).columns


def warn(message: str) -> None:
    """``reportdiff: warning: …`` on stderr: a problem worth knowing that does not stop the command."""
    click.echo(f"reportdiff: warning: {message}", err=True)


def warn_reports(reports: Iterable[Report | None], named: bool = True) -> None:
    """The readers' warnings of each report, with the report's name unless ``named`` is False."""
    for report in reports:
        if report is None:
            continue
        for warning in report.warnings:
            warn(f"{report.source}: {warning}" if named else warning)


def color_for(fmt: str, choice: str, to_stdout: bool) -> bool:
    """Colour only for text: at a terminal as ``choice`` says, in a file only with ``always``."""
    return fmt == "text" and (use_color(choice) if to_stdout else choice == "always")


def series_pair(folder: str, *given: str | None) -> tuple[Any, Any]:
    """The newest report in ``folder`` and the one before it, as ``trend`` orders them (through the cache)."""
    from reportdiff.errors import InputError
    from reportdiff.trend.cache import ReportCache
    from reportdiff.trend.series import expand_paths, newest_pair

    if any(given):
        raise InputError("give OLD NEW or --series DIR, not both")
    old, new, warnings = newest_pair(expand_paths([folder]), ReportCache())
    for warning in warnings:
        click.echo(f"reportdiff: warning: {warning}", err=True)
    click.echo(f"reportdiff: {old.report.source} → {new.report.source}", err=True)
    return old.report, new.report
