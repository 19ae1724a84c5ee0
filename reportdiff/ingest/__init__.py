"""Readers: text, Markdown, DOCX and PDF in, one :class:`~reportdiff.model.Report` out."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from pathlib import Path
from typing import TYPE_CHECKING

from reportdiff.errors import InputError
from reportdiff.ingest.decode import decode
from reportdiff.model import Report

if TYPE_CHECKING:
    from reportdiff.ingest.text import TextLayout

__all__ = ["load", "load_bytes", "load_pair", "read_file", "read_markdown"]

_MARKDOWN_SUFFIXES = {".md", ".markdown"}

# A monthly report is well under 5 MB even as PDF; anything far larger is not a report, and reading it
# would only cost time and memory before failing later.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def load(path: str | Path) -> Report:
    """Read a report from a file, or from standard input when ``path`` is ``-``."""
    data, source, suffix = _read(path)
    return load_bytes(data, source, suffix=suffix)


def _read(path: str | Path) -> tuple[bytes, str, str]:
    """The bytes of a file or of standard input, with the source name and the suffix."""
    source = str(path)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        _check_size(len(data), source)
        return data, "-", ""
    file = Path(path)
    return read_file(file), source, file.suffix.lower()


# The layouts whose reading uses the other report's headings (``read_text(known=...)``, in the
# joining of wrapped PDF lines); a one-paragraph-a-line text reads the same with them or without.
_REREAD_STYLES = ("pdf-double", "pdf-single")


def load_pair(old: str | Path, new: str | Path) -> tuple[Report, Report]:
    """Read two reports to compare; a PDF text is read again with the other's headings as evidence.

    Consecutive reports share most headings: two short lines of one that together make a heading
    of the other are read as that heading. The second reading is only made when the first shows
    such a place, and starts from the first one's layout; its warnings say where.
    """
    (old_report, old_layout), (new_report, new_layout) = _load(*_read(old)), _load(*_read(new))
    old_known, new_known = neighbours_known(old_report, [new_report]), neighbours_known(new_report, [old_report])
    old_parents, new_parents = neighbour_parents(old_report, new_report), neighbour_parents(new_report, old_report)
    from reportdiff.ingest.text import read_layout

    if (old_known or old_parents) and old_layout:
        old_report = read_layout(old_layout, old_report.source, known=old_known, parents=old_parents)
    if (new_known or new_parents) and new_layout:
        new_report = read_layout(new_layout, new_report.source, known=new_known, parents=new_parents)
    return old_report, new_report


def neighbour_parents(report: Report, neighbour: Report) -> dict[str, str | None]:
    """Each heading's parent in ``neighbour``, by heading key, when ``report`` is PDF text with no
    contents (its levels are guessed from layout) and the neighbour's structure is known (a table
    of contents, or Markdown, DOCX or PDF read from the format); else empty."""
    from reportdiff.text.normalize import heading_key

    if report.style not in _REREAD_STYLES or report.toc:
        return {}
    if neighbour.style in _REREAD_STYLES + ("word",) and not neighbour.toc:
        return {}
    parents: dict[str, str | None] = {}
    twice: set[str] = set()  # a heading the neighbour has in two places gives no one parent
    for path, section in neighbour.root.walk_with_path():
        if section.level > 0:
            key = heading_key(section.heading)
            if key in parents:
                twice.add(key)
            parents[key] = heading_key(path[-2]) if len(path) > 1 else None
    return {key: parent for key, parent in parents.items() if key not in twice}


def neighbours_known(report: Report, neighbours: list[Report]) -> frozenset[str]:
    """The neighbours' heading keys worth reading ``report`` again with; empty when there is no such place.

    Only a PDF text is read again, and only when one of the neighbours' headings that it lacks
    shows here as two consecutive headings or the start of one (``load_pair``, and ``trend`` with
    the reports before and after in time).
    """
    if report.style not in _REREAD_STYLES:
        return frozenset()
    own = _heading_keys(report)
    missing = frozenset().union(*(_heading_keys(other) for other in neighbours)) - own
    return missing if _could_use(report, missing) else frozenset()


def _heading_keys(report: Report) -> frozenset[str]:
    from reportdiff.text.normalize import heading_key

    return frozenset(heading_key(section.heading) for section in report.sections())


def _could_use(report: Report, missing: frozenset[str]) -> bool:
    """A heading of the other report is here two consecutive headings, or starts one of them."""
    from reportdiff.text.normalize import heading_key

    if not missing:
        return False
    sections = list(report.sections())
    for first, second in zip(sections, sections[1:], strict=False):
        if heading_key(f"{first.heading} {second.heading}") in missing:
            return True
    # Keys that start with a missing heading's key follow it in sorted order: one bisection each,
    # not every key against every missing heading (quadratic at 100x).
    keys = sorted(heading_key(section.heading) for section in sections)
    for other in missing:
        index = bisect_left(keys, other)
        if index < len(keys) and keys[index].startswith(other):
            return True
    return False


def read_file(path: str | Path) -> bytes:
    """The bytes of a regular file, refused at once when it is anything else.

    A FIFO, a terminal or a device would block the read (a pre-commit hook that hangs) or never
    end; ``-`` is the one way to read a stream. The file is opened without blocking and checked
    with ``fstat``, so a FIFO with no writer cannot stall us even between the check and the read.
    """
    import os
    import stat

    source = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not a report") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror or error})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise InputError(f"{source}: is a directory, not a report")
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) else "a special file"
        raise InputError(f"{source}: {kind}, not a regular file (use - to read a stream from standard input)")
    with open(descriptor, "rb", closefd=True) as handle:
        try:
            _check_size(os.fstat(descriptor).st_size, source)
            data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as error:
            raise InputError(f"{source}: cannot read ({error.strerror or error})") from None
    _check_size(len(data), source)
    return data


def read_markdown(text: str, source: str = "<string>") -> Report:
    """Read a Markdown report; markdown-it is imported only when a Markdown file is read (start-up)."""
    from reportdiff.ingest.markdown import read_markdown as read

    return read(text, source)


# A line that is a Markdown heading ("# Inledning", "## Ekonomi"). Plain-text reports number their
# headings or set them apart by layout; two or more lines like this are Markdown whatever the file
# is called, e.g. ``reportdiff text report.pdf -o report.txt``, whose export must read back the same.
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)


def _looks_like_markdown(text: str) -> bool:
    found = _ATX_HEADING.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


def _check_size(size: int, source: str) -> None:
    if size > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // 2**20
        raise InputError(f"{source}: too large for a report ({size / 2**20:.0f} MB; the limit is {limit} MB)")


def load_bytes(data: bytes, source: str = "<bytes>", suffix: str = "", known: frozenset[str] = frozenset()) -> Report:
    """Read a report from bytes; the format is sniffed from the content, the suffix only breaks ties.

    ``known``: heading keys of another report of the series, evidence for a text report (``load_pair``).
    """
    return _load(data, source, suffix, known)[0]


def _load(
    data: bytes, source: str, suffix: str, known: frozenset[str] = frozenset()
) -> tuple[Report, TextLayout | None]:
    """The report, and the layout of a plain-text report, kept by ``load_pair`` for a second reading."""
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header; so do we
        from reportdiff.ingest.pdf import read_pdf

        return read_pdf(data, source), None
    if data.startswith(b"PK\x03\x04"):
        from reportdiff.ingest.docx import read_docx

        return read_docx(data, source), None
    if suffix in (".pdf", ".docx"):
        raise InputError(f"{source}: the name says {suffix[1:].upper()} but the content is not")
    text = decode(data, source)
    if suffix in _MARKDOWN_SUFFIXES or _looks_like_markdown(text):
        return read_markdown(text, source), None
    from reportdiff.ingest.text import read_layout, undo_layout

    layout = undo_layout(text)
    return read_layout(layout, source, known), layout
