"""The standalone page in a real browser: headless Chromium driven over the DevTools protocol.

Chromium is started with ``--remote-debugging-pipe`` (commands on fd 3, replies on fd 4), so the test
needs no WebDriver and no websocket library. It checks what a reader does: open folded text with the
mouse and the keyboard, follow the table of contents, print, read without JavaScript, and that nothing
on the page logs an error. A screenshot is checked for not being blank.
"""

from __future__ import annotations

import base64
import io
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_render_html import hostile_diff, sample_diff

from reportdiff.render.dispatch import render

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("REPORTDIFF_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"


class Browser:
    """A headless Chromium and one page, spoken to in DevTools-protocol messages over two pipes."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:  # in the child: fd 3 = commands in, fd 4 = replies out
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "--window-size=1200,900",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, to_browser_read, from_browser_write),
            preexec_fn=wire_pipes,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""
        targets = self.call("Target.getTargets", session=False)["targetInfos"]
        page = next(target for target in targets if target["type"] == "page")
        self.session = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, session=False
        )["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )

    def call(self, method: str, params: dict[str, Any] | None = None, session: bool = True, timeout: float = 20) -> Any:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for index, seen in enumerate(self.events):
            if seen.get("method") == event:
                return self.events.pop(index)
        while True:
            reply = self._read(deadline)
            if reply.get("method") == event:
                return reply
            self.events.append(reply)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_browser], [], [], remaining)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium went away")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))

    # -- what a test does with the page -------------------------------------------------------------

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def key(self, key: str, code: int) -> None:
        text = {"Enter": "\r", " ": " "}.get(key, "")
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": "Space" if key == " " else key, "windowsVirtualKeyCode": code}
            if kind == "keyDown" and text:
                params["text"] = text
            self.call("Input.dispatchKeyEvent", params)

    def click(self, selector: str) -> None:
        box = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getClientRects()[0];"
            " return [r.left + Math.min(r.width / 2, 20), r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1}
            )

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(str(params["exceptionDetails"].get("text")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                found.append(str([arg.get("value") for arg in params.get("args", [])]))
            elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
                found.append(str(params["entry"].get("text")))
        return found

    def close(self) -> None:
        try:
            self.call("Browser.close", session=False, timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if not CHROMIUM:
        pytest.skip("headless Chromium not found: install the chromium package, or set REPORTDIFF_CHROMIUM")
    instance = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    yield instance
    instance.close()


def page_file(tmp_path: Path, html: str, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


def snapshot_html() -> str:
    old, new = SNAPSHOTS / "2025-04.md", SNAPSHOTS / "2025-05.md"
    if not (old.exists() and new.exists()):
        return render(sample_diff(), "html")
    from reportdiff.comparison import compare
    from reportdiff.ingest import load

    return render(compare(load(old), load(new)), "html")


# -- the tests --------------------------------------------------------------------------------------


def test_page_loads_without_errors_and_is_not_blank(browser: Browser, tmp_path: Path) -> None:
    pytest.importorskip("PIL", reason="Pillow reads the screenshot: pip install -e .[dev]")
    from PIL import Image

    browser.events.clear()
    browser.open(page_file(tmp_path, snapshot_html()))
    assert browser.js("document.documentElement.lang") == "sv"
    assert browser.js("document.querySelectorAll('main section').length") >= 2
    png = browser.screenshot()
    (tmp_path / "screenshot.png").write_bytes(png)
    if os.environ.get("REPORTDIFF_SCREENSHOT"):
        Path(os.environ["REPORTDIFF_SCREENSHOT"]).write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (1200, 900)
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 10
    ink = sum(count for count, (red, green, blue) in colours if min(red, green, blue) < 200)
    assert ink / (image.size[0] * image.size[1]) > 0.01, "the screenshot is (almost) blank"
    assert browser.errors() == []


def test_folded_text_opens_with_mouse_and_keyboard(browser: Browser, tmp_path: Path) -> None:
    browser.open(page_file(tmp_path, render(sample_diff(), "html")))
    assert browser.js("[...document.querySelectorAll('details')].map(d => d.open)") == [False, False]
    visible = "[...document.querySelectorAll('details')].map(d => d.querySelector('.blk').checkVisibility())"
    assert browser.js(visible) == [False, False]
    browser.click("details.fold > summary")
    assert browser.js("document.querySelectorAll('details')[0].open") is True
    assert browser.js(visible) == [True, False]
    browser.js("document.querySelectorAll('details.fold > summary')[1].focus()")
    assert browser.js("document.activeElement.tagName") == "SUMMARY"
    browser.key("Enter", 13)
    assert browser.js("document.querySelectorAll('details')[1].open") is True
    browser.key(" ", 32)
    assert browser.js("document.querySelectorAll('details')[1].open") is False
    assert browser.errors() == []


def test_tab_reaches_the_skip_link_first(browser: Browser, tmp_path: Path) -> None:
    browser.open(page_file(tmp_path, render(sample_diff(), "html")))
    browser.key("Tab", 9)
    assert browser.js("document.activeElement.className") == "skip"
    assert browser.js("document.activeElement.getBoundingClientRect().left") >= 0  # visible when focused
    browser.key("Enter", 13)
    assert browser.js("location.hash") == "#main"


def test_toc_links_scroll_to_their_sections(browser: Browser, tmp_path: Path) -> None:
    browser.open(page_file(tmp_path, snapshot_html()))
    links = browser.js("[...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href'))")
    assert len(links) >= 4
    assert browser.js(
        "[...document.querySelectorAll('nav.toc a')].every(a => document.getElementById(a.hash.slice(1)) !== null)"
    )
    last = links[-1]
    browser.js("window.scrollTo(0, 0)")
    browser.click(f'nav.toc a[href="{last}"]')
    time.sleep(0.2)
    assert browser.js("location.hash") == last
    assert browser.js("window.scrollY") > 0
    top = browser.js(f"document.getElementById({json.dumps(last[1:])}).getBoundingClientRect().top")
    bottom_reached = browser.js("Math.ceil(window.scrollY + innerHeight) >= document.documentElement.scrollHeight")
    assert -5 <= top <= 60 or bottom_reached


def test_print_shows_folded_text_and_hides_navigation(browser: Browser, tmp_path: Path) -> None:
    browser.open(page_file(tmp_path, render(sample_diff(), "html")))
    browser.call("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.js("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
        assert browser.js("[...document.querySelectorAll('details')].map(d => d.open)") == [False, False]
        shown = browser.js("[...document.querySelectorAll('details.fold .blk')].map(b => b.checkVisibility())")
        assert shown == [True, True]  # folded text prints, with no script involved
        assert browser.js("getComputedStyle(document.querySelector('details.fold > summary')).display") == "none"
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""})


def test_page_works_without_javascript(browser: Browser, tmp_path: Path) -> None:
    browser.call("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.open(page_file(tmp_path, render(sample_diff(), "html"), "nojs.html"))
        browser.click("details.fold > summary")
        assert browser.js("document.querySelector('details').open") is True  # evaluate still works for the test
    finally:
        browser.call("Emulation.setScriptExecutionDisabled", {"value": False})


def test_hostile_report_runs_no_script(browser: Browser, tmp_path: Path) -> None:
    browser.events.clear()
    browser.open(page_file(tmp_path, render(hostile_diff(), "html"), "hostile.html"))
    assert browser.js("document.querySelectorAll('img').length") == 0
    assert browser.js("document.scripts.length") == 1
    assert "<script>alert(1)</script>" in browser.js("document.body.innerText")
    assert not [event for event in browser.events if event.get("method") == "Page.javascriptDialogOpening"]
    assert browser.errors() == []


def test_email_fits_a_phone(browser: Browser, tmp_path: Path) -> None:
    """At 360 px nothing in the mail is wider than the screen (Gmail's and Apple Mail's engines are browsers)."""
    old, new = SNAPSHOTS / "2025-04.md", SNAPSHOTS / "2025-05.md"
    if old.exists() and new.exists():
        from reportdiff.comparison import compare
        from reportdiff.ingest import load

        diff = compare(load(old), load(new))
    else:
        diff = sample_diff()
    html = render(diff, "email-html", full_report_link="https://intranet.example.org/diff.html")
    phone = {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True}
    browser.call("Emulation.setDeviceMetricsOverride", phone)
    try:
        browser.open(page_file(tmp_path, html, "mail.html"))
        assert browser.js("document.documentElement.scrollWidth") <= 360
        widths = browser.js("[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().width)")
        assert max(widths) <= 360
    finally:
        desktop = {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False}
        browser.call("Emulation.setDeviceMetricsOverride", desktop)
    browser.open(page_file(tmp_path, html, "mail-wide.html"))
    column = browser.js("document.querySelectorAll('table')[1].getBoundingClientRect().width")
    assert 590 <= column <= 600  # the 600 px column on a wide screen
