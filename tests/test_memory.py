"""Reading, comparing and writing text, Markdown or JSON leave no garbage in reference cycles: the
diff command turns the cycle collector off for all of it (``reportdiff/cli/diff.py``), which is
safe only while what they throw away goes with its last reference. An HTML page is one cycle,
made once: the jinja2 context holds the page's views and the template's macros, which hold the
context; nothing else is left in cycles while it is rendered.

The check: everything the cycle collector would find after reading and comparing (or writing), counted for a report
and for the same report three times as long. Classes are such garbage (made at first use,
and the PDF reader's ctypes array types, a few a page) and are left out; anything else that grows
with the sections or blocks is a cycle to break.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docbuild import build_docx, build_pdf, sample_report
from rewrap import to_pdf

from reportdiff.comparison import compare
from reportdiff.ingest import load_bytes, read_markdown
from reportdiff.render import html as html_views
from reportdiff.render.dispatch import render
from reportdiff.render.json import json_chunks
from reportdiff.render.options import RenderOptions


def _edited(markdown: str) -> str:
    """The report a month later: a figure changed, a paragraph gone, a sentence added."""
    return (
        markdown.replace("7 419", "7 502")
        .replace("Bilaga 1 redovisar", "Bilaga 1 och 2 redovisar")
        .replace("\n# ", "\nEn ny mening om läget i verksamheten.\n\n# ", 1)
    )


def _as_markdown(markdown: str) -> bytes:
    return markdown.encode()


def _as_pdf_text(markdown: str) -> bytes:
    return to_pdf(read_markdown(markdown)).encode()


def _as_docx(markdown: str) -> bytes:
    return build_docx(markdown)


def _as_pdf(markdown: str) -> bytes:
    return build_pdf(markdown)


WRITERS: dict[str, tuple[Callable[[str], bytes], str]] = {
    "markdown": (_as_markdown, ".md"),
    "pdf-style text": (_as_pdf_text, ".txt"),
    "docx": (_as_docx, ".docx"),
    "pdf": (_as_pdf, ".pdf"),
}


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    yield
    gc.set_debug(0)
    gc.collect()
    gc.enable()


def _cyclic_garbage(kind: str, copies: int) -> list[str]:
    """Type names of what the cycle collector finds after reading and comparing two reports."""
    write, suffix = WRITERS[kind]
    old_text = sample_report(copies)
    old_data, new_data = write(old_text), write(_edited(old_text))
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    old = load_bytes(old_data, f"old{suffix}", suffix)
    new = load_bytes(new_data, f"new{suffix}", suffix)
    compare(old, new)
    gc.collect()
    found = [type(thing).__name__ for thing in _not_classes(gc.garbage)]
    gc.garbage.clear()
    gc.set_debug(0)
    return found


def _not_classes(garbage: list[object]) -> list[object]:
    """``garbage`` without the classes in it and what each class holds (its dict, bases, slots)."""
    parts = set()
    for thing in garbage:
        if isinstance(thing, type):
            parts.add(id(thing))
            parts.update(id(part) for part in gc.get_referents(thing))
            parts.update(id(part) for part in thing.__dict__.values())
    return [thing for thing in garbage if id(thing) not in parts]


def _writing_garbage(fmt: str, copies: int) -> list[str]:
    """Type names of what the cycle collector finds after writing a diff in ``fmt``."""
    old_text = sample_report(copies)
    diff = compare(read_markdown(old_text), read_markdown(_edited(old_text)))
    options = RenderOptions(lang="sv", width=80, color=True, explain=True)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    if fmt == "json":
        for _ in json_chunks(diff, options):
            pass
    else:
        render(diff, fmt, options)
        render(diff, fmt, options, summary_only=True)
        if fmt == "text":  # rich's tables
            render(diff, fmt, options, side_by_side=True)
    gc.collect()
    found = [type(thing).__name__ for thing in _not_classes(gc.garbage)]
    gc.garbage.clear()
    gc.set_debug(0)
    return found


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
@pytest.mark.usefixtures("collector_off")
def test_writing_text_markdown_or_json_leaves_nothing_in_cycles(fmt: str) -> None:
    _writing_garbage(fmt, 1)
    assert _writing_garbage(fmt, 3) == []


@pytest.mark.parametrize("fmt", ["html", "email-html"])
@pytest.mark.usefixtures("collector_off")
def test_an_html_page_leaves_in_cycles_only_its_own_views(fmt: str) -> None:
    """What the collector finds after writing a page: the views of the page (our classes, their
    lists and dicts), held by the jinja2 context's one cycle; jinja2's own share does not grow."""

    def jinja_share(copies: int) -> list[str]:
        found = _writing_garbage(fmt, copies)
        return sorted(name for name in found if name not in _VIEW_TYPES)

    jinja_share(1)
    assert jinja_share(3) == jinja_share(1)


_VIEW_TYPES = {"list", "dict", "tuple", "str"} | {
    name
    for name, thing in vars(html_views).items()
    if isinstance(thing, type) and name.endswith(("View", "Group", "Run", "Collapsed", "Row"))
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.usefixtures("collector_off")
def test_nothing_left_in_cycles_grows_with_the_report(kind: str) -> None:
    _cyclic_garbage(kind, 1)  # first use: modules imported, classes made, caches filled
    short, long = _cyclic_garbage(kind, 1), _cyclic_garbage(kind, 3)
    assert len(long) <= len(short) + 10, sorted(set(long))
    assert "SectionInfo" not in long


def test_a_diff_run_in_process_leaves_the_cycle_collector_as_it_found_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The CLI pauses the collector for its own work; a caller in the same process (a test, a
    hook, a notebook) must get it back as it was, nothing frozen."""
    from reportdiff.cli import run

    snapshots = Path(__file__).resolve().parent.parent / "snapshots"
    for fmt in ("json", "html"):
        assert gc.isenabled()
        run(
            [
                "diff",
                str(snapshots / "2025-04.md"),
                str(snapshots / "2025-05.md"),
                "--format",
                fmt,
                "-o",
                str(tmp_path / f"diff.{fmt}"),
            ]
        )
        assert gc.isenabled() and gc.get_freeze_count() == 0
