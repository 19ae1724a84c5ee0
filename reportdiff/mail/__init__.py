"""Sending the change summary by e-mail: settings, SMTP with retries, the outbox, series runs.

The message itself is built in :mod:`reportdiff.render.email_message` (headers) and
:mod:`reportdiff.render.email_mime` (the two parts); this package only delivers it:

* :mod:`reportdiff.mail.settings`: SMTP settings (flags, environment, config file), the state folder;
* :mod:`reportdiff.mail.send`: one message over SMTP, 4xx answers retried, every refusal named;
* :mod:`reportdiff.mail.outbox`: what could not be sent is kept as ``.eml`` and can be sent again;
* :mod:`reportdiff.mail.series`: ``email --series DIR``, once per new report, with a state file.
"""

from reportdiff.mail.send import Delivery, send_message
from reportdiff.mail.settings import SmtpSettings, resolve_settings
from reportdiff.render.email_message import build_message, default_subject, recipients_of

__all__ = [
    "Delivery",
    "SmtpSettings",
    "build_message",
    "default_subject",
    "recipients_of",
    "resolve_settings",
    "send_message",
]
