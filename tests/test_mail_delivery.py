"""Refused recipients, temporary (4xx) failures, the outbox and --resend, against a real SMTP server.

The server is aiosmtpd on 127.0.0.1 with hooks that refuse some recipients or answer 4xx a given
number of times, as a busy or greylisting server does.
"""

from __future__ import annotations

import email
from collections.abc import Iterator
from email.policy import default as default_policy
from pathlib import Path

import pytest
from test_mail import SENDER, Inbox, snapshot_pair, start
from test_mail import smtp_env as smtp_env  # noqa: F401 - the fixture, shared
from test_render_html import sample_diff

from reportdiff.cli import run
from reportdiff.errors import SendError
from reportdiff.mail import SmtpSettings, build_message, send_message
from reportdiff.mail.outbox import PENDING_HEADER, deliver, read_kept
from reportdiff.render.options import RenderOptions


class Picky(Inbox):
    """Refuses the addresses in ``refuse`` at RCPT; answers 451 to the first ``busy`` DATA commands;
    answers 450 to the first try of each address in ``greylist``."""

    def __init__(self) -> None:
        super().__init__()
        self.refuse: dict[str, str] = {}
        self.busy = 0
        self.greylist: set[str] = set()
        self.data_commands = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        if address in self.greylist:
            self.greylist.discard(address)
            return "450 4.2.0 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.data_commands += 1
        if self.busy:
            self.busy -= 1
            return "451 4.3.0 Busy, try again later"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def picky() -> Iterator[tuple[Picky, int]]:
    inbox = Picky()
    controller = start(inbox)
    yield inbox, controller.port
    controller.stop()


def message_to(*to: str):
    return build_message(sample_diff(), RenderOptions(), to=list(to), sender=SENDER)


def settings(port: int, outbox: Path, **kwargs) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=10, outbox=str(outbox), **kwargs)


# -- the library --------------------------------------------------------------------------------------


def test_a_busy_server_is_tried_again_with_growing_waits(picky, tmp_path) -> None:
    inbox, port = picky
    inbox.busy = 2
    waits: list[float] = []
    delivery = send_message(
        message_to("a@region.example"), settings(port, tmp_path, retries=3, retry_delay=2), None, waits.append
    )
    assert delivery.complete and delivery.accepted == ["a@region.example"] and delivery.attempts == 3
    assert waits == [2, 4]  # doubled each time
    assert inbox.data_commands == 3 and len(inbox.envelopes) == 1


def test_retries_are_bounded_and_the_failure_is_called_temporary(picky, tmp_path) -> None:
    inbox, port = picky
    inbox.busy = 100
    waits: list[float] = []
    with pytest.raises(SendError) as error:
        send_message(
            message_to("a@region.example"), settings(port, tmp_path, retries=2, retry_delay=1000), None, waits.append
        )
    assert waits == [300, 300]  # no wait is longer than 300 s
    assert inbox.data_commands == 3
    text = str(error.value)
    assert "451 4.3.0 Busy" in text and "temporary; 3 tries" in text and "refused" not in text


def test_a_greylisted_recipient_alone_is_tried_again(picky, tmp_path) -> None:
    inbox, port = picky
    inbox.greylist = {"b@region.example"}
    waits: list[float] = []
    delivery = send_message(
        message_to("a@region.example", "b@region.example"),
        settings(port, tmp_path, retry_delay=0.5),
        None,
        waits.append,
    )
    assert delivery.complete and delivery.accepted == ["a@region.example", "b@region.example"]
    assert [envelope.rcpt_tos for envelope in inbox.envelopes] == [["a@region.example"], ["b@region.example"]]
    assert waits == [0.5]


