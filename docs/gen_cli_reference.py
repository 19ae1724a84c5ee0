"""Write docs/cli-reference.md from the commands' own --help, so the reference cannot drift.

    python docs/gen_cli_reference.py          # rewrite the file
    python docs/gen_cli_reference.py --check  # exit 1 when the file is stale (tests run this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportdiff.cli import cli

TARGET = Path(__file__).with_name("cli-reference.md")


def help_text(command: click.Command, name: str, parent: click.Context | None = None) -> str:
    context = click.Context(command, info_name=name, parent=parent, terminal_width=100, max_content_width=100)
    return command.get_help(context)


def reference() -> str:
    root = click.Context(cli, info_name="reportdiff", terminal_width=100, max_content_width=100)
    parts = [
        "# Command reference",
        "",
        "Generated from `--help` by `python docs/gen_cli_reference.py`; do not edit by hand.",
        "The narrative guide is [cli.md](cli.md).",
        "",
        "## reportdiff",
        "",
        "```text",
        help_text(cli, "reportdiff"),
        "```",
    ]
    for name in sorted(cli.list_commands(root)):
        command = cli.get_command(root, name)
        assert command is not None
        parts += ["", f"## reportdiff {name}", "", "```text", help_text(command, name, root), "```"]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    text = reference()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale: run python docs/gen_cli_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
