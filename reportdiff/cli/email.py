"""``email``: the change summary sent over SMTP, once for a pair or for the newest pair of a folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportdiff.cli.app import cli
from reportdiff.cli.common import INPUT_PATH, OUTPUT_PATH
from reportdiff.cli.config import EMAIL_OPTION_KEYS, configuration

if TYPE_CHECKING:
    from email.message import EmailMessage  # the email package imports calendar: not for a diff


SETTLE = "With --series: a report changed more recently is left for the next run (0: no wait)."


@cli.command()
@click.argument("old", required=False, type=INPUT_PATH)
@click.argument("new", required=False, type=INPUT_PATH)
@click.option(
    "--series", "series_dir", type=click.Path(file_okay=False), help="Send the newest pair of this folder, once."
)
@click.option("--since-state", "state_file", type=click.Path(dir_okay=False), help="With --series: the state file.")
@click.option("--settle", type=click.FloatRange(min=0), default=300, show_default=True, metavar="SECONDS", help=SETTLE)
@click.option("--resend", "resend_file", type=click.Path(dir_okay=False), help="Send this kept .eml (from the outbox).")
@click.option("--to", "to", multiple=True, help="Recipient; repeat for more.")
@click.option("--cc", "cc", multiple=True, help="Copy to; repeat for more.")
@click.option("--subject", help="Subject line. Default: 'Ändringar i <title>: <old date> → <new date>'.")
@click.option("--link", help="Address of the full comparison (an http(s) URL), linked from the message.")
@click.option("--lang", type=click.Choice(["auto", "sv", "en"]), default="auto", show_default=True)
@click.option("--tls", type=click.Choice(["starttls", "ssl", "none"]), help="Default: from config, else starttls.")
@click.option("--retries", type=click.IntRange(0, 10), help="Tries again after a 4xx answer.  [default: 3]")
@click.option(
    "--retry-delay", type=click.FloatRange(0, 300), metavar="SECONDS", help="First wait; doubles.  [default: 5]"
)
@click.option("--outbox", type=click.Path(file_okay=False), help="Keep unsent messages here.  [default: state folder]")
@click.option("--dry-run", is_flag=True, help="Build the message and write it (.eml) instead of sending.")
@click.option("-o", "--output", type=OUTPUT_PATH, help="With --dry-run: write here.")
@click.option("-q", "--quiet", is_flag=True, help="With --series: say nothing when nothing is sent (for cron).")
def email(
    old: str | None,
    new: str | None,
    series_dir: str | None,
    state_file: str | None,
    settle: float,
    resend_file: str | None,
    to: tuple[str, ...],
    cc: tuple[str, ...],
    subject: str | None,
    link: str | None,
    lang: str,
    tls: str | None,
    retries: int | None,
    retry_delay: float | None,
    outbox: str | None,
    dry_run: bool,
    output: str | None,
    quiet: bool,
) -> None:
    """Send the change summary between OLD and NEW as an e-mail (text and HTML) over SMTP.

    With --series DIR instead of OLD NEW: the newest report in DIR and the one before it (by the
    reports' own dates), sent once; run it from cron or a timer (docs/email-schedule.md).
    A message that could not be sent is kept in the outbox; --resend FILE sends it.

    \b
    SMTP settings come from [tool.reportdiff.email] in pyproject.toml (or reportdiff.toml):
    host, port, user, sender, tls, cafile, timeout, retries, retry_delay, outbox; the environment
    overrides them: REPORTDIFF_SMTP_HOST, _PORT, _USER, _FROM, _TLS, _CAFILE, _TIMEOUT, _RETRIES,
    _RETRY_DELAY, _OUTBOX. The password is read only from REPORTDIFF_SMTP_PASSWORD, or asked
    for when run in a terminal.

    \b
    Examples:
      reportdiff email snapshots/2025-04.md snapshots/2025-05.md --to kansliet@example.org
      reportdiff email old.pdf new.pdf --to a@example.org --link https://intra.example.org/diff.html
      reportdiff email old.md new.md --to a@example.org --dry-run -o message.eml
      reportdiff email --series /srv/rapporter --to styrelsen@example.org
      reportdiff email --resend ~/.local/state/reportdiff/outbox/reportdiff-0123abcd.eml
    \f
    Over 60 lines because of the help text above and one parameter per flag; what it does is three
    short branches (resend, a series, one pair), each handed to a helper or to ``mail/``.
    """
    from reportdiff.errors import InputError
    from reportdiff.mail.settings import resolve_settings
    from reportdiff.render.html import checked_link

    given = [name for name, value in (("OLD NEW", old), ("--series", series_dir), ("--resend", resend_file)) if value]
    if len(given) != 1:
        raise InputError("give OLD NEW, --series DIR or --resend FILE (one of them)")
    if not resend_file and not to:
        raise InputError("no recipient: give at least one --to address")
    checked_link(link)  # a bad --link fails before any work
    # The table also holds this command's own settings (to, subject, ...): the CLI read those as defaults.
    table = configuration().section("email").items()
    smtp = {key.replace("-", "_"): value for key, value in table if key not in EMAIL_OPTION_KEYS}
    settings = resolve_settings(smtp, os.environ, tls=tls, retries=retries, retry_delay=retry_delay, outbox=outbox)

    def ask_password() -> None:
        if settings.user and not settings.password and sys.stdin.isatty():
            settings.password = click.prompt(f"SMTP password for {settings.user}", hide_input=True, err=True)

    if resend_file:
        _resend(resend_file, settings, ask_password)
        return
    if series_dir:
        from reportdiff.mail.series import SeriesJob, send_series

        job = SeriesJob(
            folder=Path(series_dir),
            to=to,
            cc=cc,
            subject=subject,
            link=link,
            lang=lang,
            state_path=Path(state_file) if state_file else None,
            settle=settle,
            dry_run=dry_run,
            output=output,
            quiet=quiet,
            rules=lambda: configuration().rules(),
        )
        send_series(job, settings, _say, ask_password)
        return
    if old is None or new is None:
        raise InputError("give both OLD and NEW")
    message = _message(old, new, settings, to=to, cc=cc, subject=subject, link=link, lang=lang)
    if dry_run:
        from reportdiff.render.output import write_output

        write_output(message.as_bytes(), output)
        return
    from reportdiff.mail.outbox import deliver

    settings.require_host()  # before the password prompt, and before anything goes to the outbox
    ask_password()
    delivery = deliver(message, settings)
    _say(f"sent to {len(delivery.accepted)} recipient(s) via {settings.host}:{settings.effective_port}")


def _say(text: str) -> None:
    click.echo(f"reportdiff: {text}", err=True)


def _resend(resend_file: str, settings: Any, ask_password: Callable[[], None]) -> None:
    from reportdiff.mail.outbox import resend

    settings.require_host()
    ask_password()
    delivery, removed = resend(resend_file, settings)
    gone = f"; removed {resend_file} from the outbox" if removed else ""
    _say(f"sent to {len(delivery.accepted)} recipient(s) via {settings.host}:{settings.effective_port}{gone}")


def _message(
    old: str,
    new: str,
    settings: Any,
    *,
    to: Sequence[str],
    cc: Sequence[str],
    subject: str | None,
    link: str | None,
    lang: str,
) -> EmailMessage:
    """The message for the pair OLD, NEW: the summary as text and HTML, with the readers' warnings said."""
    from reportdiff.comparison import compare
    from reportdiff.ingest import load_pair
    from reportdiff.render.email_message import build_message
    from reportdiff.render.labels import detect_lang
    from reportdiff.render.options import RenderOptions

    reports = list(load_pair(old, new))
    for report in reports:
        for warning in report.warnings:
            _say(f"warning: {warning}")
    diff = compare(reports[0], reports[1], rules=configuration().rules())
    options = RenderOptions(lang=detect_lang(*reports) if lang == "auto" else lang, full_report_link=link)
    return build_message(diff, options, to=to, cc=cc, sender=settings.sender, subject=subject)
