"""``check``: findings for a draft, against the previous report when there is one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reportdiff.cli.app import cli
from reportdiff.cli.common import INPUT_PATH, OUTPUT_PATH, format_option, series_pair, warn, warn_reports
from reportdiff.errors import ExitStatus

if TYPE_CHECKING:
    from reportdiff.model import Report


@cli.command("check")
@click.argument("draft", required=False, type=INPUT_PATH)
@click.option("--previous", type=INPUT_PATH, help="The previous report: finds copied text, parts gone.")
@click.option(
    "--series", "series_dir", type=click.Path(file_okay=False), help="DRAFT, --previous = the newest pair here."
)
@click.option("--against", metavar="REV", help="Take the previous report from git: DRAFT as it was at REV (e.g. HEAD).")
@format_option(["text", "json"])
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules (codes or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Not these rules (added to the configuration's).")
@click.option("--config", "config_file", type=INPUT_PATH, help="Read [check] settings from this file.")
@click.option("--list-rules", is_flag=True, help="List the rules with their codes and severities, then stop.")
@click.option(
    "--lang", type=click.Choice(["sv", "en"]), default="en", show_default=True, help="Language of the messages."
)
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
def check_command(
    draft: str | None,
    previous: str | None,
    series_dir: str | None,
    against: str | None,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
    list_rules: bool,
    lang: str,
    output: str | None,
) -> int:
    """Check DRAFT for stale text, a wrong table of contents, clashing figures and leftovers.

    Prints path:line:col: CODE message per finding. Exit status: 0 no error finding,
    1 an error finding, 2 trouble. Rules and configuration: docs/check.md.

    \b
    Examples:
      reportdiff check snapshots/2025-05.md --previous snapshots/2025-04.md
      reportdiff check rapport.docx --against HEAD
      reportdiff check draft.md --select RD6 --format json
      reportdiff check --list-rules
      reportdiff check --series rapporter/
    \f
    Over 60 lines because of the help text above and one parameter per flag.
    """
    from reportdiff.check import check, exit_status, read_source_text
    from reportdiff.check.config import split_codes
    from reportdiff.cli.config import load_check_config
    from reportdiff.errors import InputError
    from reportdiff.ingest import load
    from reportdiff.render.check import format_json, format_text, rule_table
    from reportdiff.render.output import write_output

    if list_rules:
        write_output(rule_table(), output)
        return ExitStatus.SAME
    if series_dir:
        if draft or previous or against:
            raise InputError("--series picks DRAFT and the previous report; give no DRAFT, --previous or --against")
        previous_report, draft_report = series_pair(series_dir)
        draft = draft_report.source
    if draft is None:
        raise InputError("check needs a DRAFT file (or --series DIR, or --list-rules)")
    if previous and against:
        raise InputError("give --previous or --against, not both")
    config = load_check_config(draft, config_file).with_flags(split_codes(select), split_codes(ignore))
    for warning in config.warnings:
        warn(warning)
    if not series_dir:
        draft_report = load(draft)
        previous_report = None
    if previous:
        previous_report = load(previous)
    elif against:
        previous_report = _at_revision(draft, against)
    warn_reports([draft_report, previous_report])
    findings = check(draft_report, previous_report, config, read_source_text(draft), lang=lang)
    previous_name = previous_report.source if previous_report else None
    shown = format_json(findings, draft, previous_name) if fmt == "json" else format_text(findings)
    write_output(shown, output)
    return exit_status(findings)


def _at_revision(draft: str, revision: str) -> Report:
    """DRAFT as committed at ``revision`` (``check --against``)."""
    from pathlib import Path

    from reportdiff.errors import InputError
    from reportdiff.ingest import load_bytes
    from reportdiff.ingest.git import read_at_revision

    data = read_at_revision(draft, revision)
    if data is None:
        raise InputError(f"{draft}: not in revision {revision}")
    return load_bytes(data, f"{revision}:{draft}", suffix=Path(draft).suffix.lower())
