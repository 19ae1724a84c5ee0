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


def test_explain_says_why_each_heading_is_one_and_who_its_parent_is(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from reportdiff.cli import cli

    text = "\n".join(
        [
            "Inledning",
            "Arbetet med den nya planeringen av sommarens bemanning har fortsatt under",
            "perioden och flera verksamheter har redan lämnat sina underlag till staben.",
            "Kvalitet",
            "Uppdrag till regionen om uppföljning av vårdskador",
            "Inspektionen har gett regionen i uppdrag att redovisa hur vårdskador följs",
            "upp och vilka åtgärder som vidtagits under det senaste året i verksamheten.",
        ]
    )
    path = tmp_path / "rapport.txt"
    path.write_text(text + "\n", encoding="utf-8")
    plain = CliRunner().invoke(cli, ["outline", str(path)])
    assert "why:" not in plain.output
    result = CliRunner().invoke(cli, ["outline", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    child = lines.index(next(line for line in lines if "Uppdrag till regionen" in line))
    why = lines[child + 1]
    assert "why:" in why and "no text of its own, so this is its child" in why and "parent 'Kvalitet'" in why
    data = json.loads(CliRunner().invoke(cli, ["outline", str(path), "--explain", "--format", "json"]).output)
    first = data["sections"][0]
    assert "the form of a report part" in first["why"] and "a top part" in first["why"]
