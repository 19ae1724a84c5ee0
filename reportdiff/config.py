"""Configuration from ``reportdiff.toml`` or ``[tool.reportdiff]`` in ``pyproject.toml``.

Looked up from the given folder upwards; the first file that has a reportdiff table wins.
Flags on the command line always win over the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportdiff.errors import ConfigError


def find_config(start: str | Path = ".") -> tuple[Path | None, dict[str, Any]]:
    """The nearest reportdiff configuration and the file it came from (None, {} when there is none)."""
    try:
        folder = Path(start).resolve()
    except (OSError, RuntimeError):  # a symlink loop: the reader reports it; look up from here
        folder = Path(start).absolute().parent
    if folder.is_file():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in ("reportdiff.toml", "pyproject.toml"):
            path = directory / name
            if not path.is_file():
                continue
            text = _read_text(path)
            if name == "pyproject.toml" and "reportdiff" not in text:
                continue  # most projects' pyproject has no table of ours: not worth parsing (5 ms)
            data = _parse_toml(path, text)
            table = data if name == "reportdiff.toml" else data.get("tool", {}).get("reportdiff")
            if table is not None:
                return path, table
    return None, {}


def config_section(name: str, start: str | Path = ".") -> dict[str, Any]:
    """One table of the configuration, e.g. ``email`` or ``check``; empty when absent."""
    path, table = find_config(start)
    section = table.get(name, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.reportdiff.{name}] must be a table")
    return section


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration ({error})") from None


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # only for a file that may hold our table: importing it costs as much as a small diff

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: cannot read configuration ({error})") from None
