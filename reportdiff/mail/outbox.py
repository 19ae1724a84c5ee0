"""The outbox: a message that could not be sent is kept as an ``.eml`` file, so nothing is lost.

The file is the message as it would have gone out, plus one header, ``X-Reportdiff-Pending``, naming
the recipients it has not reached yet (a message delivered to some recipients is kept for the
others only, so sending it again reaches no one twice). ``reportdiff email --resend FILE`` sends it
to those recipients, without that header, and removes the file from the outbox once it has gone.
"""

from __future__ import annotations

import email
import hashlib
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses
from pathlib import Path

from reportdiff.errors import InputError, SendError
from reportdiff.mail.send import Delivery, send_message
from reportdiff.mail.settings import SmtpSettings
from reportdiff.render.email_message import recipients_of
from reportdiff.render.output import write_output

PENDING_HEADER = "X-Reportdiff-Pending"


def outbox_name(message: EmailMessage) -> str:
    """A file name from the Message-ID: the same message always lands in the same file."""
    message_id = str(message.get("Message-ID", ""))
    return f"reportdiff-{hashlib.sha256(message_id.encode()).hexdigest()[:24]}.eml"


def keep(message: EmailMessage, folder: Path, recipients: Sequence[str]) -> Path:
    """Write ``message`` to ``folder`` for ``recipients``; returns the file."""
    kept = _copy(message)
    del kept[PENDING_HEADER]
    kept[PENDING_HEADER] = ", ".join(recipients)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SendError(f"{folder}: cannot create the outbox folder ({error.strerror or error})") from None
    path = folder / outbox_name(message)
    write_output(kept.as_bytes(), str(path))
    return path


def read_kept(path: str | Path) -> tuple[EmailMessage, list[str]]:
    """A kept (or any ``.eml``) message, without the pending header, and whom it is still for."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    message = email.message_from_bytes(data, policy=SMTP)
    if not isinstance(message, EmailMessage) or not message.get("From"):
        raise InputError(f"{path}: not an e-mail message (no From header)")
    pending = message.get(PENDING_HEADER)
    del message[PENDING_HEADER]
    recipients = [address for _, address in getaddresses([str(pending)]) if address] if pending else []
    recipients = recipients or recipients_of(message)
    if not recipients:
        raise InputError(f"{path}: the message has no recipient (no To, Cc or {PENDING_HEADER})")
    return message, recipients


def deliver(
    message: EmailMessage,
    settings: SmtpSettings,
    recipients: Sequence[str] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> Delivery:
    """Send; whatever could not be delivered is kept in the outbox and named in one :class:`SendError`.

    On full success an outbox file of the same message (from an earlier failed try) is removed.
    """
    folder = settings.outbox_folder()
    targets = list(recipients if recipients is not None else recipients_of(message))
    try:
        delivery = send_message(message, settings, targets, **({"sleep": sleep} if sleep else {}))
    except SendError as error:
        path = keep(message, folder, targets)
        raise SendError(f"{error}; nothing sent; {_kept_note(path)}") from None
    if delivery.complete:
        (folder / outbox_name(message)).unlink(missing_ok=True)
        return delivery
    path = keep(message, folder, delivery.undelivered())
    where = f"{settings.host}:{settings.effective_port}"
    parts = [f"{address} ({reply})" for address, reply in sorted(delivery.refused.items())]
    tries = f"{delivery.attempts} tries" if delivery.attempts > 1 else "1 try, no retries"
    parts += [f"{address} ({reply}; temporary, {tries})" for address, reply in sorted(delivery.deferred.items())]
    text = f"{where}: not delivered to {', '.join(parts)}"
    if not delivery.accepted:  # nobody has it: a failure like any other, not a partial delivery
        raise SendError(f"{text}; nothing sent; {_kept_note(path)}")
    reached = f"delivered to {len(delivery.accepted)} of {len(targets)} recipient(s)"
    raise PartialDelivery(f"{text}; {reached}; {_kept_note(path)}", delivery)


class PartialDelivery(SendError):
    """Some recipients have the message, others not (named in the message; kept in the outbox for them)."""

    def __init__(self, message: str, delivery: Delivery) -> None:
        super().__init__(message)
        self.delivery = delivery


def _kept_note(path: Path) -> str:
    return f"kept in {path} (send it later: reportdiff email --resend {path})"


def _copy(message: EmailMessage) -> EmailMessage:
    copied = email.message_from_bytes(message.as_bytes(), policy=SMTP)
    assert isinstance(copied, EmailMessage)
    return copied


def resend(path: str | Path, settings: SmtpSettings) -> tuple[Delivery, bool]:
    """Send a kept message to whom it is still for; the file leaves the outbox once it has gone.

    A file outside the outbox (say, a ``--dry-run`` message) is sent and left where it is.
    """
    settings.require_host()
    message, recipients = read_kept(path)
    delivery = deliver(message, settings, recipients)  # a partial failure rewrites the outbox file
    source = Path(path).resolve()
    in_outbox = source.parent == settings.outbox_folder().resolve()
    if in_outbox:
        source.unlink(missing_ok=True)
    return delivery, in_outbox
