"""Readers: text, Markdown, DOCX and PDF in, one :class:`~reportdiff.model.Report` out."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reportdiff.errors import InputError
from reportdiff.ingest.decode import decode
from reportdiff.model import Report

__all__ = ["load", "load_bytes", "read_file", "read_markdown"]

_MARKDOWN_SUFFIXES = {".md", ".markdown"}

# A monthly report is well under 5 MB even as PDF; anything far larger is not a report, and reading it
# would only cost time and memory before failing later.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def load(path: str | Path) -> Report:
    """Read a report from a file, or from standard input when ``path`` is ``-``."""
    source = str(path)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        _check_size(len(data), source)
        return load_bytes(data, "-")
    file = Path(path)
    return load_bytes(read_file(file), source, suffix=file.suffix.lower())


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


def load_bytes(data: bytes, source: str = "<bytes>", suffix: str = "") -> Report:
    """Read a report from bytes; the format is sniffed from the content, the suffix only breaks ties."""
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header; so do we
        from reportdiff.ingest.pdf import read_pdf

        return read_pdf(data, source)
    if data.startswith(b"PK\x03\x04"):
        from reportdiff.ingest.docx import read_docx

        return read_docx(data, source)
    if suffix in (".pdf", ".docx"):
        raise InputError(f"{source}: the name says {suffix[1:].upper()} but the content is not")
    text = decode(data, source)
    if suffix in _MARKDOWN_SUFFIXES or _looks_like_markdown(text):
        return read_markdown(text, source)
    from reportdiff.ingest.text import read_text

    return read_text(text, source)