def test_refused_recipients_are_each_named_and_kept_in_the_outbox(picky, tmp_path) -> None:
    inbox, port = picky
    inbox.refuse = {"b@region.example": "550 5.1.1 No such user", "c@region.example": "553 5.7.1 Relaying denied"}
    outbox = tmp_path / "utkorg"
    message = message_to("a@region.example", "b@region.example", "c@region.example")
    with pytest.raises(SendError) as error:
        deliver(message, settings(port, outbox))
    text = str(error.value)
    assert "b@region.example (550 5.1.1 No such user)" in text
    assert "c@region.example (553 5.7.1 Relaying denied)" in text
    assert "delivered to 1 of 3 recipient(s)" in text and "\n" not in text
    assert inbox.envelopes[0].rcpt_tos == ["a@region.example"]
    [kept] = outbox.glob("*.eml")
    assert str(kept) in text
    again, recipients = read_kept(kept)
    assert recipients == ["b@region.example", "c@region.example"]  # only whom it has not reached
    assert again["Message-ID"] == message["Message-ID"] and again[PENDING_HEADER] is None


# -- the command line ---------------------------------------------------------------------------------


def test_cli_partial_refusal_exits_non_zero_and_resend_reaches_only_the_rest(picky, smtp_env, tmp_path, capsys) -> None:
    inbox, port = picky
    inbox.refuse = {"b@region.example": "550 5.1.1 No such user"}
    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(port))
    outbox = tmp_path / "utkorg"
    argv = ["email", old, new, "--to", "a@region.example", "--to", "b@region.example", "--tls", "none"]
    assert run([*argv, "--outbox", str(outbox)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "b@region.example (550 5.1.1 No such user)" in err
    assert "sent to" not in err and "delivered to 1 of 2" in err
    [kept] = outbox.glob("*.eml")
    # the address is fixed on the server; the kept message goes to b only, and leaves the outbox
    inbox.refuse = {}
    assert run(["email", "--resend", str(kept), "--tls", "none", "--outbox", str(outbox)]) == 0, capsys.readouterr().err
    assert "sent to 1 recipient(s)" in capsys.readouterr().err
    assert [envelope.rcpt_tos for envelope in inbox.envelopes] == [["a@region.example"], ["b@region.example"]]
    first, second = (email.message_from_bytes(e.content, policy=default_policy) for e in inbox.envelopes)
    assert first["Message-ID"] == second["Message-ID"] and second[PENDING_HEADER] is None
    assert second.get_payload()[1].get_content() == first.get_payload()[1].get_content()
    assert not kept.exists()


def test_cli_temporary_failure_is_retried_then_kept(picky, smtp_env, tmp_path, capsys) -> None:
    inbox, port = picky
    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(port))
    smtp_env.setenv("REPORTDIFF_SMTP_RETRY_DELAY", "0")
    inbox.busy = 1  # one 451, then accepted
    assert run(["email", old, new, "--to", "a@region.example", "--tls", "none"]) == 0, capsys.readouterr().err
    assert "sent to 1 recipient(s)" in capsys.readouterr().err
    assert len(inbox.envelopes) == 1 and inbox.data_commands == 2
    inbox.busy = 100
    assert run(["email", old, new, "--to", "a@region.example", "--tls", "none", "--retries", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "temporary; 2 tries" in err and "every recipient" not in err
    [kept] = (tmp_path / "state" / "outbox").glob("*.eml")  # the default outbox, in the state folder
    assert f"reportdiff email --resend {kept}" in err
    inbox.busy = 0
    assert run(["email", "--resend", str(kept), "--tls", "none"]) == 0
    assert len(inbox.envelopes) == 2 and not kept.exists()


def test_cli_nothing_listening_keeps_the_message(smtp_env, tmp_path, capsys) -> None:
    from test_mail import free_port

    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(free_port()))
    outbox = tmp_path / "utkorg"
    assert run(["email", old, new, "--to", "a@region.example", "--tls", "none", "--outbox", str(outbox)]) == 2
    err = capsys.readouterr().err
    assert "connection refused" in err and "nothing sent" in err and str(outbox) in err
    [kept] = outbox.glob("*.eml")
    message, recipients = read_kept(kept)
    assert recipients == ["a@region.example"] and message.get_content_type() == "multipart/alternative"


def test_cli_resend_of_something_that_is_not_a_message(smtp_env, tmp_path, capsys) -> None:
    junk = tmp_path / "junk.eml"
    junk.write_text("hello\n", encoding="utf-8")
    assert run(["email", "--resend", str(junk)]) == 2
    assert "not an e-mail message" in capsys.readouterr().err
    assert run(["email", "--resend", str(tmp_path / "missing.eml")]) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["email", "--to", "a@region.example"],  # nothing to send
        ["email", "a.md", "b.md", "--series", ".", "--to", "a@region.example"],  # two ways at once
        ["email", "a.md", "b.md"],  # no recipient
    ],
)
def test_cli_one_way_to_say_what_to_send(argv, smtp_env, capsys) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reportdiff: error: ")


