"""``outline``, ``figures`` and ``text``: what the reader made of one file."""

from __future__ import annotations

import click

from reportdiff.cli.app import cli
from reportdiff.cli.common import INPUT_PATH, OUTPUT_PATH, format_option, warn_reports


@cli.command()
@click.argument("file", type=INPUT_PATH)
@format_option(
    ["text", "json"],
    "json follows the schema reportdiff.outline/1 (reportdiff/data/outline.schema.json).",
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
    from reportdiff.render.outline import render_outline
    from reportdiff.render.output import write_output

    report = load_pair(other_file, file)[1] if other_file else load(file)
    warn_reports([report], named=False)
    write_output(render_outline(report, fmt, explain), output)


@cli.command()
@click.argument("file", type=INPUT_PATH)
@format_option(
    ["text", "json", "csv"],
    "json follows the schema reportdiff.figures/1.",
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
    from reportdiff.figures import extract_figures
    from reportdiff.ingest import load
    from reportdiff.ingest.decode import decode
    from reportdiff.render.figures import format_figures
    from reportdiff.render.output import write_output

    report = load(file)
    warn_reports([report], named=False)
    source_text = None  # without it, a figure inside a wrapped paragraph gets an estimated line
    if file != "-" and report.style not in ("docx", "pdf"):
        try:
            with open(file, "rb") as handle:
                source_text = decode(handle.read(), file)
        except OSError:
            source_text = None
    write_output(format_figures(report, extract_figures(report, source_text), fmt, decimal_comma), output)


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
    from reportdiff.render.output import write_output

    write_output(report_text(load(file)), output)
