"""Whitespace, emphasis and control characters: the small clean-ups every reader needs.

Kept apart from the readers so that alignment and diffing can normalise headings the same way
the readers matched them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")
# ESC-started sequences: CSI (colours, cursor moves), OSC (titles, hyperlinks; ended by BEL or ST),
# DCS/SOS/PM/APC strings, two-byte escapes, and the one-byte CSI. Removed whole, so that no
# "[31m" residue is left when the ESC alone is dropped.
ANSI_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# *word*, **word** and _word_ as Word-to-text exports write emphasis; not inside words (a*b).
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_NON_WORD = re.compile(r"[^0-9a-zåäöéü]+")


def collapse_whitespace(text: str) -> str:
    """One space between words, none at the ends."""
    return _SPACES.sub(" ", text).strip()


def strip_control(text: str) -> str:
    """Drop control and zero-width characters; a report's text is data, never terminal commands."""
    if "\x1b" in text or "\x9b" in text:
        text = ANSI_ESCAPE.sub("", text)
    return _CONTROL.sub("", text)


# C0 and C1 controls, DEL, and the bidirectional overrides that can make text read differently
# from how it is stored ("Trojan Source"), and the bidi marks. Tabs and line ends (also NEL and
# the Unicode line and paragraph separators) become spaces, the rest goes.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WHITESPACE_CONTROL = re.compile(r"[\t\n\r\f\v\x85\u2028\u2029]")


def safe_text(text: str) -> str:
    """Report text with escape sequences and control characters removed, safe to show anywhere."""
    if not text:
        return ""
    text = ANSI_ESCAPE.sub("", text)
    text = _WHITESPACE_CONTROL.sub(" ", text)
    return _UNSAFE.sub("", text)


def strip_emphasis(text: str) -> str:
    """``*ord*`` → ``ord``; a lone asterisk (a footnote mark, ``5*3``) stays."""
    if "*" not in text and "_" not in text:
        return text
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return text


def clean_text(text: str) -> str:
    """What a block's ``text`` holds: no emphasis marks, no control characters, collapsed spaces."""
    return collapse_whitespace(strip_emphasis(strip_control(text)))


@lru_cache(maxsize=8192)
def heading_key(text: str) -> str:
    """A key for matching headings across a table of contents and the body.

    Case, accents other than å ä ö, punctuation and *spaces* are ignored, so that
    ``Region gemensamt`` in the body meets ``Regiongemensamt`` in the contents.
    """
    text = unicodedata.normalize("NFC", text).casefold()
    return _NON_WORD.sub("", text)
