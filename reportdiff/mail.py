"""Send the change summary by e-mail: one multipart/alternative message over SMTP.

The message has a text/plain part and a text/html part (:mod:`reportdiff.render.email_html`), both
UTF-8; ``email.policy.SMTP`` encodes a subject with å, ä, ö as an RFC 2047 word and uses CRLF line
ends. Settings come from, in order of precedence: arguments (command-line flags), the environment
(``REPORTDIFF_SMTP_*``), then ``[tool.reportdiff.email]`` / ``reportdiff.toml``. The password is read
only from ``REPORTDIFF_SMTP_PASSWORD`` (or a prompt in the CLI), never from a file or a flag.

Every failure of the network, TLS or the server becomes one :class:`~reportdiff.errors.SendError`
with a one-line message; the CLI shows it and exits 2.
"""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, getaddresses, make_msgid
from typing import Any

from reportdiff.errors import ConfigError, SendError
from reportdiff.model import DocumentDiff
from reportdiff.render.email_html import render_email_html, render_email_text
from reportdiff.render.labels import labels
from reportdiff.render.options import RenderOptions

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
ENV_PREFIX = "REPORTDIFF_SMTP_"


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

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.tls]


def resolve_settings(config: Mapping[str, Any], environ: Mapping[str, str], **flags: Any) -> SmtpSettings:
    """Settings from flags (non-empty values win), then the environment, then the config table."""
    if "password" in config:
        raise ConfigError("[tool.reportdiff.email]: no password in files; set REPORTDIFF_SMTP_PASSWORD")
    unknown = sorted(set(config) - {"host", "port", "user", "sender", "from", "tls", "cafile", "timeout"})
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
    )
    if settings.tls not in TLS_MODES:
        raise ConfigError(f"tls must be one of {', '.join(TLS_MODES)}, not {settings.tls!r}")
    port = pick("port", "PORT", ["port"])
    timeout = pick("timeout", "TIMEOUT", ["timeout"])
    try:
        settings.port = int(port) if port not in (None, "") else 0
        settings.timeout = float(timeout) if timeout not in (None, "") else 30.0
    except (TypeError, ValueError):
        raise ConfigError(f"SMTP port and timeout must be numbers, not {port!r} / {timeout!r}") from None
    if not 0 <= settings.port <= 65535:
        raise ConfigError(f"SMTP port out of range: {settings.port}")
    return settings


# -- the message ------------------------------------------------------------------------------------


def default_subject(diff: DocumentDiff, lang: str) -> str:
    """``Ändringar i Regiondirektörens rapport: 14 april 2025 → 14 maj 2025``."""
    words = labels(lang)

    def date(report: Any) -> str:
        return report.display_date() or report.source

    title = diff.new.title or diff.old.title or words["default_title"]
    return _one_line(words["subject"].format(title=title, old=date(diff.old), new=date(diff.new)))


