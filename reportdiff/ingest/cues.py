"""Heading cues that do not depend on any report's words: what a line holds and what follows it.

The text reader (``ingest/text.py``) calls these on its units; each answers one question from the
line's shape and its neighbours, so that a decision can be explained in a sentence.
"""

from __future__ import annotations

import re

from reportdiff.text.dates import MONTH_PATTERN
from reportdiff.text.headings import is_heading_shape
from reportdiff.text.normalize import heading_key

_MONTHS = MONTH_PATTERN
# A full date as reports write them: 2025-09-30, 30 september 2025, 30/9 2025 (a month and a
# year alone, ``oktober 2025``, is how part headings name their period: not counted).
_DATE = re.compile(
    rf"\b(?:(?:19|20)\d\d-\d\d-\d\d|\d{{1,2}} (?:{_MONTHS})\b|\d{{1,2}}/\d{{1,2}} (?:19|20)\d\d)",
    re.IGNORECASE,
)
_SENTENCE_INSIDE = re.compile(r"[a-zåäö)]{2}[.!?] +[A-ZÅÄÖ]")
_END_PUNCTUATION = (".", ",", ";", ":", "!", "?", "-", "–")
LONG_TITLE_CHARS = 150  # a title over this is a paragraph whatever its shape
LONG_TITLE_WORDS = 26


def listed_prefix_split(text: str, listed_keys: set[str]) -> tuple[str, str] | None:
    """Two headings run together on one line: a contents entry, then another heading.

    Some extractions lose the line break between a division's heading and the first heading
    under it (``Division X Verksamhetsområde Y``). When the line's start is a contents or outline
    entry and the line itself is not, and the rest starts with a capital and has a heading's shape,
    the line is two headings. Returns (entry, rest) or None.
    """
    if not listed_keys or heading_key(text) in listed_keys:
        return None
    words = text.split()
    for cut in range(1, len(words)):
        rest = words[cut:]
        if not rest[0][:1].isupper():
            continue
        if heading_key(" ".join(words[:cut])) in listed_keys and is_heading_shape(" ".join(rest)):
            return " ".join(words[:cut]), " ".join(rest)
    return None


def holds_date(text: str) -> bool:
    """The line names a date: in a run of short lines, a list of dated documents, not headings."""
    return _DATE.search(text) is not None


def is_long_title(text: str, following: str | None) -> bool:
    """A heading too long for the usual shape: one clause, no final stop, body text after it.

    Section titles of over 100 characters exist (a project named in full); a paragraph that long
    has a full stop, or several sentences. The title must start with a capital, hold no sentence
    boundary and at most one comma (a sentence cut by a page break lists more), end without
    punctuation, and be followed by a paragraph that ends a sentence.
    """
    stripped = text.strip()
    if len(stripped) <= 100 or len(stripped) > LONG_TITLE_CHARS or len(stripped.split()) > LONG_TITLE_WORDS:
        return False
    if not stripped[:1].isupper() or stripped.endswith(_END_PUNCTUATION) or _SENTENCE_INSIDE.search(stripped):
        return False
    if stripped.count(",") > 1:
        return False
    if following is None or not following[:1].isupper():
        return False
    return following.rstrip().endswith((".", "!", "?", ":"))
