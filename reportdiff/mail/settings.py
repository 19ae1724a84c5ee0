"""SMTP settings and the folders sending uses (outbox, state).

Settings come from, in order of precedence: arguments (command-line flags), the environment
(``REPORTDIFF_SMTP_*``), then ``[tool.reportdiff.email]`` / ``reportdiff.toml``. The password is read
only from ``REPORTDIFF_SMTP_PASSWORD`` (or a prompt in the CLI), never from a file or a flag.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdiff.errors import ConfigError

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
ENV_PREFIX = "REPORTDIFF_SMTP_"
CONFIG_KEYS = {"host", "port", "user", "sender", "from", "tls", "cafile", "timeout", "retries", "retry_delay", "outbox"}
MAX_RETRIES = 10  # bounded: a scheduled run must end, and the next run tries again anyway
MAX_DELAY = 300.0  # seconds; no single wait between tries is longer


@dataclass(slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 0  # 0: the usual port for the TLS mode
    user: str = ""
    password: str = ""
    sender: str = ""
    tls: str = "starttls"
    cafile: str = ""  # trust this CA (or self-signed certificate) as well as the system's
    timeout: float = 30.0
    retries: int = 3  # tries after the first when the server answers 4xx (temporary)
    retry_delay: float = 5.0  # seconds before the first retry; doubled before each next one
    outbox: str = ""  # where a message that could not be sent is kept; "" = <state folder>/outbox

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.tls]

    def delays(self) -> list[float]:
        """The waits before each retry: retry_delay, doubled each time, none longer than MAX_DELAY."""
        return [min(self.retry_delay * 2**number, MAX_DELAY) for number in range(self.retries)]

    def require_host(self) -> None:
        """Checked before anything is sent, prompted for or recorded."""
        if not self.host:
            raise ConfigError("no SMTP host: set REPORTDIFF_SMTP_HOST or host in [tool.reportdiff.email]")

    def outbox_folder(self) -> Path:
        return Path(self.outbox) if self.outbox else state_folder() / "outbox"


def state_folder() -> Path:
    """``REPORTDIFF_STATE_DIR`` if set, else the user's state folder (platformdirs)."""
    override = os.environ.get("REPORTDIFF_STATE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir("reportdiff"))


def resolve_settings(config: Mapping[str, Any], environ: Mapping[str, str], **flags: Any) -> SmtpSettings:
    """Settings from flags (non-empty values win), then the environment, then the config table."""
    if "password" in config:
        raise ConfigError("[tool.reportdiff.email]: no password in files; set REPORTDIFF_SMTP_PASSWORD")
    unknown = sorted(set(config) - CONFIG_KEYS)
    if unknown:
        raise ConfigError(f"[tool.reportdiff.email]: unknown key {unknown[0]!r}")

    def pick(name: str, env_name: str, config_names: Sequence[str]) -> Any:
        if flags.get(name) not in (None, ""):
            return flags[name]
        if environ.get(ENV_PREFIX + env_name):
            return environ[ENV_PREFIX + env_name]
        for key in config_names:
            if config.get(key) not in (None, ""):
                return config[key]
        return None

    settings = SmtpSettings(
        host=str(pick("host", "HOST", ["host"]) or ""),
        user=str(pick("user", "USER", ["user"]) or ""),
        password=environ.get(ENV_PREFIX + "PASSWORD", ""),
        sender=str(pick("sender", "FROM", ["sender", "from"]) or ""),
        tls=str(pick("tls", "TLS", ["tls"]) or "starttls").lower(),
        cafile=str(pick("cafile", "CAFILE", ["cafile"]) or ""),
        outbox=str(pick("outbox", "OUTBOX", ["outbox"]) or ""),
    )
    if settings.tls not in TLS_MODES:
        raise ConfigError(f"tls must be one of {', '.join(TLS_MODES)}, not {settings.tls!r}")
    port = pick("port", "PORT", ["port"])
    timeout = pick("timeout", "TIMEOUT", ["timeout"])
    retries = pick("retries", "RETRIES", ["retries"])
    delay = pick("retry_delay", "RETRY_DELAY", ["retry_delay"])
    try:
        settings.port = int(port) if port not in (None, "") else 0
        settings.timeout = float(timeout) if timeout not in (None, "") else 30.0
    except (TypeError, ValueError):
        raise ConfigError(f"SMTP port and timeout must be numbers, not {port!r} / {timeout!r}") from None
    try:
        settings.retries = int(retries) if retries not in (None, "") else 3
        settings.retry_delay = float(delay) if delay not in (None, "") else 5.0
    except (TypeError, ValueError):
        raise ConfigError(f"retries and retry_delay must be numbers, not {retries!r} / {delay!r}") from None
    if not 0 <= settings.port <= 65535:
        raise ConfigError(f"SMTP port out of range: {settings.port}")
    if not 0 <= settings.retries <= MAX_RETRIES:
        raise ConfigError(f"retries must be between 0 and {MAX_RETRIES}, not {settings.retries}")
    if not 0 <= settings.retry_delay <= MAX_DELAY:
        raise ConfigError(f"retry_delay must be between 0 and {MAX_DELAY:g} seconds, not {settings.retry_delay:g}")
    return settings
