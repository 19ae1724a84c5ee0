"""The documentation keeps up with the code: every command documented, the reference not stale."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from reportdiff.cli import cli


def test_cli_reference_is_generated_from_the_current_help() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "gen_cli_reference.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_command_is_in_the_guide_and_has_examples() -> None:
    guide = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"`reportdiff {name}" in guide, f"docs/cli.md does not mention `reportdiff {name}`"
        assert "Examples:" in (command.help or ""), f"`reportdiff {name} --help` shows no examples"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("\n")
    blocks = [index for index, line in enumerate(readme[:12]) if line.startswith("```")]
    assert len(blocks) >= 4, "README.md must open with two command blocks"
    install_and_run, tests = readme[blocks[0] + 1], readme[blocks[2] + 1]
    assert "pip install" in install_and_run and "snapshots/" in install_and_run
    assert "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests.split("&& ", 1)[1] in ci, ".ci/run must run the README's test command"
