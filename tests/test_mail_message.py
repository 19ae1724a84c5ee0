"""The message as sent: under Gmail's clipping limit for any report, a subject without folders, a
Message-ID that is the same for the same message."""

from __future__ import annotations

import copy
import email
import shutil
from email.policy import default as default_policy
from pathlib import Path

import pytest

from reportdiff.comparison import compare
from reportdiff.ingest import load
from reportdiff.mail import build_message, default_subject
from reportdiff.model import Report
from reportdiff.render.email_html import SIZE_LIMIT
from reportdiff.render.options import RenderOptions

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
LINK = "https://intranet.region.example/jamforelse-2025-05.html"
SENDER = "Regionkansliet <rapport@region.example>"
GMAIL_CLIPS_AT = 102 * 1024  # bytes; the budget aims below 100 KB


def scaled(report: Report, factor: int) -> Report:
    """The report with its body repeated ``factor`` times, each copy's top headings renamed."""
    big = copy.deepcopy(report)
    big.root.children = []
    for number in range(1, factor + 1):
        for child in report.root.children:
            clone = copy.deepcopy(child)
            clone.heading = f"Del {number}: {clone.heading}"
            big.root.children.append(clone)
    return big


def snapshot_reports(factor: int = 1) -> tuple[Report, Report]:
    old, new = SNAPSHOTS / "2025-04.md", SNAPSHOTS / "2025-05.md"
    if not (old.exists() and new.exists()):
        pytest.skip("snapshots/2025-04.md and 2025-05.md are not there")
    return scaled(load(old), factor), scaled(load(new), factor)


@pytest.mark.parametrize("factor", [1, 10])
def test_the_message_stays_under_gmails_clip_with_a_link_to_the_rest(factor: int) -> None:
    diff = compare(*snapshot_reports(factor))
    message = build_message(diff, RenderOptions(full_report_link=LINK), to=["a@region.example"], sender=SENDER)
    raw = message.as_bytes()
    assert len(raw) < 100_000 < GMAIL_CLIPS_AT
    parsed = email.message_from_bytes(raw, policy=default_policy)
    plain, html = (part.get_content() for part in parsed.get_payload())
    assert "Brevet är förkortat:" in html and "avsnitt med ändringar visas inte här" in plain
    # the cut note is followed by the link to the full comparison, in both parts
    assert html.index(f'href="{LINK}"', html.index("Brevet är förkortat")) > 0
    assert plain.rstrip().endswith(f"Läs hela jämförelsen: {LINK}")
    body = raw[raw.index(b"\r\n\r\n") :]
    assert SIZE_LIMIT * 0.9 < len(body) <= SIZE_LIMIT + 200  # the cut uses the budget, headers aside


def test_subject_names_no_folder(tmp_path: Path) -> None:
    folder = tmp_path / "hemlig-mapp" / "inkommande"
    folder.mkdir(parents=True)
    for name in ("a.txt", "b.txt"):  # plain text without a title page: no date to name them by
        (folder / name).write_text(f"Rubrik\n\nEn rad om {name}, som ändras.\n", encoding="utf-8")
    diff = compare(load(folder / "a.txt"), load(folder / "b.txt"))
    subject = default_subject(diff, "sv")
    assert "hemlig-mapp" not in subject and "/" not in subject
    assert "a.txt" in subject and "b.txt" in subject


def test_message_id_is_the_same_for_the_same_message(tmp_path: Path) -> None:
    snapshot_reports()  # skips when absent
    old, new = load(SNAPSHOTS / "2025-04.md"), load(SNAPSHOTS / "2025-05.md")
    options = RenderOptions(full_report_link=LINK)
    first = build_message(compare(old, new), options, to=["a@region.example"], sender=SENDER)
    again = build_message(compare(old, new), options, to=["a@region.example"], sender=SENDER)
    other = build_message(compare(old, new), options, to=["b@region.example"], sender=SENDER)
    assert first["Message-ID"] == again["Message-ID"] != other["Message-ID"]
    assert first["Message-ID"].endswith("@region.example>")
    # the same reports from another folder make the same message
    for report in (old, new):
        shutil.copy(report.source, tmp_path / Path(report.source).name)
    moved = compare(load(tmp_path / "2025-04.md"), load(tmp_path / "2025-05.md"))
    assert build_message(moved, options, to=["a@region.example"], sender=SENDER)["Message-ID"] == first["Message-ID"]
