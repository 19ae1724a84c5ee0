"""Score the change summary of report pairs against hand-checked facts.

    python bench/score_summary.py                 # every pair, a table per pair, then the totals
    python bench/score_summary.py --corpus dev    # only the held-out dev pairs
    python bench/score_summary.py --list          # and every claim with its verdict

The pairs: the two seed pairs (``../shared/seeds``, facts in ``../shared/truth``), and the two
held-out chains of our own in ``tests/data/heldout`` (three reports each, two pairs), written
blind to the rules so that they measure how the summary does on reports it was never tuned on:
``dev`` and ``dev2`` are read when rules are made (``dev2`` was blind until its scores had been
taken once), ``blind2`` is read only by its scores: tune no rule to it.

A claim (an event of ``summary.events``) is TRUE when it matches a true event of the same kind,
FALSE when it matches a ``not_events`` entry or only a true event of another kind, and UNKNOWN when
it matches neither (read those: they are not free). ``not_in_report`` and ``reorganisation`` claims
are neutral: they say nothing is resolved or new. A claim matches an entry when one of its evidence
lines lies within 2 lines of one of the entry's, on the same side, and the claim's sentences hold
the entry's quote; or when its title or topic names the entry's topic (fuzzy). Recall counts the
true events of importance 2 and 3 that a claim of the same kind found. Figure shifts are matched by
their old and new values.

The same measure is taken in tests/test_summary_truth.py, with floors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HELDOUT = ROOT / "tests" / "data" / "heldout"
CHAINS = ("dev", "dev2", "blind2")  # the held-out chains, each a folder of HELDOUT
PAIRS = (("002", "000"), ("000", "004"))
NEUTRAL = {"not_in_report", "reorganisation"}
KIND_NAMES = {"people": "person", "date_passed": "passed_date"}  # our kind → the facts' kind


@dataclass
class Tally:
    true: int = 0
    false: int = 0
    unknown: int = 0
    not_events: int = 0  # claims that match a tempting false claim of the facts
    found: set[int] = field(default_factory=set)
    wanted: int = 0  # true events of importance >= 2

    @property
    def precision(self) -> float | None:
        judged = self.true + self.false
        return self.true / judged if judged else None

    @property
    def recall(self) -> float | None:
        return len(self.found) / self.wanted if self.wanted else None


def _low(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _names_alike(a: str, b: str) -> bool:
    a, b = _low(a), _low(b)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return fuzz.ratio(a, b) >= 85 or (len(short) >= 6 and fuzz.partial_ratio(short, long_) >= 92)


def _matches(claim: dict, entry: dict, name_key: str) -> bool:
    said = _low(" ".join([claim.get("title", ""), claim.get("text", "")] + [e["sentence"] for e in claim["evidence"]]))
    places = {(e["side"], e["line"]) for e in claim["evidence"]} | {(claim["side"], claim["line"])}
    for fact in entry.get("evidence", []):
        near = any(side == fact["side"] and abs(line - fact["line"]) <= 2 for side, line in places)
        if near and fuzz.partial_ratio(_low(fact["quote"]), said) >= 85:
            return True
    target = entry.get(name_key) or (entry.get("section") or [""])[-1]
    return any(_names_alike(name, target) for name in (claim.get("title", ""), claim.get("topic", "")))


def score(diff: dict, truth: dict, listing: list[str] | None = None) -> dict[str, Tally]:
    """Per kind (the facts' names), the tally of the claims in ``diff`` (``diff --format json``)."""
    tallies: dict[str, Tally] = {}
    for event in truth["events"]:
        tally = tallies.setdefault(event["kind"], Tally())
        tally.wanted += event.get("importance", 1) >= 2
    for claim in diff["summary"]["events"]:
        if claim["kind"] in NEUTRAL:
            continue
        kind = KIND_NAMES.get(claim["kind"], claim["kind"])
        tally = tallies.setdefault(kind, Tally())
        same = [i for i, e in enumerate(truth["events"]) if e["kind"] == kind and _matches(claim, e, "topic")]
        tempting = [e for e in truth["not_events"] if e["kind"] == kind and _matches(claim, e, "title")]
        other = [e for e in truth["events"] if e["kind"] != kind and _matches(claim, e, "topic")]
        if same:
            verdict = "true"
            tally.true += 1
            tally.found.update(i for i in same if truth["events"][i].get("importance", 1) >= 2)
        elif tempting or other:
            verdict = "false"
            tally.false += 1
            tally.not_events += bool(tempting)
        else:
            verdict = "unknown"
            tally.unknown += 1
        if listing is not None:
            listing.append(f"{verdict:8} {kind:15} {_low(claim['title'])[:90]}")
    figures = tallies.setdefault("figure_shift", Tally(wanted=len(truth["figure_shifts"])))
    for shift in diff["summary"]["figure_shifts"]:
        values = (shift["old"]["value"], shift["new"]["value"])
        hits = [i for i, f in enumerate(truth["figure_shifts"]) if (f["old"]["value"], f["new"]["value"]) == values]
        bad = [f for f in truth["not_figure_shifts"] if (f["old"]["value"], f["new"]["value"]) == values]
        figures.found.update(hits)
        if hits:
            figures.true += 1
        elif bad:
            figures.false += 1
            figures.not_events += 1
        else:
            figures.unknown += 1
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    rows = [f"{'kind':15} {'true':>5} {'false':>5} {'unknown':>7} {'not_events':>10} {'precision':>9} {'recall≥2':>9}"]
    for kind, t in sorted(tallies.items()):
        precision = f"{t.precision:.2f}" if t.precision is not None else "-"
        recall = f"{len(t.found)}/{t.wanted}" if t.wanted else "-"
        rows.append(f"{kind:15} {t.true:5} {t.false:5} {t.unknown:7} {t.not_events:10} {precision:>9} {recall:>9}")
    return "\n".join(rows)


def diff_json(old: Path, new: Path) -> dict:
    """``reportdiff diff OLD NEW --format json``, in process (the pair read as the command reads it)."""
    from reportdiff.comparison import compare
    from reportdiff.ingest import load_pair
    from reportdiff.render.dispatch import render

    return json.loads(render(compare(*load_pair(str(old), str(new))), "json"))


def seed(name: str) -> Path:
    return next((SHARED / "seeds").glob(f"{name}_*.txt"))


@dataclass
class Pair:
    """A pair of reports and the facts about what changed between them."""

    corpus: str
    name: str
    old: Path
    new: Path
    truth: Path


def pairs(corpus: str = "all") -> list[Pair]:
    """The scored pairs of ``corpus`` (seeds, a held-out chain, or all) whose files are present."""
    found = []
    if corpus in ("seeds", "all") and (SHARED / "truth").is_dir():
        for old, new in PAIRS:
            truth = SHARED / "truth" / f"changes-{old}-{new}.json"
            found.append(Pair("seeds", f"{old} → {new}", seed(old), seed(new), truth))
    for chain in CHAINS:
        if corpus not in (chain, "all"):
            continue
        folder = HELDOUT / chain
        reports = sorted(folder.glob("*-[ABC].txt"))
        for old, new in zip(reports, reports[1:], strict=False):
            key = f"{old.stem[-1]}-{new.stem[-1]}"
            found.append(Pair(chain, f"{chain} {key.replace('-', ' → ')}", old, new, folder / f"changes-{key}.json"))
    return found


def totals(scored: list[dict[str, Tally]]) -> dict[str, Tally]:
    """The tallies of several pairs added up per kind."""
    total: dict[str, Tally] = {}
    for offset, tallies in enumerate(scored):
        for kind, tally in tallies.items():
            into = total.setdefault(kind, Tally())
            into.true += tally.true
            into.false += tally.false
            into.unknown += tally.unknown
            into.not_events += tally.not_events
            into.wanted += tally.wanted
            into.found.update((offset, index) for index in tally.found)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every claim with its verdict")
    parser.add_argument("--corpus", choices=["seeds", *CHAINS, "all"], default="all")
    args = parser.parse_args(argv)
    chosen = pairs(args.corpus)
    if not chosen:
        print(f"no hand-checked facts for {args.corpus}", file=sys.stderr)
        return 2
    scored: dict[str, list[dict[str, Tally]]] = {}
    for pair in chosen:
        truth = json.loads(pair.truth.read_text(encoding="utf-8"))
        listing: list[str] = []
        tallies = score(diff_json(pair.old, pair.new), truth, listing)
        scored.setdefault(pair.corpus, []).append(tallies)
        print(pair.name)
        if args.list:
            print("\n".join(sorted(listing)))
        print(table(tallies), end="\n\n")
    for corpus, tallied in scored.items():
        print(f"all {corpus} pairs")
        print(table(totals(tallied)), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
