"""``diff``: what changed from OLD to NEW, in any format; exit status 1 when something did."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from reportdiff.cli.app import cli
from reportdiff.cli.common import (
    COLOR_CHOICE,
    INPUT_PATH,
    OUTPUT_PATH,
    color_for,
    format_option,
    series_pair,
    text_width,
    warn_reports,
)
from reportdiff.cli.config import configuration
from reportdiff.errors import ExitStatus

if TYPE_CHECKING:
    from reportdiff.model import DocumentDiff, Report
    from reportdiff.render.options import RenderOptions


@cli.command("diff")
@click.argument("old", required=False, type=INPUT_PATH)
@click.argument("new", required=False, type=INPUT_PATH)
@click.option(
    "--series", "series_dir", type=click.Path(file_okay=False), help="OLD NEW = the newest pair in this folder."
)
@format_option(
    ["text", "json", "md", "html", "email-html"],
    "text for a terminal, json (schema reportdiff.diff/1), md for a pull request or plain e-mail.",
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
    from reportdiff.render.labels import detect_lang
    from reportdiff.render.options import RenderOptions
    from reportdiff.render.select import has_selected_changes

    with _cycle_collector_paused():
        old_report, new_report = _reports(series_dir, old, new)
        to_stdout = output is None or output == "-"
        options = RenderOptions(
            lang=lang or detect_lang(old_report, new_report),
            color=color_for(fmt, color_choice, to_stdout),
            width=width or text_width(to_stdout),
            context=context,
            summary_only=summary_only,
            side_by_side=side_by_side,
            section_pattern=section_pattern,
            show_toc_changes=show_toc_changes,
            show_layout=show_layout,
            full_report_link=link,
            explain=explain,
        )
        result = compare(old_report, new_report, rules=configuration().rules())
        _write(result, fmt, options, output, pager)
    return ExitStatus.CHANGED if has_selected_changes(result, section_pattern) else ExitStatus.SAME


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the pair is read, compared and written; as it was after.

    What start-up made (modules, classes, compiled patterns) lives to the end: frozen, it is not
    rescanned at every full collection (2 % of a diff). Reading and comparing leave next to no
    garbage in reference cycles (tests/test_memory.py holds that), so the collector could only
    rescan what they make, nearly all of which lives to the end: full collections were 2.4 s of
    15 s against 100 000 headings, and made reading the 100x pair 12x as slow as the 10x one.
    The text, Markdown and JSON writers make no cycles either. An HTML page makes one, once: the
    jinja2 context that renders it holds the page's views and the template's macros, which hold
    the context; the views go with it at the first collection after the command (at exit, for
    the CLI). With the collector on, rendering the page against 100 000 headings ran 3 450
    collections, 2.2 s of rescanning views that were alive anyway.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _reports(series_dir: str | None, old: str | None, new: str | None) -> tuple[Report, Report]:
    """OLD and NEW, or the newest pair of ``series_dir``; the readers' warnings said."""
    from reportdiff.errors import InputError
    from reportdiff.ingest import load_pair

    if old == "-" and new == "-":
        raise InputError("only one of OLD and NEW can be '-' (standard input)")
    if not series_dir and (old is None or new is None):
        raise InputError("give OLD and NEW, or --series DIR")
    if series_dir:
        old_report, new_report = series_pair(series_dir, old, new)
    else:
        assert old is not None and new is not None  # checked above
        old_report, new_report = load_pair(old, new)
    warn_reports([old_report, new_report])
    return old_report, new_report


def _write(result: DocumentDiff, fmt: str, options: RenderOptions, output: str | None, pager: bool | None) -> None:
    """The diff to ``output``: paged at a terminal, JSON as it is made, any other format at once."""
    from reportdiff.render.dispatch import render
    from reportdiff.render.output import write_output

    if (output is None or output == "-") and fmt == "text" and pager is not False and sys.stdout.isatty():
        from reportdiff.cli.pager import write_paged
        from reportdiff.render.terminal import terminal_chunks

        write_paged(terminal_chunks(result, options), sys.stdout, pager)
    elif fmt == "json":  # written as it is made: a huge diff is not held as data and text at once
        from reportdiff.render.json import json_chunks

        write_output(json_chunks(result, options), output)
    else:
        write_output(render(result, fmt, options), output)
