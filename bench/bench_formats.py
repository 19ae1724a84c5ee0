"""Benchmark the DOCX and PDF readers, and compare the PDF libraries the choice was made from.

Run from the repository root (needs the dev extras: reportlab, and for the comparison pypdf,
pdfplumber and pdfminer.six):

    python bench/bench_formats.py            # timings and the library table
    python bench/bench_formats.py --repeat 9

The documents are built with tests/docbuild.py from the snapshot reports, concatenated until the
PDF has at least 40 pages. Budgets: PDF ≤ 2 s, DOCX ≤ 0.5 s (median of the repeats, wall clock
by time.perf_counter). The exit status is 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from docbuild import SAMPLE_REPORT, build_docx, build_pdf, items_from_markdown  # noqa: E402

from reportdiff.ingest.docx import read_docx  # noqa: E402
from reportdiff.ingest.pdf import read_pdf  # noqa: E402

TWO_COLUMNS = "Aktuella händelser"
PDF_BUDGET = 2.0
DOCX_BUDGET = 0.5
_WORD = re.compile(r"\S+")
_CONJUNCTIONS = {"och", "eller", "samt", "till", "respektive", "som"}


def long_report(min_pages: int = 40) -> tuple[str, bytes, int]:
    """Snapshot bodies concatenated (in order, repeated if needed) until the PDF has ``min_pages``."""
    import pypdfium2 as pdfium

    snapshots = sorted((ROOT / "snapshots").glob("2025-*.md")) or []
    bodies = [path.read_text(encoding="utf-8") for path in snapshots] or [SAMPLE_REPORT]
    parts: list[str] = []
    number = 0
    while True:
        parts.append(bodies[number % len(bodies)])
        number += 1
        markdown = "\n\n".join(parts)
        pdf = build_pdf(markdown, two_column_at=TWO_COLUMNS)
        pages = len(pdfium.PdfDocument(pdf))
        if pages >= min_pages:
            return markdown, pdf, pages


def median_wall_and_cpu(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock (time.perf_counter) and CPU (time.process_time) seconds of ``repeat`` runs.

    The budget is on wall-clock time; CPU time is shown because it does not grow on a busy machine.
    """
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


# ------------------------------------------------------------------------ library plain-text runs


def text_pypdfium2(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    pages = []
    for page in document:
        textpage = page.get_textpage()
        pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\ufffe", "-\n"))
    return "\n".join(pages)


def text_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def text_pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def text_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def text_reportdiff(data: bytes) -> str:
    report = read_pdf(data, "bench.pdf")
    lines: list[str] = [aside.text for aside in report.asides if aside.kind == "cover"]
    for section in report.root.walk():
        if section.level:
            lines.append(section.heading)
        lines.extend(block.text.replace(" | ", " ") for block in section.blocks)
    return "\n".join(lines)


LIBRARIES: list[tuple[str, str, Callable[[bytes], str]]] = [
    ("pypdfium2 (get_text_range)", "Apache-2.0 / BSD-3", text_pypdfium2),
    ("pypdf (extract_text)", "BSD-3", text_pypdf),
    ("pdfplumber (extract_text)", "MIT", text_pdfplumber),
    ("pdfminer.six (extract_text)", "MIT", text_pdfminer),
    ("reportdiff read_pdf (pypdfium2 chars)", "MIT", text_reportdiff),
]


def naive_words(text: str) -> list[str]:
    """The same simple clean-up for every library: rejoin `word-` + lower-case line, then split."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined: list[str] = []
    for line in lines:
        if joined and re.search(r"\w-$", joined[-1]) and line[:1].islower() and line.split()[0] not in _CONJUNCTIONS:
            joined[-1] = joined[-1][:-1] + line
        else:
            joined.append(line)
    return _WORD.findall(" ".join(joined))


def reference_words(markdown: str) -> list[str]:
    words: list[str] = []
    for item in items_from_markdown(markdown):
        words.extend(_WORD.findall(item.text.replace(" | ", " ")))
    return words


def word_agreement(text: str, reference: list[str]) -> float:
    """Share of the reference words found in order (difflib ratio over words, autojunk off)."""

    def kept(word: str) -> bool:  # page numbers are not compared (the reference has none)
        return not re.fullmatch(r"Sida|\d+", word)

    words = [word for word in naive_words(text) if kept(word)]
    return difflib.SequenceMatcher(None, [word for word in reference if kept(word)], words, autojunk=False).ratio()


def two_column_paragraphs(markdown: str) -> list[str]:
    """The paragraphs of the part laid out in two columns."""
    paragraphs: list[str] = []
    inside = False
    for item in items_from_markdown(markdown):
        if item.level == 1:
            inside = item.text.endswith(TWO_COLUMNS)
        elif inside and not item.level and len(item.text) > 60:
            paragraphs.append(item.text)
    return paragraphs


def contiguous_share(text: str, paragraphs: list[str]) -> tuple[int, int]:
    """How many two-column paragraphs come out in one piece (hyphens and spacing ignored)."""

    def squeeze(value: str) -> str:
        return re.sub(r"[\s\-\ufffe\x02]+", "", value)

    flat = squeeze(text)
    return sum(1 for paragraph in paragraphs if squeeze(paragraph) in flat), len(paragraphs)


def compare_libraries(long_pdf: bytes, pages: int, repeat: int) -> list[str]:
    fixture_markdown = SAMPLE_REPORT
    fixture = build_pdf(fixture_markdown, two_column_at=TWO_COLUMNS, interleave=True)
    reference = reference_words(fixture_markdown)
    paragraphs = two_column_paragraphs(fixture_markdown)
    rows = [
        f"| library | licence | {pages} pages: wall s | CPU s | words in order | two-column paragraphs whole |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, licence, function in LIBRARIES:
        try:
            seconds, cpu = median_wall_and_cpu(lambda function=function: function(long_pdf), max(1, repeat // 3))
            fixture_text = function(fixture)
        except ImportError as error:
            rows.append(f"| {name} | {licence} | not installed ({error.name}) | | | |")
            continue
        agreement = word_agreement(fixture_text, reference)
        whole, total = contiguous_share(fixture_text, paragraphs)
        rows.append(f"| {name} | {licence} | {seconds:.2f} | {cpu:.2f} | {agreement:.3f} | {whole}/{total} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-libraries", action="store_true", help="skip the library comparison")
    args = parser.parse_args(argv)

    markdown, pdf, pages = long_report()
    docx = build_docx(markdown, toc=True)
    words = len(reference_words(markdown))
    read_pdf(pdf, "bench.pdf")  # warm up: imports and pdfium's start
    read_docx(docx, "bench.docx")
    pdf_seconds, pdf_cpu = median_wall_and_cpu(lambda: read_pdf(pdf, "bench.pdf"), args.repeat)
    docx_seconds, docx_cpu = median_wall_and_cpu(lambda: read_docx(docx, "bench.docx"), args.repeat)
    print(f"documents: {pages} PDF pages, {words} words, PDF {len(pdf) // 1024} KiB, DOCX {len(docx) // 1024} KiB")
    print(f"read_pdf : median {pdf_seconds:.3f} s wall, {pdf_cpu:.3f} s CPU, of {args.repeat} (budget {PDF_BUDGET} s)")
    print(
        f"read_docx: median {docx_seconds:.3f} s wall, {docx_cpu:.3f} s CPU, of {args.repeat} (budget {DOCX_BUDGET} s)"
    )
    if not args.no_libraries:
        print()
        print("\n".join(compare_libraries(pdf, pages, args.repeat)))
    return 0 if pdf_seconds <= PDF_BUDGET and docx_seconds <= DOCX_BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
