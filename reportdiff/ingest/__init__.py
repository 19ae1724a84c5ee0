"""Readers: text, Markdown, DOCX and PDF in, one :class:`~reportdiff.model.Report` out."""

from __future__ import annotations

import sys
from pathlib import Path

from reportdiff.errors import InputError
from reportdiff.ingest.decode import decode
from reportdiff.ingest.markdown import read_markdown
from reportdiff.model import Report

__all__ = ["load", "load_bytes", "read_markdown"]

_MARKDOWN_SUFFIXES = {".md", ".markdown"}


def load(path: str | Path) -> Report:
    """Read a report from a file, or from standard input when ``path`` is ``-``."""
    source = str(path)
    if source == "-":
        return load_bytes(sys.stdin.buffer.read(), "-")
    file = Path(path)
    if file.is_dir():
        raise InputError(f"{source}: is a directory, not a report")
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror or error})") from None
    return load_bytes(data, source, suffix=file.suffix.lower())


def load_bytes(data: bytes, source: str = "<bytes>", suffix: str = "") -> Report:
    """Read a report from bytes; the format is sniffed from the content, the suffix only breaks ties."""
    if data.startswith(b"%PDF-"):
        from reportdiff.ingest.pdf import read_pdf

        return read_pdf(data, source)
    if data.startswith(b"PK\x03\x04"):
        from reportdiff.ingest.docx import read_docx

        return read_docx(data, source)
    if suffix in (".pdf", ".docx"):
        raise InputError(f"{source}: the name says {suffix[1:].upper()} but the content is not")
    text = decode(data, source)
    if suffix in _MARKDOWN_SUFFIXES:
        return read_markdown(text, source)
    from reportdiff.ingest.text import read_text

    return read_text(text, source)
