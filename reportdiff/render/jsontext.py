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
import math
import re
from collections.abc import Iterable, Iterator
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]  # the C encoder, undeclared in typeshed
from typing import Any

_encoder = json.JSONEncoder(ensure_ascii=False)
_encode = _encoder.encode
# One C encoder for every value that stands on one line: what ``_encode`` builds anew at each call
# (circular references are not checked: our data are trees).
_c_encode = (
    c_make_encoder(None, _encoder.default, encode_basestring, None, ": ", ", ", False, False, True)
    if c_make_encoder is not None
    else None
)


def _float_text(value: float) -> str:
    """A float as the encoder writes it: its repr, and the encoder's own spelling of NaN and the
    infinities (which ``_encode`` would give after building a new encoder: 1.6 µs a number)."""
    return float.__repr__(value) if math.isfinite(value) else _encode(value)


_SCALARS = {
    type(None): lambda _: "null",
    bool: lambda v: "true" if v else "false",
    int: int.__repr__,
    float: _float_text,
}
_BATCH = 4096  # parts per piece when streaming


class Lazy:
    """A list made while it is written: the items are produced, laid out and dropped one by one, so
    the JSON of 100 000 sections is never held as data and text at once."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def dumps(data: Any, depth: int) -> str:
    """``data`` as JSON text ending in a newline: objects and arrays less than ``depth`` levels
    deep are spread over lines with an indent of two spaces, deeper ones stand on one line."""
    return "".join(iter_dumps(data, depth))


def iter_dumps(data: Any, depth: int) -> Iterator[str]:
    """The text of :func:`dumps` in pieces of a few thousand parts, as it is made."""
    parts: list[str] = []
    for piece in _lay_out(data, depth, "", parts):
        yield escape_unsafe(piece)
    parts.append("\n")
    yield escape_unsafe("".join(parts))


# What the JSON encoder leaves raw but a terminal acts on: DEL, the C1 controls, the bidi overrides
# and marks, the line separators. Outside strings JSON is ASCII, so these can only sit inside one,
# where the \uXXXX escape is the same data; ``jq`` and every reader get the character back.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_unsafe(text: str) -> str:
    """JSON text with the characters above written as ``\\uXXXX`` escapes."""
    if not _UNSAFE_IN_JSON.search(text):
        return text
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _one_line(value: Any) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    if _c_encode is not None and isinstance(value, (dict, list)):
        return "".join(_c_encode(value, 0))
    return _encode(value)


def _lay_out(value: Any, depth: int, indent: str, parts: list[str]) -> Iterator[str]:
    """Append ``value``'s text to ``parts``; hand over what is there every ``_BATCH`` parts."""
    if isinstance(value, Lazy):
        value = _Peeked(value.items)
    elif depth <= 0 or not isinstance(value, (dict, list)) or not value:
        parts.append(_one_line(value))
        return
    if isinstance(value, _Peeked) and value.empty:
        parts.append("[]")
        return
    if depth == 1 and not isinstance(value, _Peeked):
        parts.append(_flat(value, indent))
        return
    is_object = isinstance(value, dict)
    inner = "\n" + indent + "  "
    parts.append("{" if is_object else "[")
    for number, item in enumerate(value.items() if is_object else value):
        parts.append(inner if number == 0 else "," + inner)
        if is_object:
            key, item = item
            parts.append(encode_basestring(key) + ": ")
        if isinstance(item, str) or depth <= 1 or not isinstance(item, (dict, list, Lazy)) or not item:
            parts.append(_one_line(item))
        elif depth == 2 and not isinstance(item, Lazy):
            parts.append(_flat(item, indent + "  "))  # a plain call: no generator for each of 100 000 items
        else:
            yield from _lay_out(item, depth - 1, indent + "  ", parts)
        if len(parts) >= _BATCH:
            yield "".join(parts)
            parts.clear()
    parts.append("\n" + indent + ("}" if is_object else "]"))


def _flat(value: dict[str, Any] | list[Any], indent: str) -> str:
    """A non-empty object or array whose every item stands on a line of its own, in one join."""
    inner = "\n" + indent + "  "
    if isinstance(value, dict):
        items = [encode_basestring(key) + ": " + _one_line(item) for key, item in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + indent + "}"
    return "[" + inner + ("," + inner).join([_one_line(item) for item in value]) + "\n" + indent + "]"


class _Peeked:
    """The items of a :class:`Lazy`, with its first item taken early to know whether there are any."""

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = iter(items)
        self._first = next(self._items, _Peeked)
        self.empty = self._first is _Peeked

    def __iter__(self) -> Iterator[Any]:
        if not self.empty:
            yield self._first
            yield from self._items
