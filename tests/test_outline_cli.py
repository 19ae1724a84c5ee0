"""`reportdiff outline`: the tree, the line numbers and the JSON format of a real snapshot."""

from __future__ import annotations

import json

import pytest
from conftest import SNAPSHOTS

from reportdiff.cli import run


def test_outline_json_gives_levels_lines_date_and_author(capsys: pytest.CaptureFixture[str]) -> None:
    path = SNAPSHOTS / "2025-02.md"
    assert run(["outline", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "reportdiff.outline/1"
    assert data["date"] == "2025-02-11"
    assert data["author"] == "Karin Holmberg"
    lines = path.read_text(encoding="utf-8").splitlines()
    top = [section["heading"] for section in data["sections"]]
    assert top[0] == "Inledning" and top[-1] == "Bilagor"

    def check(section: dict, level: int) -> None:
        assert section["level"] == level
        assert lines[section["line"] - 1] == "#" * level + " " + section["heading"]
        for child in section["children"]:
            check(child, level + 1)

    for section in data["sections"]:
        check(section, 1)


def test_outline_text_indents_children(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["outline", str(SNAPSHOTS / "2025-05.md")]) == 0
    out = capsys.readouterr().out
    assert "\n       5  Inledning\n" in out
    division = next(line for line in out.splitlines() if line.endswith("Division Regionstöd"))
    assert division.split("Division")[0].endswith("    ")  # two spaces after the line number, two for level 2
    assert not division.split("Division")[0].endswith("      ")
