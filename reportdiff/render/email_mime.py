"""The body of the e-mail as MIME: a multipart/alternative of a text/plain and a text/html part.

Both parts are UTF-8 and quoted-printable (readable in the raw message, every line under SMTP's
998-octet limit). :func:`body_size` is what the parts take in the message as sent, the size that
Gmail's clipping counts, so :mod:`reportdiff.render.email_html` cuts against it.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP


def alternative_body(text: str, html: str) -> EmailMessage:
    """The two parts, plain text first and HTML last (the preferred one), without any headers."""
    message = EmailMessage(policy=SMTP)
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def body_size(text: str, html: str) -> int:
    """Bytes of both parts, encoded, with their part headers and boundaries (CRLF line ends)."""
    return len(alternative_body(text, html).as_bytes())
