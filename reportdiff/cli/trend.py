"""``trend``: a series followed; with ``--diffs`` the diff of every consecutive pair written too."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportdiff.cli.app import cli
from reportdiff.cli.common import COLOR_CHOICE, INPUT_PATH, OUTPUT_PATH, color_for, format_option, text_width, warn
from reportdiff.cli.config import configuration
from reportdiff.errors import InputError

if TYPE_CHECKING:
    from reportdiff.classify.rules import Rules
    from reportdiff.model.series import SeriesReport
    from reportdiff.trend.series import LoadedReport


@cli.command()
@click.argument("files", nargs=-1, required=True, type=INPUT_PATH)
@format_option(
    ["text", "html", "json", "csv"],
    "text for a terminal, html (charts, standalone), json (schema reportdiff.trend/1), csv (figure timelines).",
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
    from reportdiff.render.dispatch import render_trend
    from reportdiff.render.labels import detect_lang
    from reportdiff.render.output import write_output
    from reportdiff.render.trend_common import TrendOptions

    # The rules (a user's rule file) are read only when something needs them: a topic, or the diffs.
    rules = configuration().rules() if topic is not None or diffs_dir else None
    loaded, result = _read_series(files, topic, rules, no_cache, jobs)
    to_stdout = output is None or output == "-"
    if csv_delimiter is None:
        csv_delimiter = ";" if decimal_comma else ","
    elif csv_delimiter == "tab":
        csv_delimiter = "\t"
    options = TrendOptions(
        lang=lang or detect_lang(*(item.report for item in loaded[:2])),
        color=color_for(fmt, color_choice, to_stdout),
        width=width or text_width(to_stdout),
        all_figures=all_figures,
        csv_delimiter=csv_delimiter,
        decimal_comma=decimal_comma,
    )
    write_output(render_trend(result, fmt, options), output)
    if diffs_dir:
        chosen = diff_format or (fmt if fmt in ("text", "json", "html") else "md")
        for path in write_diffs(loaded, result, diffs_dir, chosen, options.lang, configuration().rules()):
            click.echo(f"reportdiff: wrote {path}", err=True)


def _read_series(
    files: tuple[str, ...], topic: str | None, rules: Rules | None, no_cache: bool, jobs: int
) -> tuple[list[LoadedReport], SeriesReport]:
    """The reports of ``files`` read (new ones by worker processes, with a progress bar for a person
    watching) and followed; the readers' and the series' warnings said."""
    from contextlib import nullcontext

    from reportdiff.trend.cache import ReportCache
    from reportdiff.trend.series import (
        build_series,
        default_jobs,
        expand_paths,
        finish_series,
        plan_series,
        worker_pool,
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
            result = build_series(loaded, topic, cache, progress, pool, rules=rules)
    for warning in [*warnings, *result.warnings]:
        warn(warning)
    return loaded, result


DIFF_SUFFIXES = {"text": "txt", "json": "json", "md": "md", "html": "html", "email-html": "email.html"}


def write_diffs(
    loaded: Sequence[LoadedReport], result: SeriesReport, directory: str | Path, fmt: str, lang: str, rules: Rules
) -> list[Path]:
    """The diff of every consecutive pair of the series, one file each, named by position and file names."""
    from reportdiff.comparison import compare
    from reportdiff.render.dispatch import render
    from reportdiff.render.output import write_output

    by_source = {item.report.source: item.report for item in loaded}
    ordered = [by_source[entry.source] for entry in result.reports]
    target = Path(directory)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{directory}: cannot create the folder ({error.strerror or error})") from None
    written = []
    for index in range(1, len(ordered)):
        old, new = ordered[index - 1], ordered[index]
        name = f"{index:02d}-{Path(old.source).stem}--{Path(new.source).stem}.{DIFF_SUFFIXES[fmt]}"
        text = render(compare(old, new, rules=rules), fmt, lang=lang)
        write_output(text, str(target / name))
        written.append(target / name)
    return written
