"""The house plan, read from the code: which rooms the package has and which way imports run.

Every module of ``reportdiff/`` belongs to a room (a folder, or one of the few modules at the
root), and the rooms stand in the order of the pipeline. A module may import its own room and
rooms below it, never one above or beside it: so each stage can be read, tested and replaced
with only what it stands on. docs/architecture.md draws the same order.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportdiff"

# Lowest first. Rooms on one line are peers: neither may import the other.
LAYERS: list[tuple[str, ...]] = [
    ("errors",),  # exceptions and exit statuses
    ("model",),  # the dataclasses that flow between the stages
    ("text",),  # text helpers: normalising, tokens, stems, headings, sequences
    ("ingest",),  # files → Report
    ("align",),  # two Reports → section pairs
    ("diff",),  # section pairs → block and word changes, counts
    ("figures",),  # quantities in text, paired across a diff
    ("classify",),  # a diff → its summary (events, figure shifts)
    ("check", "comparison"),  # author checks on one report; the compare pipeline
    ("trend",),  # a series → timelines
    ("render",),  # diffs, series, outlines, figures, findings → text
    ("mail",),  # sending a rendered message
    ("cli",),  # the command line
    ("__init__", "__main__"),  # the public API; python -m reportdiff
]
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}
ROOT_MODULES = {"__init__", "__main__", "errors", "comparison"}  # all else lives in a folder


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _room(module: str) -> str:
    """``reportdiff.render.html`` → ``render``; ``reportdiff`` (the package face) → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``reportdiff`` module that ``path`` imports, at module level or inside a function."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    return _imports_in(path.read_text(encoding="utf-8"), package)


def _imports_in(source: str, package: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return [(line, name) for line, name in found if name == "reportdiff" or name.startswith("reportdiff.")]


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_room_in_the_plan() -> None:
    rooms = {_room(_module_name(path)) for path in _sources()}
    assert rooms - set(RANK) == set(), "a room the plan does not place: add it to LAYERS and docs/architecture.md"
    assert set(RANK) - rooms == set(), "the plan names a room that is gone"


def test_the_root_holds_only_the_entry_points_and_the_pipeline() -> None:
    loose = {path.stem for path in PACKAGE.glob("*.py")}
    assert loose == ROOT_MODULES


@pytest.mark.parametrize("path", _sources(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_import_runs_up_the_house(path: Path) -> None:
    here = _room(_module_name(path))
    wrong = [
        f"line {line}: {name} ({_room(name)} is not below {here})"
        for line, name in _imports(path)
        if _room(name) != here and RANK[_room(name)] >= RANK[here]
    ]
    assert wrong == []


def test_the_reader_finds_imports_inside_functions_and_relative_ones() -> None:
    """An upward import hidden in a function, or written relative, is still seen."""
    source = (
        "import os\n\ndef f():\n    from reportdiff.render.html import render_html\n    from ..render import json\n"
    )
    imports = _imports_in(source, "reportdiff.figures")
    assert imports == [(4, "reportdiff.render.html"), (5, "reportdiff.render")]
    assert all(RANK[_room(name)] > RANK["figures"] for _, name in imports)
