"""Sending one message over SMTP: retries for temporary (4xx) answers, every refusal named.

:func:`send_message` tries once, and again after each of the settings' delays while the server
answers 4xx (to the whole message, or to some recipients: then only those are tried again). It
returns a :class:`Delivery` saying who got the message, who was refused for good (5xx) and who is
still deferred (4xx after the last try). Everything else the network, TLS or the server can do
wrong becomes one :class:`~reportdiff.errors.SendError` with a one-line message.
"""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

from reportdiff.errors import SendError
from reportdiff.mail.settings import SmtpSettings
from reportdiff.render.email_message import one_line, recipients_of


@dataclass(slots=True)
class Delivery:
    """What became of one message: accepted, refused (5xx, for good) and deferred (4xx, for now)."""

    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # address -> "550 5.1.1 no such user"
    deferred: dict[str, str] = field(default_factory=dict)  # address -> "451 4.3.0 try again later"
    attempts: int = 0

    @property
    def complete(self) -> bool:
        return not self.refused and not self.deferred

    def undelivered(self) -> list[str]:
        return sorted({*self.refused, *self.deferred})


class TemporaryFailure(SendError):
    """The server answered 4xx to the whole message, every time it was tried."""


def send_message(
    message: EmailMessage,
    settings: SmtpSettings,
    recipients: Sequence[str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Send to ``recipients`` (default: To and Cc), retrying temporary failures; see :class:`Delivery`."""
    settings.require_host()
    pending = list(recipients if recipients is not None else recipients_of(message))
    delivery = Delivery()
    waits = settings.delays()
    while True:
        delivery.attempts += 1
        try:
            failed = _send_once(message, settings, pending)
        except TemporaryFailure as error:
            if delivery.attempts > len(waits):
                tries = f"{delivery.attempts} tries" if delivery.attempts > 1 else "1 try, no retries"
                raise TemporaryFailure(f"{error} (temporary; {tries})") from None
            sleep(waits[delivery.attempts - 1])
            continue
        delivery.accepted += [address for address in pending if address not in failed]
        temporary = {address: reply for address, (code, reply) in failed.items() if 400 <= code < 500}
        delivery.refused.update({address: reply for address, (code, reply) in failed.items() if code >= 500})
        if not temporary:
            delivery.deferred = {}
            break
        delivery.deferred = temporary
        if delivery.attempts > len(waits):
            break
        sleep(waits[delivery.attempts - 1])
        pending = sorted(temporary)
    delivery.accepted.sort()
    return delivery


def _send_once(  # noqa: C901  (reason in the docstring)
    message: EmailMessage, settings: SmtpSettings, recipients: list[str]
) -> dict[str, tuple[int, str]]:
    """One SMTP session; the recipients refused, with code and reply. Raises SendError otherwise.

    Over 60 lines and 15 branches: each way smtplib and ssl can fail gets its own one-line message, in one
    ``try`` around the one session, so that none is turned into a traceback.
    """
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
    except smtplib.SMTPRecipientsRefused as error:  # every recipient: each with its own answer
        return {address: (code, _decoded(code, reply)) for address, (code, reply) in error.recipients.items()}
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            raise TemporaryFailure(f"{where}: the server said {_reply(error)}") from None
        if isinstance(error, smtplib.SMTPAuthenticationError):
            raise SendError(f"{where}: authentication failed for {settings.user!r} ({_reply(error)})") from None
        if isinstance(error, smtplib.SMTPSenderRefused):
            raise SendError(f"{where}: sender refused ({_reply(error)})") from None
        raise SendError(f"{where}: the server said {_reply(error)}") from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(f"{where}: not supported by the server ({_text(error)})") from None
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
    return {address: (code, _decoded(code, reply)) for address, (code, reply) in refused.items()}


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


def _decoded(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {one_line(text)}".strip()


def _reply(error: smtplib.SMTPResponseException) -> str:
    return _decoded(error.smtp_code, error.smtp_error)


def _text(error: BaseException) -> str:
    return one_line(str(error))
