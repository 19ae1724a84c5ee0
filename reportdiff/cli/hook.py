"""The pre-commit hook: ``reportdiff-hook FILE...`` checks each staged report against its predecessor.

The previous report is found without help:

1. the same file as committed at ``HEAD`` (a report kept under one name and rewritten monthly),
   unless that is the same issue (the same report date): then the draft is a revision of
   an issue already committed, and comparing it with itself would call every section stale;
2. else the report before it in the same folder: by the year and month in the file names
   (``2025-04.md`` before ``2025-05.md``) when the names carry them, else by report date.

Exit status as pre-commit expects: 0 passes, 1 an error finding (the commit is refused),
2 trouble (a file that cannot be read, a bad configuration).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from reportdiff.errors import ExitStatus, ReportdiffError
from reportdiff.model import Report

SUFFIXES = {".md", ".markdown", ".txt", ".docx", ".pdf"}
_NAME_DATE = re.compile(r"(?<!\d)(20\d\d)[-_. ]?(0[1-9]|1[0-2])(?!\d)")
_MAX_FOLDER_READS = 24  # without dates in the names, read at most this many neighbours for their dates


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reportdiff-hook", description="Check reports before they are committed.")
    parser.add_argument("filenames", nargs="*", help="Report files (pre-commit passes the staged ones).")
    parser.add_argument("--config", help="Read [check] settings from this file instead of the nearest one.")
    parser.add_argument("--select", action="append", default=[], metavar="CODES", help="Only these rules.")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODES", help="Not these rules.")
    parser.add_argument("--no-previous", action="store_true", help="Do not look for the previous report.")
    parser.add_argument(
        "--lang", choices=["sv", "en"], help="Language of the messages (default: the config's, else en)."
    )
    args = parser.parse_args(argv)
    from reportdiff.cli.config import configured_readers, read_configuration

    try:
        readers = configured_readers(read_configuration())  # the [headings] words, as the CLI reads them
        with readers:
            return int(_check_all(args))
    except ReportdiffError as error:  # a configuration that cannot be read
        print(f"reportdiff: error: {error}", file=sys.stderr)
        return ExitStatus.ERROR


def _check_all(args: argparse.Namespace) -> ExitStatus:
    """Each file checked against its predecessor; the worst status of them."""
    from reportdiff.check import check, exit_status, read_source_text
    from reportdiff.check.config import split_codes
    from reportdiff.cli.config import load_check_config
    from reportdiff.ingest import load
    from reportdiff.render.check import format_text

    status = ExitStatus.SAME
    for filename in args.filenames:
        try:
            config = load_check_config(filename, args.config).with_flags(
                split_codes(args.select), split_codes(args.ignore)
            )
            for warning in config.warnings:
                print(f"reportdiff: warning: {warning}", file=sys.stderr)
            draft = load(filename)
            previous = None if args.no_previous else find_previous(Path(filename), draft)
            lang = args.lang or config.lang or "en"  # the flag wins over the file
            findings = check(draft, previous, config, read_source_text(filename), lang=lang)
        except ReportdiffError as error:
            print(f"reportdiff: error: {error}", file=sys.stderr)
            status = max(status, ExitStatus.ERROR)
            continue
        except KeyboardInterrupt:
            print("reportdiff: interrupted", file=sys.stderr)
            return ExitStatus.INTERRUPTED
        if findings:
            against = f" (compared with {previous.source})" if previous is not None else ""
            print(f"{filename}: {len(findings)} finding(s){against}")
            sys.stdout.write(format_text(findings))
        status = max(status, exit_status(findings))
    return status


def find_previous(path: Path, draft: Report) -> Report | None:
    """The report to compare ``draft`` with: its HEAD version, else its predecessor in the folder."""
    from reportdiff.check.context import report_date
    from reportdiff.errors import InputError
    from reportdiff.ingest import load_bytes
    from reportdiff.ingest.git import read_at_revision

    try:
        data = read_at_revision(path, "HEAD")
    except InputError:
        data = None  # not a repository, or no commit yet
    if data is not None:
        try:
            committed = load_bytes(data, f"HEAD:{path.as_posix()}", suffix=path.suffix.lower())
        except InputError:
            committed = None
        if committed is not None:
            draft_date, committed_date = report_date(draft), report_date(committed)
            if draft_date is None or committed_date is None or committed_date != draft_date:
                return committed
    return previous_in_folder(path, draft)


def previous_in_folder(path: Path, draft: Report) -> Report | None:
    """The latest report in ``path``'s folder that comes before ``draft``."""
    from reportdiff.check.context import report_date

    folder = path.resolve().parent
    candidates = sorted(
        file
        for file in folder.iterdir()
        if file.is_file()
        and file.suffix.lower() in SUFFIXES
        and not file.name.startswith(".")
        and file.resolve() != path.resolve()
    )
    own = _name_date(path.name)
    dated = [(month, file) for file in candidates if (month := _name_date(file.name)) is not None]
    if own is not None and dated:
        earlier = [(month, file.name, file) for month, file in dated if month < own]
        return _load_quietly(max(earlier)[2]) if earlier else None
    draft_date = report_date(draft)
    if draft_date is None:
        return None
    best: tuple[dt.date, Report] | None = None
    for file in candidates[:_MAX_FOLDER_READS]:
        report = _load_quietly(file)
        date = report_date(report) if report is not None else None
        if report is not None and date is not None and date < draft_date and (best is None or date > best[0]):
            best = (date, report)
    return best[1] if best else None


def _name_date(name: str) -> tuple[int, int] | None:
    match = _NAME_DATE.search(name)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _load_quietly(file: Path) -> Report | None:
    from reportdiff.ingest import load

    try:
        return load(file)
    except ReportdiffError:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