def build_message(
    diff: DocumentDiff,
    options: RenderOptions,
    to: Sequence[str],
    sender: str,
    cc: Sequence[str] = (),
    subject: str | None = None,
) -> EmailMessage:
    """A multipart/alternative message: the plain text first, the HTML last (the preferred one)."""
    recipients = _addresses(to, "--to")
    copies = _addresses(cc, "--cc")
    if not recipients:
        raise ConfigError("no recipient: give at least one --to address")
    if not sender:
        raise ConfigError("no sender: set REPORTDIFF_SMTP_FROM or sender in [tool.reportdiff.email]")
    from_address = _addresses([sender], "sender")[0]
    message = EmailMessage(policy=SMTP)
    message["Subject"] = _one_line(subject) if subject else default_subject(diff, options.lang)
    message["From"] = from_address
    message["To"] = recipients
    if copies:
        message["Cc"] = copies
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid("reportdiff", domain=from_address.domain or None)
    message["Auto-Submitted"] = "auto-generated"
    # quoted-printable keeps the raw message readable and every line under SMTP's 998-octet limit
    message.set_content(render_email_text(diff, options), subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(render_email_html(diff, options), subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = options.lang  # after the parts: set_content drops Content-* headers
    return message


def recipients_of(message: EmailMessage) -> list[str]:
    """Every To and Cc address: the SMTP envelope."""
    fields = [str(value) for name in ("To", "Cc") for value in message.get_all(name, [])]
    return [address for _, address in getaddresses(fields) if address]


def _addresses(values: Sequence[str], what: str) -> list[Address]:
    found: list[Address] = []
    for value in values:
        if any(char in value for char in "\r\n\0"):
            raise ConfigError(f"{what}: a line break in an address: {value!r}")
        for name, address in getaddresses([value]):
            if not address or address.count("@") != 1 or any(char in address for char in " \r\n<>"):
                raise ConfigError(f"{what}: not an e-mail address: {value!r}")
            username, domain = address.split("@")
            found.append(Address(display_name=_one_line(name), username=username, domain=domain))
    return found


def _one_line(text: str) -> str:
    """Header values on one line: a line break in a subject would start a new header."""
    return " ".join(text.split())


# -- sending ----------------------------------------------------------------------------------------


def send_message(message: EmailMessage, settings: SmtpSettings) -> list[str]:
    """Send over SMTP; returns the envelope recipients. Every failure is one :class:`SendError`."""
    if not settings.host:
        raise ConfigError("no SMTP host: set REPORTDIFF_SMTP_HOST or host in [tool.reportdiff.email]")
    recipients = recipients_of(message)
    where = f"{settings.host}:{settings.effective_port}"
    try:
        context = _tls_context(settings)
        smtp: smtplib.SMTP
        if settings.tls == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, settings.effective_port, timeout=settings.timeout, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.effective_port, timeout=settings.timeout)
        with smtp:
            if settings.tls == "starttls":
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    raise SendError(f"{where}: the server does not offer STARTTLS; use --tls ssl, or --tls none")
                smtp.starttls(context=context)
                smtp.ehlo()
            if settings.user:
                if not settings.password:
                    raise SendError(f"no password for {settings.user}: set REPORTDIFF_SMTP_PASSWORD")
                _login(smtp, settings.user, settings.password)
            refused = smtp.send_message(
                message, from_addr=str(message["From"].addresses[0].addr_spec), to_addrs=recipients
            )
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(f"{where}: authentication failed for {settings.user!r} ({_reply(error)})") from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(f"{where}: not supported by the server ({_text(error)})") from None
    except smtplib.SMTPRecipientsRefused as error:
        raise SendError(f"{where}: every recipient was refused ({', '.join(sorted(error.recipients))})") from None
    except smtplib.SMTPSenderRefused as error:
        raise SendError(f"{where}: sender refused ({_reply(error)})") from None
    except smtplib.SMTPResponseException as error:
        raise SendError(f"{where}: the server said {_reply(error)}") from None
    except smtplib.SMTPServerDisconnected as error:
        if "timed out" in str(error):  # smtplib turns a read timeout into a disconnect
            raise SendError(f"{where}: timed out after {settings.timeout:g} s") from None
        raise SendError(f"{where}: the server closed the connection ({_text(error) or 'no reason given'})") from None
    except ssl.SSLCertVerificationError as error:
        raise SendError(
            f"{where}: TLS certificate not trusted ({error.verify_message}); see REPORTDIFF_SMTP_CAFILE"
        ) from None
    except ssl.SSLError as error:
        raise SendError(f"{where}: TLS failed ({error.reason or _text(error)})") from None
    except ConnectionRefusedError:
        raise SendError(f"{where}: connection refused (is the SMTP server running, and the port right?)") from None
    except TimeoutError:
        raise SendError(f"{where}: timed out after {settings.timeout:g} s") from None
    except socket.gaierror as error:
        raise SendError(f"{settings.host}: unknown host ({error.strerror or error})") from None
    except OSError as error:
        raise SendError(f"{where}: cannot connect ({error.strerror or _text(error)})") from None
    except smtplib.SMTPException as error:
        raise SendError(f"{where}: {_text(error)}") from None
    return sorted(set(recipients) - set(refused))


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; smtplib encodes credentials as ASCII, so others go as AUTH PLAIN in UTF-8 (RFC 4616)."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    if not smtp.has_extn("auth") or "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise SendError("the server offers no AUTH PLAIN, needed for a user name or password outside ASCII")
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext | None:
    if settings.tls == "none":
        return None
    try:
        context = ssl.create_default_context()
        if settings.cafile:
            context.load_verify_locations(cafile=settings.cafile)
    except (OSError, ssl.SSLError) as error:
        raise SendError(f"{settings.cafile}: cannot load CA file ({_text(error)})") from None
    return context


def _reply(error: smtplib.SMTPResponseException) -> str:
    detail = (
        error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
    )
    return f"{error.smtp_code} {_one_line(detail)}".strip()


def _text(error: BaseException) -> str:
    return _one_line(str(error))
