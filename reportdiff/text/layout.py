"""The shape of a line of extracted text: list markers, contents entries, page furniture, table cells.

These are the small, format-independent judgements the text reader makes about one line;
the reader combines them with the line's neighbours.
"""

from __future__ import annotations

import re

# "- ", "– ", "• ", the Symbol-font bullet U+F0B7 that PDF extraction leaves, "o " before a
# capital (Word's second-level bullet) and "1." / "1)" numbering.
_LIST_MARKER = re.compile(r"^(?P<marker>[-–•▪◦●\uf0b7\uf0a7*]|o(?= [A-ZÅÄÖ])|\d{1,2}[.)](?= ))\s*(?P<rest>.*)$")
_TOC_ENTRY = re.compile(r"^(?P<heading>\S.*?)(?:\s*\.{2,}\s*|\s*\t\s*|\s{3,})(?:\.{2,}\s*)?(?P<page>\d{1,3})\s*$")
_PAGE_FURNITURE = re.compile(
    r"^(?:Sida|Page|sida)\s+\d+(?:\s*\(\s*\d+\s*\)|\s+(?:av|of)\s+\d+)?$|^\d{1,3}\s*\(\s*\d{1,3}\s*\)$"
)
_BARE_PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$")
_BLOCK_LABELS = re.compile(
    r"\b(DOKUMENT-?ID|PUBLICERINGSDATUM|GÄLLER FÖR|UPPRÄTTAD AV|ANSVARIG|DIARIENUMMER|DNR|FASTSTÄLLD|GODKÄND AV)\b"
)
_NUMERIC_TOKEN = re.compile(r"^[-–+]?[\d\s,.%]*\d[\d,.%]*$|^(?:%|mnkr|mkr|tkr|kr|st|procent)$", re.IGNORECASE)
TOC_TITLES = ("innehållsförteckning", "innehåll", "table of contents", "contents")


def list_marker(text: str) -> tuple[str, str] | None:
    """(marker, rest) when ``text`` starts like a list item, else None."""
    match = _LIST_MARKER.match(text)
    if match is None:
        return None
    marker, rest = match.group("marker"), match.group("rest")
    if not rest or (marker in "-–*" and not text[1:2].isspace()):
        return None
    if marker == "\uf0b7" or marker == "\uf0a7":
        marker = "•"
    return marker, rest


def toc_entry(text: str) -> tuple[str, int] | None:
    """(heading, page) when a line reads like a contents entry: text, tab or dot leaders, a page number."""
    match = _TOC_ENTRY.match(text.rstrip())
    if match is None:
        return None
    heading = match.group("heading").rstrip(" .\t")
    if not heading or not any(char.isalpha() for char in heading):
        return None
    return heading, int(match.group("page"))


def is_page_furniture(text: str, page_start: bool) -> bool:
    """``Sida 24 (32)``, ``12 (40)``; a bare number only where a new page starts."""
    stripped = text.strip()
    if _PAGE_FURNITURE.match(stripped):
        return True
    return page_start and bool(_BARE_PAGE_NUMBER.match(stripped))


def is_document_block_label(text: str) -> bool:
    """The label line of a document-id or publication block (``PUBLICERINGSDATUM  ANSVARIG ...``)."""
    stripped = text.strip()
    if not _BLOCK_LABELS.search(stripped):
        return False
    letters = [char for char in stripped if char.isalpha()]
    if len(letters) < 6 or sum(char.isupper() for char in letters) < 0.9 * len(letters):
        return False
    return bool(_BLOCK_LABELS.search(stripped))


def numeric_share(text: str) -> float:
    """How much of a line is figures (``18 % 3,6 %``, ``-506``, ``mnkr``): table-cell evidence."""
    tokens = text.split()
    if not tokens:
        return 0.0
    return sum(bool(_NUMERIC_TOKEN.match(token)) for token in tokens) / len(tokens)


def ends_sentence(text: str) -> bool:
    """A full stop, question or exclamation mark or colon at the end, perhaps inside quotes/brackets."""
    stripped = text.rstrip().rstrip("”\"'»)]*")
    return stripped.endswith((".", "!", "?", ":", ";"))
