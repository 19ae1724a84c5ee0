"""The whole e-mail: headers around the two parts of :mod:`reportdiff.render.email_mime`.

``email.policy.SMTP`` encodes a subject with å, ä, ö as an RFC 2047 word and uses CRLF line ends.
No header value can hold a line break (a subject with one would start a new header), and no
subject names a folder: a report is named by its title and date, or by its file name.

The Message-ID is made from the message's content and recipients, so the same message sent twice
(a retry, a run that stopped before recording that it had sent) carries the same Message-ID and
mail clients can drop the duplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses
from pathlib import PurePath
from typing import Any

from reportdiff.errors import ConfigError
from reportdiff.model import DocumentDiff
from reportdiff.render.email_html import render_email_parts
from reportdiff.render.email_mime import alternative_body
from reportdiff.render.labels import labels
from reportdiff.render.options import RenderOptions


def default_subject(diff: DocumentDiff, lang: str) -> str:
    """``Ändringar i Regiondirektörens rapport: 14 april 2025 → 14 maj 2025``."""
    words = labels(lang)

    def date(report: Any) -> str:
        # a report without a date is named by its file name, never by the folder it lies in
        return report.display_date() or PurePath(report.source.replace("\\", "/")).name

    title = diff.new.title or diff.old.title or words["default_title"]
    return one_line(words["subject"].format(title=title, old=date(diff.old), new=date(diff.new)))


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
    text, html = render_email_parts(diff, options)
    message = alternative_body(text, html)
    message["Subject"] = one_line(subject) if subject else default_subject(diff, options.lang)
    message["From"] = from_address
    message["To"] = recipients
    if copies:
        message["Cc"] = copies
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = stable_message_id(message, from_address.domain)
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = options.lang
    return message


def stable_message_id(message: EmailMessage, domain: str) -> str:
    """``<reportdiff.<hash>@domain>`` from the subject, sender, recipients and both parts (not the Date)."""
    digest = hashlib.sha256()
    for name in ("Subject", "From", "To", "Cc"):
        digest.update(f"{name}: {message.get(name, '')}\n".encode())
    for part in message.iter_parts():
        digest.update(part.get_content().encode("utf-8"))
    return f"<reportdiff.{digest.hexdigest()[:32]}@{domain or 'localhost'}>"


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
            found.append(Address(display_name=one_line(name), username=username, domain=domain))
    return found


def one_line(text: str) -> str:
    """Header values on one line: a line break in a subject would start a new header."""
    return " ".join(text.split())
