"""JSON text for the diff, trend, figures and check JSON: indented at the top, one line per item
further down. (The outline keeps ``json.dumps(indent=2)``: a small tree that people read whole.)

``json.dumps(..., indent=2)`` runs CPython's pure-Python encoder (the C encoder is used only
without ``indent``), which made writing JSON a fifth of a large diff's time. Here the outer levels,
of which there are few, are laid out by hand, and every value ``depth`` levels down is encoded by
the C encoder in one call, on one line (at 100× the seed size a diff went from 15.1 s to 11.6 s).
The result is ordinary JSON, the same byte for byte on every run, and a change in the data still
shows as a readable line diff of the output.
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring  # the C function, as the encoder uses for ensure_ascii=False
from typing import Any

_encode = json.JSONEncoder(ensure_ascii=False).encode


def dumps(data: Any, depth: int) -> str:
    """``data`` as JSON text ending in a newline: objects and arrays less than ``depth`` levels
    deep are spread over lines with an indent of two spaces, deeper ones stand on one line."""
    parts: list[str] = []
    _lay_out(data, depth, "", parts)
    parts.append("\n")
    return escape_unsafe("".join(parts))


# What the JSON encoder leaves raw but a terminal acts on: DEL, the C1 controls, the bidi overrides
# and marks, the line separators. Outside strings JSON is ASCII, so these can only sit inside one,
# where the \uXXXX escape is the same data; ``jq`` and every reader get the character back.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_unsafe(text: str) -> str:
    """JSON text with the characters above written as ``\\uXXXX`` escapes."""
    if not _UNSAFE_IN_JSON.search(text):
        return text
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _lay_out(value: Any, depth: int, indent: str, parts: list[str]) -> None:
    if isinstance(value, str):  # most values: a string goes straight to C, not through encode()
        parts.append(encode_basestring(value))
        return
    if depth <= 0 or not isinstance(value, (dict, list)) or not value:
        parts.append(_encode(value))
        return
    is_object = isinstance(value, dict)
    inner = "\n" + indent + "  "
    parts.append("{" if is_object else "[")
    for number, item in enumerate(value.items() if is_object else value):
        parts.append(inner if number == 0 else "," + inner)
        if is_object:
            key, item = item
            parts.append(encode_basestring(key) + ": ")
        _lay_out(item, depth - 1, indent + "  ", parts)
    parts.append("\n" + indent + ("}" if is_object else "]"))
