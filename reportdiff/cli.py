"""The command line: click commands that translate flags into calls of the public API. No logic here.

Exit status, as diff(1): 0 no change (or no error finding), 1 changes found, 2 trouble.
Click's own usage errors and Ctrl-C are remapped so that they are never mistaken for "changed".
"""

from __future__ import annotations

import gc
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
@click.argument("file", type=INPUT_PATH)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json follows the schema reportdiff.outline/1 (reportdiff/data/outline.schema.json).",
)
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
@click.option("--explain", is_flag=True, help="Say why each heading is one, why it has its level and its parent.")
@click.option(
    "--other",
    "other_file",
    type=INPUT_PATH,
    help="Read FILE with this report's headings as evidence, as diff reads a pair (--explain says where).",
)
def outline(file: str, fmt: str, output: str | None, explain: bool, other_file: str | None) -> None:
    """Show the section tree of FILE with levels and line numbers, plus date and author.

    \b
    Examples:
      reportdiff outline snapshots/2025-03.md
      reportdiff outline report.txt --format json | jq '.sections[].heading'
      reportdiff outline report.pdf --explain
      reportdiff outline march.txt --other february.txt --explain
    """
    from reportdiff.ingest import load, load_pair
    from reportdiff.output import write_output
    from reportdiff.render.outline import render_outline

    report = load_pair(other_file, file)[1] if other_file else load(file)
    for warning in report.warnings:
        click.echo(f"reportdiff: warning: {warning}", err=True)
    write_output(render_outline(report, fmt, explain), output)


