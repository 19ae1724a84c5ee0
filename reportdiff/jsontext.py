"""JSON text for every ``--format json``: indented at the top, one line per item further down.

``json.dumps(..., indent=2)`` runs CPython's pure-Python encoder (the C encoder is used only
without ``indent``): on a monthly diff that was the largest single cost of writing JSON, and on
a diff of 100 000 sections its list of small string chunks took over a gigabyte. Here the outer
levels, of which there are few, are laid out by hand, and every value ``depth`` levels down is
encoded by the C encoder in one call, on one line. The result is ordinary JSON, the same byte for
byte on every run, and a change in the data still shows as a readable line diff of the output.
"""

from __future__ import annotations

import json
from typing import Any

_encode = json.JSONEncoder(ensure_ascii=False).encode


def dumps(data: Any, depth: int) -> str:
    """``data`` as JSON text ending in a newline: objects and arrays less than ``depth`` levels
    deep are spread over lines with an indent of two spaces, deeper ones stand on one line."""
    parts: list[str] = []
    _lay_out(data, depth, "", parts)
    parts.append("\n")
    return "".join(parts)


def _lay_out(value: Any, depth: int, indent: str, parts: list[str]) -> None:
    if depth <= 0 or not isinstance(value, (dict, list)) or not value:
        parts.append(_encode(value))
        return
    inner = "\n" + indent + "  "
    items = value.items() if isinstance(value, dict) else enumerate(value)
    parts.append("{" if isinstance(value, dict) else "[")
    for number, (key, item) in enumerate(items):
        parts.append(inner if number == 0 else "," + inner)
        if isinstance(value, dict):
            parts.append(_encode(key) + ": ")
        _lay_out(item, depth - 1, indent + "  ", parts)
    parts.append("\n" + indent + ("}" if isinstance(value, dict) else "]"))
