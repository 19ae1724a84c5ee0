"""Building and sending the e-mail: a real SMTP server on 127.0.0.1 (aiosmtpd), plain and over TLS."""

from __future__ import annotations

import datetime as dt
import email
import socket
import ssl
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from test_render_html import sample_diff

from reportdiff.cli import run
from reportdiff.errors import ConfigError, SendError
from reportdiff.mail import SmtpSettings, build_message, default_subject, resolve_settings, send_message
from reportdiff.render.dispatch import render
from reportdiff.render.options import RenderOptions

aiosmtpd = pytest.importorskip("aiosmtpd", reason="aiosmtpd is a dev dependency: pip install -e .[dev]")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
SENDER = "Regionkansliet <rapport@region.example>"
USER, PASSWORD = "kansliet", "rätt-lösenord"


# -- a real SMTP server -----------------------------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"

    def only_message(self) -> EmailMessage:
        assert len(self.envelopes) == 1
        return email.message_from_bytes(self.envelopes[0].content, policy=default_policy)


def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made here with ``cryptography``."""
    import ipaddress

    pytest.importorskip("cryptography", reason="cryptography makes the test certificate: pip install -e .[dev]")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "reportdiff test SMTP")])
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*map(str, certificate))
    return context


def start(inbox: Inbox, **kwargs) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


@pytest.fixture
def plain_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = start(inbox)
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def starttls_server(certificate) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = start(
        inbox,
        tls_context=server_context(certificate),
        require_starttls=True,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def smtp_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """An environment with nothing from the machine's own configuration in it."""
    for name in ("HOST", "PORT", "USER", "FROM", "PASSWORD", "TLS", "CAFILE", "TIMEOUT", "RETRIES", "RETRY_DELAY"):
        monkeypatch.delenv(f"REPORTDIFF_SMTP_{name}", raising=False)
    monkeypatch.delenv("REPORTDIFF_SMTP_OUTBOX", raising=False)
    monkeypatch.setenv("REPORTDIFF_STATE_DIR", str(tmp_path / "state"))  # outbox and state files: here
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # no pyproject.toml with an email table above here
    monkeypatch.setenv("REPORTDIFF_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("REPORTDIFF_SMTP_FROM", SENDER)
    return monkeypatch


def snapshot_pair() -> tuple[str, str]:
    old, new = SNAPSHOTS / "2025-04.md", SNAPSHOTS / "2025-05.md"
    if not (old.exists() and new.exists()):
        pytest.skip("snapshots/2025-04.md and 2025-05.md are not there yet")
    return str(old), str(new)


def expected_email_html(old: str, new: str, **options) -> str:
    from reportdiff.comparison import compare
    from reportdiff.ingest import load

    return render(compare(load(old), load(new)), "email-html", **options)


def expected_subject(old: str, new: str) -> str:
    from reportdiff.comparison import compare
    from reportdiff.ingest import load

    return default_subject(compare(load(old), load(new)), "sv")


def body(part: EmailMessage) -> str:
    """A text part's content; MIME text has CRLF line ends on the wire, the renderers write LF."""
    return str(part.get_content()).replace("\r\n", "\n")


# -- settings ---------------------------------------------------------------------------------------


def test_settings_precedence() -> None:
    config = {"host": "smtp.config.example", "port": 2525, "user": "from-config", "sender": "a@config.example"}
    environ = {"REPORTDIFF_SMTP_HOST": "smtp.env.example", "REPORTDIFF_SMTP_PASSWORD": "hemligt"}
    settings = resolve_settings(config, environ, tls="ssl")
    assert (settings.host, settings.port, settings.user, settings.sender) == (
        "smtp.env.example",
        2525,
        "from-config",
        "a@config.example",
    )
    assert settings.tls == "ssl" and settings.password == "hemligt"
    assert resolve_settings({}, {}).effective_port == 587
    assert resolve_settings({"tls": "ssl"}, {}).effective_port == 465


@pytest.mark.parametrize(
    "config, environ, message",
    [
        ({"password": "x"}, {}, "no password in files"),
        ({"tls": "maybe"}, {}, "tls must be one of"),
        ({}, {"REPORTDIFF_SMTP_PORT": "smtp"}, "must be numbers"),
        ({"hots": "typo"}, {}, "unknown key 'hots'"),
    ],
)
def test_bad_settings(config, environ, message) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve_settings(config, environ)


# -- the message ------------------------------------------------------------------------------------


def test_message_parts_and_headers() -> None:
    diff = sample_diff()
    options = RenderOptions(full_report_link="https://example.org/diff.html")
    message = build_message(diff, options, to=["Anna Ö <anna@region.example>"], cc=["b@region.example"], sender=SENDER)
    raw = message.as_bytes()
    assert b"\r\n" in raw and b"Subject: =?utf-8?" in raw  # CRLF line ends, an RFC 2047 encoded subject
    parsed = email.message_from_bytes(raw, policy=default_policy)
    assert parsed["Subject"] == "Ändringar i Regiondirektörens rapport: 14 april 2025 → 14 maj 2025"
    assert parsed.get_content_type() == "multipart/alternative"
    plain, html = parsed.get_payload()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    assert body(html) == render(diff, "email-html", full_report_link="https://example.org/diff.html")
    assert "{+303 500+}" in plain.get_content()
    assert parsed["To"] == "Anna Ö <anna@region.example>" and parsed["Cc"] == "b@region.example"
    assert parsed["Message-ID"].endswith("@region.example>")
    assert parsed["Content-Language"] == "sv" and parsed["Auto-Submitted"] == "auto-generated"
    assert plain["Content-Transfer-Encoding"] == html["Content-Transfer-Encoding"] == "quoted-printable"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998  # SMTP's line limit


def test_subject_cannot_inject_headers() -> None:
    message = build_message(
        sample_diff(), RenderOptions(), to=["a@b.example"], sender=SENDER, subject="Hej\r\nBcc: x@evil.example"
    )
    parsed = email.message_from_bytes(message.as_bytes(), policy=default_policy)
    assert parsed["Bcc"] is None and parsed["Subject"] == "Hej Bcc: x@evil.example"


def test_english_subject() -> None:
    assert default_subject(sample_diff(), "en") == "Changes in Regiondirektörens rapport: 14 april 2025 → 14 maj 2025"


@pytest.mark.parametrize("to", [[], ["not an address"], ["a@b@c"], ["a@b.example\r\nBcc: x@y"]])
def test_bad_recipients(to) -> None:
    with pytest.raises(ConfigError):
        build_message(sample_diff(), RenderOptions(), to=to, sender=SENDER)


# -- sending with the library -----------------------------------------------------------------------


def test_send_plain(plain_server) -> None:
    inbox, port = plain_server
    message = build_message(
        sample_diff(), RenderOptions(), to=["a@region.example"], cc=["c@region.example"], sender=SENDER
    )
    sent = send_message(message, SmtpSettings(host="127.0.0.1", port=port, tls="none")).accepted
    assert sent == ["a@region.example", "c@region.example"]
    envelope = inbox.envelopes[0]
    assert envelope.mail_from == "rapport@region.example"
    assert sorted(envelope.rcpt_tos) == ["a@region.example", "c@region.example"]


def test_starttls_needs_the_certificate_trusted(starttls_server, certificate) -> None:
    inbox, port = starttls_server
    message = build_message(sample_diff(), RenderOptions(), to=["a@region.example"], sender=SENDER)
    settings = SmtpSettings(host="127.0.0.1", port=port, user=USER, password=PASSWORD, tls="starttls", timeout=10)
    with pytest.raises(SendError, match="certificate not trusted"):
        send_message(message, settings)
    settings.cafile = str(certificate[0])
    assert send_message(message, settings).accepted == ["a@region.example"]
    assert inbox.only_message()["Subject"].startswith("Ändringar i")


def test_implicit_tls(certificate) -> None:
    inbox = Inbox()
    controller = start(inbox, ssl_context=server_context(certificate))
    try:
        message = build_message(sample_diff(), RenderOptions(), to=["a@region.example"], sender=SENDER)
        settings = SmtpSettings(host="127.0.0.1", port=controller.port, tls="ssl", cafile=str(certificate[0]))
        assert send_message(message, settings).accepted == ["a@region.example"]
        assert inbox.only_message().get_content_type() == "multipart/alternative"
    finally:
        controller.stop()


def test_starttls_not_offered(plain_server) -> None:
    _, port = plain_server
    message = build_message(sample_diff(), RenderOptions(), to=["a@region.example"], sender=SENDER)
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        send_message(message, SmtpSettings(host="127.0.0.1", port=port, tls="starttls"))


def test_timeout_is_one_clear_error() -> None:
    """A server that accepts the connection and never says hello."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        message = build_message(sample_diff(), RenderOptions(), to=["a@region.example"], sender=SENDER)
        with pytest.raises(SendError, match=r"timed out after 0.5 s"):
            send_message(message, SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=0.5))


def test_tls_failure_is_one_clear_error() -> None:
    """An implicit-TLS client against a plain SMTP server: the handshake fails."""
    inbox = Inbox()
    controller = start(inbox)
    try:
        message = build_message(sample_diff(), RenderOptions(), to=["a@region.example"], sender=SENDER)
        with pytest.raises(SendError) as error:
            send_message(message, SmtpSettings(host="127.0.0.1", port=controller.port, tls="ssl", timeout=5))
        assert "TLS failed" in str(error.value)
        assert "\n" not in str(error.value)
    finally:
        controller.stop()


# -- sending through the command line ---------------------------------------------------------------


def test_cli_sends_plain(plain_server, smtp_env, capsys) -> None:
    inbox, port = plain_server
    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(port))
    status = run(["email", old, new, "--to", "politiker@region.example", "--tls", "none", "--lang", "sv"])
    assert status == 0, capsys.readouterr().err
    assert "sent to 1 recipient(s)" in capsys.readouterr().err
    message = inbox.only_message()
    assert message["From"] == SENDER and message["To"] == "politiker@region.example"
    assert message["Subject"] == expected_subject(old, new)
    assert message["Subject"].startswith("Ändringar i ")
    plain, html = message.get_payload()
    assert plain.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert body(html) == expected_email_html(old, new, lang="sv")


def test_cli_sends_over_starttls_with_a_login(starttls_server, smtp_env, certificate, capsys) -> None:
    inbox, port = starttls_server
    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(port))
    smtp_env.setenv("REPORTDIFF_SMTP_USER", USER)
    smtp_env.setenv("REPORTDIFF_SMTP_PASSWORD", PASSWORD)
    smtp_env.setenv("REPORTDIFF_SMTP_CAFILE", str(certificate[0]))
    link = "https://intranet.region.example/diff-2025-05.html"
    argv = ["email", old, new, "--to", "a@region.example", "--cc", "b@region.example", "--link", link, "--lang", "en"]
    assert run([*argv, "--subject", "Rapporten: vad är nytt i maj?"]) == 0, capsys.readouterr().err
    message = inbox.only_message()
    assert message["Subject"] == "Rapporten: vad är nytt i maj?"
    assert sorted(inbox.envelopes[0].rcpt_tos) == ["a@region.example", "b@region.example"]
    html = body(message.get_payload()[1])
    assert html == expected_email_html(old, new, lang="en", full_report_link=link)
    assert f'href="{link}"' in html


def test_cli_bad_password_is_exit_2_one_line(starttls_server, smtp_env, certificate, capsys) -> None:
    _, port = starttls_server
    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(port))
    smtp_env.setenv("REPORTDIFF_SMTP_USER", USER)
    smtp_env.setenv("REPORTDIFF_SMTP_PASSWORD", "fel")
    smtp_env.setenv("REPORTDIFF_SMTP_CAFILE", str(certificate[0]))
    assert run(["email", old, new, "--to", "a@region.example"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "authentication failed" in err and "fel" not in err.replace("failed", "")


def test_cli_connection_refused_is_exit_2_one_line(smtp_env, capsys) -> None:
    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(free_port()))  # nothing listens there
    assert run(["email", old, new, "--to", "a@region.example", "--tls", "none"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "connection refused" in err


def test_cli_dry_run_writes_the_message(smtp_env, tmp_path, capsys) -> None:
    old, new = snapshot_pair()
    smtp_env.delenv("REPORTDIFF_SMTP_HOST")  # no server needed
    target = tmp_path / "message.eml"
    assert run(["email", old, new, "--to", "a@region.example", "--dry-run", "-o", str(target)]) == 0
    message = email.message_from_bytes(target.read_bytes(), policy=default_policy)
    assert message.get_content_type() == "multipart/alternative"
    assert body(message.get_payload()[1]) == expected_email_html(old, new, lang="sv")
    # and the same bytes as `reportdiff diff --format email-html` writes
    page = tmp_path / "summary.html"
    assert run(["diff", old, new, "--format", "email-html", "-o", str(page)]) == 1
    assert body(message.get_payload()[1]) == page.read_text(encoding="utf-8")


def test_cli_config_file_and_no_password_on_the_command_line(plain_server, smtp_env, tmp_path, capsys) -> None:
    inbox, port = plain_server
    old, new = snapshot_pair()
    smtp_env.delenv("REPORTDIFF_SMTP_HOST")
    smtp_env.delenv("REPORTDIFF_SMTP_FROM")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.reportdiff.email]\nhost = "127.0.0.1"\nport = {port}\nsender = "kansli@region.example"\ntls = "none"\n',
        encoding="utf-8",
    )
    assert run(["email", old, new, "--to", "a@region.example"]) == 0, capsys.readouterr().err
    assert inbox.only_message()["From"] == "kansli@region.example"
    assert run(["email", old, new, "--to", "a@region.example", "--password", "x"]) == 2  # no such flag


def test_cli_bad_link_fails_before_sending(smtp_env, capsys) -> None:
    old, new = snapshot_pair()
    assert run(["email", old, new, "--to", "a@region.example", "--link", "javascript:alert(1)"]) == 2
    assert "--link must be" in capsys.readouterr().err


def test_no_host_is_a_clear_error(smtp_env, capsys) -> None:
    old, new = snapshot_pair()
    smtp_env.delenv("REPORTDIFF_SMTP_HOST")
    assert run(["email", old, new, "--to", "a@region.example"]) == 2
    assert "no SMTP host" in capsys.readouterr().err


class FakeTerminal:
    def isatty(self) -> bool:
        return True


def test_password_prompt_only_on_a_terminal(starttls_server, smtp_env, certificate, capsys) -> None:
    import click

    inbox, port = starttls_server
    old, new = snapshot_pair()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(port))
    smtp_env.setenv("REPORTDIFF_SMTP_USER", USER)
    smtp_env.setenv("REPORTDIFF_SMTP_CAFILE", str(certificate[0]))
    # not a terminal: no prompt, a clear error
    assert run(["email", old, new, "--to", "a@region.example"]) == 2
    assert "no password for kansliet: set REPORTDIFF_SMTP_PASSWORD" in capsys.readouterr().err
    # a terminal: asked once, with hidden input
    asked: list[dict] = []

    def prompt(text: str, **kwargs) -> str:
        asked.append({"text": text, **kwargs})
        return PASSWORD

    smtp_env.setattr(click, "prompt", prompt)
    smtp_env.setattr("sys.stdin", FakeTerminal())
    assert run(["email", old, new, "--to", "a@region.example"]) == 0, capsys.readouterr().err
    assert len(asked) == 1 and asked[0]["hide_input"] is True
    assert inbox.only_message()["To"] == "a@region.example"
