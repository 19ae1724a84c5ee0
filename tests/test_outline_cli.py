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


def _outline_schema() -> dict:
    from importlib import resources

    return json.loads(resources.files("reportdiff").joinpath("data/outline.schema.json").read_text(encoding="utf-8"))


def _validate_outline(data: dict) -> None:
    import jsonschema

    jsonschema.Draft202012Validator(_outline_schema(), format_checker=jsonschema.FormatChecker()).validate(data)


def _outline_inputs(tmp_path):  # type: ignore[no-untyped-def]
    """Every snapshot, and one report each as plain text, DOCX and PDF (built for the test)."""
    from tests import hostile

    paths = list(sorted(SNAPSHOTS.glob("20*.md")))
    paths += [hostile.good_report(tmp_path), hostile.real_docx(tmp_path), hostile.real_pdf(tmp_path)]
    plain = tmp_path / "plain.txt"
    plain.write_text(hostile.GOOD_REPORT.replace("# ", ""), encoding="utf-8")
    return [*paths, plain]


def test_outline_json_follows_its_shipped_schema(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """The schema the JSON names exists in the package and every outline validates against it."""
    assert _outline_schema()["title"] == "reportdiff.outline/1"
    for path in _outline_inputs(tmp_path):
        assert run(["outline", str(path), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["schema"] == _outline_schema()["title"]
        _validate_outline(data)


def test_outline_schema_rejects_what_the_format_never_writes() -> None:
    import jsonschema

    good = {
        "schema": "reportdiff.outline/1", "source": "a.md", "title": "", "date": None, "date_text": "",
        "date_source": "", "author": "", "author_role": "", "style": "markdown", "warnings": [],
        "sections": [{"heading": "A", "level": 1, "line": 1, "page": None, "end_line": 3, "blocks": 1, "children": []}],
    }  # fmt: skip
    _validate_outline(good)
    for broken in ({**good, "extra": 1}, {**good, "sections": [{**good["sections"][0], "level": 0}]}):
        with pytest.raises(jsonschema.ValidationError):
            _validate_outline(broken)


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
    _validate_outline(data)
    first = data["sections"][0]
    assert "the form of a report part" in first["why"] and "a top part" in first["why"]