@cli.command()
@click.argument("old", required=False, type=INPUT_PATH)
@click.argument("new", required=False, type=INPUT_PATH)
@click.option(
    "--series", "series_dir", type=click.Path(file_okay=False), help="Send the newest pair of this folder, once."
)
@click.option("--since-state", "state_file", type=click.Path(dir_okay=False), help="With --series: the state file.")
@click.option(
    "--settle",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="With --series: a report changed more recently is left for the next run (0: no wait).",
)
@click.option("--resend", "resend_file", type=click.Path(dir_okay=False), help="Send this kept .eml (from the outbox).")
@click.option("--to", "to", multiple=True, help="Recipient; repeat for more.")
@click.option("--cc", "cc", multiple=True, help="Copy to; repeat for more.")
@click.option("--subject", help="Subject line. Default: 'Ändringar i <title>: <old date> → <new date>'.")
@click.option("--link", help="Address of the full comparison (an http(s) URL), linked from the message.")
@click.option("--lang", type=click.Choice(["auto", "sv", "en"]), default="auto", show_default=True)
@click.option("--tls", type=click.Choice(["starttls", "ssl", "none"]), help="Default: from config, else starttls.")
@click.option("--retries", type=click.IntRange(0, 10), help="Tries again after a 4xx answer.  [default: 3]")
@click.option(
    "--retry-delay", type=click.FloatRange(0, 300), metavar="SECONDS", help="First wait; doubles.  [default: 5]"
)
@click.option("--outbox", type=click.Path(file_okay=False), help="Keep unsent messages here.  [default: state folder]")
@click.option("--dry-run", is_flag=True, help="Build the message and write it (.eml) instead of sending.")
@click.option("-o", "--output", type=OUTPUT_PATH, help="With --dry-run: write here.")
@click.option("-q", "--quiet", is_flag=True, help="With --series: say nothing when nothing is sent (for cron).")
def email(
    old: str | None,
    new: str | None,
    series_dir: str | None,
    state_file: str | None,
    settle: float,
    resend_file: str | None,
    to: tuple[str, ...],
    cc: tuple[str, ...],
    subject: str | None,
    link: str | None,
    lang: str,
    tls: str | None,
    retries: int | None,
    retry_delay: float | None,
    outbox: str | None,
    dry_run: bool,
    output: str | None,
    quiet: bool,
) -> None:
    """Send the change summary between OLD and NEW as an e-mail (text and HTML) over SMTP.

    With --series DIR instead of OLD NEW: the newest report in DIR and the one before it (by the
    reports' own dates), sent once; run it from cron or a timer (docs/email-schedule.md).
    A message that could not be sent is kept in the outbox; --resend FILE sends it.

    \b
    SMTP settings come from [tool.reportdiff.email] in pyproject.toml (or reportdiff.toml):
    host, port, user, sender, tls, cafile, timeout, retries, retry_delay, outbox; the environment
    overrides them: REPORTDIFF_SMTP_HOST, _PORT, _USER, _FROM, _TLS, _CAFILE, _TIMEOUT, _RETRIES,
    _RETRY_DELAY, _OUTBOX. The password is read only from REPORTDIFF_SMTP_PASSWORD, or asked
    for when run in a terminal.

    \b
    Examples:
      reportdiff email snapshots/2025-04.md snapshots/2025-05.md --to kansliet@example.org
      reportdiff email old.pdf new.pdf --to a@example.org --link https://intra.example.org/diff.html
      reportdiff email old.md new.md --to a@example.org --dry-run -o message.eml
      reportdiff email --series /srv/rapporter --to styrelsen@example.org
      reportdiff email --resend ~/.local/state/reportdiff/outbox/reportdiff-0123abcd.eml
    """
    from pathlib import Path

    from reportdiff.config import config_section
    from reportdiff.errors import InputError
    from reportdiff.mail.settings import resolve_settings
    from reportdiff.render.html import checked_link

    given = [name for name, value in (("OLD NEW", old), ("--series", series_dir), ("--resend", resend_file)) if value]
    if len(given) != 1:
        raise InputError("give OLD NEW, --series DIR or --resend FILE (one of them)")
    if not resend_file and not to:
        raise InputError("no recipient: give at least one --to address")
    checked_link(link)  # a bad --link fails before any work
    # The table also holds this command's own settings (to, subject, ...): the CLI read those as defaults.
    smtp = {key: value for key, value in config_section("email").items() if key not in EMAIL_OPTION_KEYS}
    settings = resolve_settings(smtp, os.environ, tls=tls, retries=retries, retry_delay=retry_delay, outbox=outbox)

    def ask_password() -> None:
        if settings.user and not settings.password and sys.stdin.isatty():
            settings.password = click.prompt(f"SMTP password for {settings.user}", hide_input=True, err=True)

    def say(text: str) -> None:
        click.echo(f"reportdiff: {text}", err=True)

    if resend_file:
        from reportdiff.mail.outbox import resend

        settings.require_host()
        ask_password()
        delivery, removed = resend(resend_file, settings)
        gone = f"; removed {resend_file} from the outbox" if removed else ""
        say(f"sent to {len(delivery.accepted)} recipient(s) via {settings.host}:{settings.effective_port}{gone}")
        return
    if series_dir:
        from reportdiff.mail.series import SeriesJob, send_series

        job = SeriesJob(
            folder=Path(series_dir),
            to=to,
            cc=cc,
            subject=subject,
            link=link,
            lang=lang,
            state_path=Path(state_file) if state_file else None,
            settle=settle,
            dry_run=dry_run,
            output=output,
            quiet=quiet,
        )
        send_series(job, settings, say, ask_password)
        return
    if new is None:
        raise InputError("give both OLD and NEW")
    from reportdiff.comparison import compare
    from reportdiff.ingest import load_pair
    from reportdiff.mail.outbox import deliver
    from reportdiff.output import write_output
    from reportdiff.render.common import detect_lang
    from reportdiff.render.email_message import build_message
    from reportdiff.render.options import RenderOptions

    reports = list(load_pair(old, new))
    for report in reports:
        for warning in report.warnings:
            say(f"warning: {warning}")
    diff = compare(*reports)
    options = RenderOptions(lang=detect_lang(*reports) if lang == "auto" else lang, full_report_link=link)
    message = build_message(diff, options, to=to, cc=cc, sender=settings.sender, subject=subject)
    if dry_run:
        write_output(message.as_bytes(), output)
        return
    settings.require_host()  # before the password prompt, and before anything goes to the outbox
    ask_password()
    delivery = deliver(message, settings)
    say(f"sent to {len(delivery.accepted)} recipient(s) via {settings.host}:{settings.effective_port}")


