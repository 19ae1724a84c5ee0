"""Configuration from ``reportdiff.toml`` or ``[tool.reportdiff]`` in ``pyproject.toml``.

Looked up from the given folder upwards; the first file that has a reportdiff table wins.
Flags on the command line always win over the file. Only the CLI reads it, once per run
(:func:`configuration`), and passes what it holds on: the library never reads the current folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportdiff.errors import ConfigError

if TYPE_CHECKING:
    from reportdiff.check.config import CheckConfig
    from reportdiff.classify.rules import Rules


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


@dataclass(slots=True)
class Configuration:
    """The configuration file found for this run (``path`` None: there is none) and its table."""

    path: Path | None = None
    table: dict[str, Any] = field(default_factory=dict)
    _rules: Rules | None = None

    def section(self, name: str) -> dict[str, Any]:
        """One table of the configuration, e.g. ``email`` or ``check``; empty when absent."""
        section = self.table.get(name, {})
        if not isinstance(section, dict):
            raise ConfigError(f"{self.path}: [tool.reportdiff.{name}] must be a table")
        return section

    def rules(self) -> Rules:
        """The built-in rules extended by the rule file that ``[rules] file`` names, loaded once."""
        if self._rules is None:
            from reportdiff.classify.rules import load_rules

            extra = self.section("rules").get("file")
            if extra is not None and not isinstance(extra, str):
                raise ConfigError("[tool.reportdiff.rules] file must be a path")
            self._rules = load_rules(extra)
        return self._rules


def read_configuration(start: str | Path = ".") -> Configuration:
    return Configuration(*find_config(start))


@contextmanager
def configured_readers(found: Configuration) -> Iterator[None]:
    """The readers use the organisation words of ``[headings]`` while the run lasts, then the ones before."""
    from reportdiff.text.heading_words import HeadingWords, use_heading_words

    table = found.section("headings")
    previous = use_heading_words(HeadingWords.from_table(table) if table else None)
    try:
        yield
    finally:
        use_heading_words(previous)


def configuration() -> Configuration:
    """This run's configuration: the one :func:`reportdiff.cli.app.run` read, else read now (and kept)."""
    context = click.get_current_context(silent=True)
    root = context.find_root() if context is not None else None
    if root is not None and isinstance(root.obj, Configuration):
        return root.obj
    found = read_configuration()
    if root is not None:
        root.obj = found
    return found


def config_section(name: str, start: str | Path = ".") -> dict[str, Any]:
    """One table of the configuration above ``start``; empty when absent."""
    return read_configuration(start).section(name)


def load_check_config(start: str | Path = ".", file: str | Path | None = None) -> CheckConfig:
    """The check configuration from ``file``, or the nearest one above ``start``; defaults when none."""
    import tomllib

    from reportdiff.check.config import parse_check_config

    if file is not None:
        path = Path(file)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{file}: no such configuration file") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"{file}: cannot read configuration ({error})") from None
        table = data.get("tool", {}).get("reportdiff", {}) if path.name == "pyproject.toml" else data
        section = table.get("check", {})
        where = str(path)
    else:
        found = read_configuration(start)
        section = found.section("check")
        where = str(found.path) if found.path else ""
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: the check table must be a table")
    return parse_check_config(section, where)


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


# Options that the configuration does not set: where output goes, one-off actions, the
# configuration file itself, and check's select/ignore (its own table reads those, see check/config.py).
# --series and --resend say what to compare or send, as OLD and NEW do: never from the file.
_NOT_SETTINGS = {
    "output",
    "other_file",
    "list_rules",
    "config_file",
    "dry_run",
    "no_cache",
    "select",
    "ignore",
    "diffs_dir",
    "series_dir",
    "resend_file",
}
# Keys of [email] that are the email command's own options, not SMTP settings for mail.py.
EMAIL_OPTION_KEYS = {"to", "cc", "subject", "link", "lang", "since_state", "since-state", "settle"}
# SMTP settings that are also flags of `email`: mail.resolve_settings reads them from [email] itself,
# below the environment (a file default in click's default_map would beat REPORTDIFF_SMTP_*).
_SMTP_FLAGS = {"tls", "retries", "retry_delay", "outbox"}
# Tables read by their own code, which checks their keys: [email] (mail/), [rules] (classify/rules.py),
# [headings] (text/heading_words.py).
_OWN_TABLES = {"email", "rules", "headings"}


def _setting_names(param: click.Option) -> list[str]:
    """``--side-by-side`` → ``side_by_side`` and ``side-by-side``: how a setting may be spelled."""
    names = [name.lstrip("-") for name in param.opts if name.startswith("--")]
    return sorted({form for name in names for form in (name, name.replace("-", "_"))})


def _command_settings(command: click.Command) -> dict[str, click.Option]:
    settings: dict[str, click.Option] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in _NOT_SETTINGS or param.name == "help":
            continue
        if param.is_flag and not param.secondary_opts:
            continue  # a flag that no flag could turn off again: the file could beat the command line
        for name in _setting_names(param):
            settings[name] = param
    return settings


def settings_default_map(group: click.Group, found: Configuration) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Click's ``default_map`` from ``[tool.reportdiff]``: settings become the defaults, so a flag always wins.

    Keys at the top (``lang = "sv"``) apply to every command that has that option; a command's own
    table (``[tool.reportdiff.diff]``) applies to it alone and wins over the top. A key that no
    command takes is a warning naming it; a value that does not fit is an error.
    """
    path, table = found.path, found.table
    if not table:
        return {}, []
    warnings: list[str] = []
    options = {name: _command_settings(command) for name, command in group.commands.items()}
    top = {key: value for key, value in table.items() if not isinstance(value, dict)}
    for key, value in table.items():
        if isinstance(value, dict) and key not in options and key not in _OWN_TABLES:
            warnings.append(f"{path}: unknown table [{key}] in the reportdiff configuration (ignored)")
        elif not isinstance(value, dict) and not any(key in settings for settings in options.values()):
            warnings.append(f"{path}: unknown key {key!r} in the reportdiff configuration (ignored)")
    default_map: dict[str, dict[str, Any]] = {}
    for name, settings in options.items():
        own = table.get(name, {}) if isinstance(table.get(name), dict) else {}
        values: dict[str, Any] = {}
        for where, source in (("", top), (f"[{name}] ", own)):
            for key, value in source.items():
                param = settings.get(key)
                if name == "email" and param is not None and param.name in _SMTP_FLAGS:
                    continue
                if param is None:
                    if where and name not in _OWN_TABLES and name != "check":  # check/config.py warns for its own
                        warnings.append(f"{path}: unknown key {key!r} in [{name}] (ignored)")
                    continue
                if param.multiple and isinstance(value, str):
                    value = [value]  # to = "a@example.org" means the one address
                try:
                    values[param.name or key] = param.type_cast_value(click.Context(group.commands[name]), value)
                except click.BadParameter as error:
                    raise ConfigError(f"{path}: {where}{key}: {error.message}") from None
        if values:
            default_map[name] = values
    return default_map, warnings
