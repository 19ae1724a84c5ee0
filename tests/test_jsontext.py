"""The JSON layout shared by every ``--format json``: valid JSON of the same data at every depth."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.render.jsontext import dumps, escape_unsafe

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30
)


@settings(max_examples=200, deadline=None)
@given(values, st.integers(0, 6))
def test_same_data_at_every_depth(value: object, depth: int) -> None:
    text = dumps(value, depth)
    assert text.endswith("\n") and json.loads(text) == value


@settings(max_examples=200, deadline=None)
@given(values)
def test_deep_enough_is_the_standard_indented_layout(value: object) -> None:
    assert dumps(value, 99) == escape_unsafe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


@given(values, st.integers(0, 6))
def test_terminal_controls_are_escaped(value: object, depth: int) -> None:
    """DEL, C1 controls and bidi overrides stand as \\uXXXX: the same data, harmless in a terminal."""
    text = dumps(value, depth)
    assert not re.search("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", text)


def test_items_below_the_depth_stand_on_one_line() -> None:
    data = {"schema": "x/1", "items": [{"a": 1, "b": ["ö", 2]}, {"a": 3, "b": []}], "empty": []}
    assert dumps(data, 2) == (
        '{\n  "schema": "x/1",\n  "items": [\n    {"a": 1, "b": ["ö", 2]},\n    {"a": 3, "b": []}\n  ],\n'
        '  "empty": []\n}\n'
    )