def test_every_recipient_refused_or_greylisted_is_nothing_sent(picky, tmp_path) -> None:
    inbox, port = picky
    inbox.refuse = {"a@region.example": "550 5.1.1 No such user"}
    inbox.greylist = {"b@region.example"}
    message = message_to("a@region.example", "b@region.example")
    with pytest.raises(SendError) as error:
        deliver(message, settings(port, tmp_path, retries=0))
    text = str(error.value)
    assert "a@region.example (550 5.1.1 No such user)" in text
    assert "b@region.example (450 4.2.0 Greylisted, try again later; temporary, 1 try, no retries)" in text
    assert "nothing sent" in text and "every recipient" not in text
    assert inbox.envelopes == []
    assert read_kept(next(tmp_path.glob("*.eml")))[1] == ["a@region.example", "b@region.example"]


def test_retry_and_outbox_settings_flag_then_environment_then_file() -> None:
    from reportdiff.errors import ConfigError
    from reportdiff.mail import resolve_settings

    config = {"retries": 1, "retry_delay": 0.5, "outbox": "/srv/utkorg"}
    environ = {"REPORTDIFF_SMTP_RETRIES": "2"}
    assert resolve_settings(config, {}).retries == 1
    assert resolve_settings(config, environ).retries == 2
    assert resolve_settings(config, environ, retries=0).retries == 0  # a flag of 0 still wins
    chosen = resolve_settings(config, environ, retry_delay=7.0)
    assert chosen.retry_delay == 7.0 and chosen.delays() == [7.0, 14.0]
    assert str(resolve_settings(config, {}).outbox_folder()) == "/srv/utkorg"
    assert str(resolve_settings(config, {}, outbox="/tmp/ut").outbox_folder()) == "/tmp/ut"
    for bad in ({"retries": 11}, {"retries": "many"}, {"retry_delay": -1}, {"retry_delay": 301}):
        with pytest.raises(ConfigError):
            resolve_settings(bad, {})


def test_cli_environment_beats_the_config_file_for_smtp_settings(smtp_env, tmp_path, capsys) -> None:
    """The help says the environment overrides [tool.reportdiff.email]; that must hold for the
    settings that are also flags (tls, retries, retry_delay, outbox), not only for host and port."""
    from test_mail import free_port

    old, new = snapshot_pair()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reportdiff.email]\ntls = "ssl"\nretries = 4\nretry_delay = 250\n'
        f'outbox = "{(tmp_path / "from-file").as_posix()}"\n',
        encoding="utf-8",
    )
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(free_port()))
    smtp_env.setenv("REPORTDIFF_SMTP_TLS", "none")
    smtp_env.setenv("REPORTDIFF_SMTP_RETRIES", "0")
    smtp_env.setenv("REPORTDIFF_SMTP_OUTBOX", str(tmp_path / "from-env"))
    assert run(["email", old, new, "--to", "a@region.example"]) == 2
    err = capsys.readouterr().err
    assert "connection refused" in err, err
    assert list((tmp_path / "from-env").glob("*.eml")) and not (tmp_path / "from-file").exists()
    # and a flag still beats both
    assert run(["email", old, new, "--to", "a@region.example", "--outbox", str(tmp_path / "from-flag")]) == 2
    assert list((tmp_path / "from-flag").glob("*.eml"))