@cli.command("diff")
@click.argument("old", required=False, type=INPUT_PATH)
@click.argument("new", required=False, type=INPUT_PATH)
@click.option(
    "--series", "series_dir", type=click.Path(file_okay=False), help="OLD NEW = the newest pair in this folder."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "html", "email-html"]),
    default="text",
    show_default=True,
    help="text for a terminal, json (schema reportdiff.diff/1), md for a pull request or plain e-mail.",
)
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="Unchanged paragraphs shown around each change.",
)
@click.option("--summary/--full", "summary_only", default=False, help="Show only the summary, not the changed text.")
@click.option("--side-by-side/--inline", default=False, help="Old and new in two columns (text format).")
@click.option(
    "--section",
    "section_pattern",
    metavar="PATTERN",
    help="Only sections whose path contains PATTERN (case-insensitive; * ? [ ] make it a glob).",
)
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Language of the labels.  [default: the reports' own]")
@click.option("--color", "color_choice", type=COLOR_CHOICE, default="auto", show_default=True, help="Colour the text.")
@click.option(
    "--show-toc-changes/--hide-toc-changes", default=False, help="Also list differences in the tables of contents."
)
@click.option(
    "--show-layout/--hide-layout",
    default=False,
    help="Also list paragraphs split or merged with not a word changed (layout only).",
)
@click.option("--pager/--no-pager", default=None, help="Page long text output at a terminal.  [default: pager]")
@click.option("--width", type=click.IntRange(min=40), metavar="COLUMNS", help="Text width.  [default: the terminal's]")
@click.option("--link", metavar="URL", help="e-mail-html: where readers find the full comparison (http/https).")
@click.option(
    "--explain",
    is_flag=True,
    help="text, md: under each claim the sentences that state it and the rule; then what was withheld and why.",
)
def diff_command(
    old: str | None,
    new: str | None,
    series_dir: str | None,
    fmt: str,
    output: str | None,
    context: int,
    summary_only: bool,
    side_by_side: bool,
    section_pattern: str | None,
    lang: str | None,
    color_choice: str,
    show_toc_changes: bool,
    show_layout: bool,
    pager: bool | None,
    width: int | None,
    link: str | None,
    explain: bool,
) -> int:
    """Show what changed from OLD to NEW (paths, or - for standard input).

    With --series DIR instead of OLD NEW: the newest report in DIR against the one before it,
    by the reports' own dates (as trend orders them). Exit status: 0 no change, 1 changes found,
    2 trouble.

    \b
    Examples:
      reportdiff diff snapshots/2025-04.md snapshots/2025-05.md
      reportdiff diff old.md new.md --summary --lang en
      reportdiff diff old.md new.md --summary --explain
      reportdiff diff old.md new.md --section "Division Funktion" --context 0
      reportdiff diff old.md new.md --side-by-side --color always | less -R
      reportdiff diff old.md new.md --format md -o comment.md
      reportdiff diff old.md new.md --format json | jq '.stats'
      cat new.md | reportdiff diff old.md -
      reportdiff diff --series snapshots/
    """
    from reportdiff.comparison import compare
    from reportdiff.errors import InputError
    from reportdiff.ingest import load_pair
    from reportdiff.output import write_output
    from reportdiff.render.common import detect_lang, has_selected_changes
    from reportdiff.render.dispatch import render
    from reportdiff.render.options import RenderOptions

    if old == "-" and new == "-":
        raise InputError("only one of OLD and NEW can be '-' (standard input)")
    if not series_dir and (old is None or new is None):
        raise InputError("give OLD and NEW, or --series DIR")
    # What start-up made (modules, classes, compiled patterns) lives to the end; frozen, the cycle
    # collector stops rescanning it at every full collection (2 % of a diff).
    gc.freeze()
    old_report, new_report = series_pair(series_dir, old, new) if series_dir else load_pair(old, new)
    for report in (old_report, new_report):
        for warning in report.warnings:
            click.echo(f"reportdiff: warning: {report.source}: {warning}", err=True)
    to_stdout = output is None or output == "-"
    if width is None:
        width = text_width(to_stdout)
    options = RenderOptions(
        lang=lang or detect_lang(old_report, new_report),
        color=fmt == "text" and (use_color(color_choice) if to_stdout else color_choice == "always"),
        width=width,
        context=context,
        summary_only=summary_only,
        side_by_side=side_by_side,
        section_pattern=section_pattern,
        show_toc_changes=show_toc_changes,
        show_layout=show_layout,
        full_report_link=link,
        explain=explain,
    )
    result = compare(old_report, new_report)
    status = ExitStatus.CHANGED if has_selected_changes(result, section_pattern) else ExitStatus.SAME
    if to_stdout and fmt == "text" and pager is not False and sys.stdout.isatty():
        from reportdiff.pager import write_paged
        from reportdiff.render.terminal import terminal_chunks

        write_paged(terminal_chunks(result, options), sys.stdout, pager)
        return status
    if fmt == "json":  # written as it is made: a huge diff is not held as data and text at once
        from reportdiff.render.json import json_chunks

        write_output(json_chunks(result, options), output)
    else:
        write_output(render(result, fmt, options), output)
    return status


@cli.command()
@click.argument("file", type=INPUT_PATH)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="json follows the schema reportdiff.figures/1.",
)
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
@click.option(
    "--decimal-comma/--no-decimal-comma",
    default=False,
    help="CSV numbers with a decimal comma (5,9) and ';' between fields.",
)
def figures(file: str, fmt: str, output: str | None, decimal_comma: bool) -> None:
    """List the figures found in FILE: value, unit, what each measures, and where.

    \b
    Examples:
      reportdiff figures snapshots/2025-03.md
      reportdiff figures report.txt --format csv -o figures.csv
      reportdiff figures report.pdf --format csv --decimal-comma -o siffror.csv
      reportdiff figures report.txt --format json | jq '.figures[] | select(.unit == "mnkr")'
    """
    from reportdiff.figures import extract_figures, format_figures
    from reportdiff.ingest import load
    from reportdiff.ingest.decode import decode
    from reportdiff.output import write_output

    report = load(file)
    for warning in report.warnings:
        click.echo(f"reportdiff: warning: {warning}", err=True)
    source_text = None  # without it, a figure inside a wrapped paragraph gets an estimated line
    if file != "-" and report.style not in ("docx", "pdf"):
        try:
            with open(file, "rb") as handle:
                source_text = decode(handle.read(), file)
        except OSError:
            source_text = None
    write_output(format_figures(report, extract_figures(report, source_text), fmt, decimal_comma), output)


@cli.command("check")
@click.argument("draft", required=False, type=INPUT_PATH)
@click.option("--previous", type=INPUT_PATH, help="The previous report: finds copied text, parts gone.")
@click.option(
    "--series", "series_dir", type=click.Path(file_okay=False), help="DRAFT, --previous = the newest pair here."
)
@click.option("--against", metavar="REV", help="Take the previous report from git: DRAFT as it was at REV (e.g. HEAD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
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
    """
    from reportdiff.check import check, exit_status, format_json, format_text, read_source_text, rule_table
    from reportdiff.check.config import load_check_config, split_codes
    from reportdiff.errors import InputError
    from reportdiff.ingest import load, load_bytes
    from reportdiff.output import write_output

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
        click.echo(f"reportdiff: warning: {warning}", err=True)
    if not series_dir:
        draft_report = load(draft)
        previous_report = None
    if previous:
        previous_report = load(previous)
    elif against:
        from pathlib import Path

        from reportdiff.gitutil import read_at_revision

        data = read_at_revision(draft, against)
        if data is None:
            raise InputError(f"{draft}: not in revision {against}")
        previous_report = load_bytes(data, f"{against}:{draft}", suffix=Path(draft).suffix.lower())
    for report in (draft_report, previous_report):
        for warning in report.warnings if report else []:
            click.echo(f"reportdiff: warning: {report.source}: {warning}", err=True)
    findings = check(draft_report, previous_report, config, read_source_text(draft), lang=lang)
    if fmt == "json":
        previous_name = previous_report.source if previous_report else None
        write_output(format_json(findings, draft, previous_name), output)
    else:
        write_output(format_text(findings), output)
    return exit_status(findings)


@cli.command("text")
@click.argument("file", type=INPUT_PATH)
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
def text_command(file: str, output: str | None) -> None:
    """Print the normalised text of FILE: headings as #, one paragraph a block, no contents or furniture.

    Made for git: with `*.docx diff=report` in .gitattributes and
    `git config diff.report.textconv "reportdiff text"`, `git diff` shows reports as text.

    \b
    Examples:
      reportdiff text rapport.docx
      reportdiff text rapport.pdf -o rapport.txt
    """
    from reportdiff.check.textconv import report_text
    from reportdiff.ingest import load
    from reportdiff.output import write_output

    write_output(report_text(load(file)), output)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=INPUT_PATH)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "html", "json", "csv"]),
    default="text",
    show_default=True,
    help="text for a terminal, html (charts, standalone), json (schema reportdiff.trend/1), csv (figure timelines).",
)
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
@click.option("--topic", metavar="WORDS", help="Follow this word or phrase (stemmed, any case) through the series.")
@click.option(
    "--all-figures/--moving-figures", default=False, help="Also show figures that never change or appear only once."
)
@click.option(
    "--diffs", "diffs_dir", type=click.Path(file_okay=False), help="Also write the diff of every consecutive pair here."
)
@click.option(
    "--diff-format",
    type=click.Choice(["text", "json", "md", "html", "email-html"]),
    help="Format of the --diffs files.  [default: --format if a diff can take it, else md]",
)
@click.option(
    "--csv-delimiter",
    type=click.Choice([",", ";", "tab"]),
    help="CSV field separator.  [default: ',', or ';' with --decimal-comma]",
)
@click.option(
    "--decimal-comma/--no-decimal-comma",
    default=False,
    help="CSV numbers with a decimal comma (5,9), for Swedish Excel.",
)
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Language of the labels.  [default: the reports' own]")
@click.option("--color", "color_choice", type=COLOR_CHOICE, default="auto", show_default=True, help="Colour the text.")
@click.option("--width", type=click.IntRange(min=40), metavar="COLUMNS", help="Text width.  [default: the terminal's]")
@click.option("--no-cache", is_flag=True, help="Parse every report again; do not read or write the cache.")
@click.option(
    "--jobs", type=click.IntRange(min=0), default=0, metavar="N", help="Worker processes for new reports (0: auto)."
)
def trend(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    topic: str | None,
    all_figures: bool,
    diffs_dir: str | None,
    diff_format: str | None,
    csv_delimiter: str | None,
    decimal_comma: bool,
    lang: str | None,
    color_choice: str,
    width: int | None,
    no_cache: bool,
    jobs: int,
) -> None:
    """Follow figures, topics and sections through a series of reports (FILES, or a folder of them).

    The reports are put in order by their own dates, whatever their file names. Parsed reports
    are cached (REPORTDIFF_CACHE_DIR, else the user's cache folder); --no-cache skips the cache.

    \b
    Examples:
      reportdiff trend snapshots/
      reportdiff trend snapshots/ --topic Cosmic
      reportdiff trend snapshots/*.md --format html -o trend.html
      reportdiff trend snapshots/ --format csv --csv-delimiter ";" --decimal-comma -o figures.csv
      reportdiff trend snapshots/ --format json | jq '.figures[] | {label, unit}'
      reportdiff trend snapshots/ --diffs diffs/ --diff-format md
    """
    from contextlib import nullcontext

    from reportdiff.cache import ReportCache
    from reportdiff.output import write_output
    from reportdiff.render.common import detect_lang
    from reportdiff.render.trend_common import TrendOptions, render_trend
    from reportdiff.series import (
        build_series,
        default_jobs,
        expand_paths,
        finish_series,
        plan_series,
        worker_pool,
        write_diffs,
    )

    paths = expand_paths(files)
    cache = None if no_cache else ReportCache()
    plan = plan_series(paths, cache)
    with worker_pool(jobs or default_jobs(len(plan.missing))) as pool:  # started before any thread
        progress_bar: Any = nullcontext(None)
        if sys.stderr.isatty() and len(paths) > 1:  # a bar only for a person watching
            from reportdiff.render.trend_terminal import progress_reporter

            progress_bar = progress_reporter()
        with progress_bar as progress:
            loaded, warnings = finish_series(plan, cache, progress, pool)
            result = build_series(loaded, topic, cache, progress, pool)
    for warning in [*warnings, *result.warnings]:
        click.echo(f"reportdiff: warning: {warning}", err=True)
    to_stdout = output is None or output == "-"
    if width is None:
        width = text_width(to_stdout)
    if csv_delimiter is None:
        csv_delimiter = ";" if decimal_comma else ","
    elif csv_delimiter == "tab":
        csv_delimiter = "\t"
    options = TrendOptions(
        lang=lang or detect_lang(*(item.report for item in loaded[:2])),
        color=fmt == "text" and (use_color(color_choice) if to_stdout else color_choice == "always"),
        width=width,
        all_figures=all_figures,
        csv_delimiter=csv_delimiter,
        decimal_comma=decimal_comma,
    )
    write_output(render_trend(result, fmt, options), output)
    if diffs_dir:
        chosen = diff_format or (fmt if fmt in ("text", "json", "html") else "md")
        for path in write_diffs(loaded, result, diffs_dir, chosen, options.lang):
            click.echo(f"reportdiff: wrote {path}", err=True)


def series_pair(folder: str, *given: str | None) -> tuple[Any, Any]:
    """The newest report in ``folder`` and the one before it, as ``trend`` orders them (through the cache)."""
    from reportdiff.cache import ReportCache
    from reportdiff.errors import InputError
    from reportdiff.series import expand_paths, newest_pair

    if any(given):
        raise InputError("give OLD NEW or --series DIR, not both")
    old, new, warnings = newest_pair(expand_paths([folder]), ReportCache())
    for warning in warnings:
        click.echo(f"reportdiff: warning: {warning}", err=True)
    click.echo(f"reportdiff: {old.report.source} → {new.report.source}", err=True)
    return old.report, new.report


# Options that the configuration does not set: where output goes, one-off actions, the
# configuration file itself, and check's select/ignore (its own table reads those, see check/config.py).
# --series and --resend say what to compare or send, as OLD and NEW do: never from the file.
_NOT_SETTINGS = {
    "output",
    "other_file",
    "list_rules",
    "config_file",
    "dry_run",
    "no_cache",
    "select",
    "ignore",
    "diffs_dir",
    "series_dir",
    "resend_file",
}
# Keys of [email] that are the email command's own options, not SMTP settings for mail.py.
# (retries, retry_delay, outbox and tls are both: the CLI passes them on as flags.)
EMAIL_OPTION_KEYS = {"to", "cc", "subject", "link", "lang", "since_state", "since-state", "settle", "retry-delay"}
# Tables read by their own code, which checks their keys: [email] (mail.py), [rules] (classify/rules.py),
# [headings] (text/heading_words.py).
_OWN_TABLES = {"email", "rules", "headings"}


def _setting_names(param: click.Option) -> list[str]:
    """``--side-by-side`` → ``side_by_side`` and ``side-by-side``: how a setting may be spelled."""
    names = [name.lstrip("-") for name in param.opts if name.startswith("--")]
    return sorted({form for name in names for form in (name, name.replace("-", "_"))})


def _command_settings(command: click.Command) -> dict[str, click.Option]:
    settings: dict[str, click.Option] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in _NOT_SETTINGS or param.name == "help":
            continue
        if param.is_flag and not param.secondary_opts:
            continue  # a flag that no flag could turn off again: the file could beat the command line
        for name in _setting_names(param):
            settings[name] = param
    return settings


def settings_default_map(group: click.Group, start: str = ".") -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Click's ``default_map`` from ``[tool.reportdiff]``: settings become the defaults, so a flag always wins.

    Keys at the top (``lang = "sv"``) apply to every command that has that option; a command's own
    table (``[tool.reportdiff.diff]``) applies to it alone and wins over the top. A key that no
    command takes is a warning naming it; a value that does not fit is an error.
    """
    from reportdiff.config import find_config
    from reportdiff.errors import ConfigError

    path, table = find_config(start)
    if not table:
        return {}, []
    warnings: list[str] = []
    options = {name: _command_settings(command) for name, command in group.commands.items()}
    top = {key: value for key, value in table.items() if not isinstance(value, dict)}
    for key, value in table.items():
        if isinstance(value, dict) and key not in options and key not in _OWN_TABLES:
            warnings.append(f"{path}: unknown table [{key}] in the reportdiff configuration (ignored)")
        elif not isinstance(value, dict) and not any(key in settings for settings in options.values()):
            warnings.append(f"{path}: unknown key {key!r} in the reportdiff configuration (ignored)")
    default_map: dict[str, dict[str, Any]] = {}
    for name, settings in options.items():
        own = table.get(name, {}) if isinstance(table.get(name), dict) else {}
        values: dict[str, Any] = {}
        for where, source in (("", top), (f"[{name}] ", own)):
            for key, value in source.items():
                param = settings.get(key)
                if param is None:
                    if where and name not in _OWN_TABLES and name != "check":  # check/config.py warns for its own
                        warnings.append(f"{path}: unknown key {key!r} in [{name}] (ignored)")
                    continue
                if param.multiple and isinstance(value, str):
                    value = [value]  # to = "a@example.org" means the one address
                try:
                    values[param.name or key] = param.type_cast_value(click.Context(group.commands[name]), value)
                except click.BadParameter as error:
                    raise ConfigError(f"{path}: {where}{key}: {error.message}") from None
        if values:
            default_map[name] = values
    return default_map, warnings


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and own the exit status."""
    raise SystemExit(run(argv))


def run(argv: list[str] | None = None) -> int:
    try:
        default_map, warnings = settings_default_map(cli)
        for warning in warnings:
            click.echo(f"reportdiff: warning: {warning}", err=True)
        result = cli.main(args=argv, prog_name="reportdiff", standalone_mode=False, default_map=default_map)
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
