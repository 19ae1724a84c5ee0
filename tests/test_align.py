"""Section alignment: normaliser, global assignment, renames, moves, splits and merges."""

from __future__ import annotations

from reportdiff.align import align, assign, heading_similarity, hungarian, section_key
from reportdiff.comparison import compare
from reportdiff.ingest import read_markdown
from reportdiff.model import SectionStatus

P = {
    "akut": "Akutmottagningen hade många besök under helgerna och väntetiderna ökade något jämfört med hösten.",
    "barn": "Barnkliniken har startat en ny mottagning för unga med diabetes och rekryterat två sjuksköterskor.",
    "hjärta": "Hjärtsjukvården har infört digital uppföljning av patienter med förmaksflimmer i hela länet.",
    "kirurgi": "Operationsköerna inom ortopedin har minskat efter att två extra salar öppnats på vardagskvällar.",
    "ögon": "Ögonkliniken har köpt in en ny laser och kan nu behandla fler patienter med grå starr på dagtid.",
    "hälsa": "Hälsocentralerna har fått fler listade patienter och arbetar vidare med kontinuitet i vården.",
    "rehab": "Rehabiliteringen har öppnat ett nytt gym för patienter efter stroke i samarbete med kommunerna.",
    "psyk": "Psykiatrin i Sunderbyn har kortat väntetiden till första bedömning för barn och unga till fyra veckor.",
}


def report(*sections: tuple[str, str | list[str]]) -> object:
    """A Markdown report from (heading with #-prefix, paragraph key or keys) pairs."""
    lines = []
    for heading, keys in sections:
        lines += [heading, ""]
        for key in [keys] if isinstance(keys, str) else keys:
            lines += [P.get(key, key), ""]
    return read_markdown("\n".join(lines))


def test_section_key_drops_numbering_prefixes_case_and_punctuation() -> None:
    assert section_key("VO Kirurgi & ortopedi") == "kirurgi och ortopedi"
    assert section_key("Verksamhetsområde kirurgi och ortopedi") == "kirurgi och ortopedi"
    assert section_key("3.2 Division  Nära:") == "nära"
    assert section_key("IT/MT-avdelningen") == "it mt avdelningen"


def test_heading_similarity_treats_different_numbers_as_different_names() -> None:
    same_number = heading_similarity(section_key("Division Länssjukvård 1"), section_key("Länssjukvård 1"))
    other_number = heading_similarity(section_key("Division Länssjukvård 1"), section_key("Division Länssjukvård 2"))
    assert same_number == 1.0
    assert other_number < 0.6


def test_hungarian_finds_the_optimum_where_best_first_does_not() -> None:
    # best first takes 0.9 (row 0 → col 0) and is left with 0.1: total 1.0; the optimum is 0.8 + 0.8
    cost = [[-0.9, -0.8], [-0.8, -0.1]]
    assert hungarian(cost) == {0: 1, 1: 0}
    edges = [(1, 1, 0.9, ""), (1, 2, 0.8, ""), (2, 1, 0.8, ""), (2, 2, 0.55, "")]
    chosen = {(i, j) for i, j, _, _ in assign(edges, [])}
    assert chosen == {(1, 2), (2, 1)}


def test_identical_reports_pair_every_section_with_score_one() -> None:
    old = report(("# Del", "akut"), ("## Kirurgi", "kirurgi"), ("## Ögon", "ögon"))
    new = report(("# Del", "akut"), ("## Kirurgi", "kirurgi"), ("## Ögon", "ögon"))
    result = align(old, new)
    assert [(m.old, m.new, m.score) for m in result.matches] == [(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0), (3, 3, 1.0)]
    assert not result.moved_new


def test_renamed_section_with_the_same_text_is_paired_and_flagged() -> None:
    old = report(("# Verksamheten", "akut"), ("## VO Barnsjukvård", "barn"), ("## VO Kirurgi", "kirurgi"))
    new = report(
        ("# Verksamheten", "akut"),
        ("## Verksamhetsområde Barn- och ungdomsmedicin", "barn"),
        ("## VO Kirurgi", "kirurgi"),
    )
    diff = compare(old, new)
    pair = next(p for p in diff.pairs if p.new_path[-1].startswith("Verksamhetsområde"))
    assert pair.old_path == ("Verksamheten", "VO Barnsjukvård")
    assert pair.renamed and not pair.moved and pair.status is SectionStatus.UNCHANGED
    assert "content 1.00" in pair.reason and 0.5 <= pair.score <= 1.0
    assert diff.stats.sections_renamed == 1 and diff.stats.sections_added == 0


def test_inserted_sibling_does_not_make_the_others_moved() -> None:
    old = report(("# Del", "akut"), ("## A", "barn"), ("## B", "hjärta"), ("## C", "kirurgi"))
    new = report(("# Del", "akut"), ("## A", "barn"), ("## Ny", "ögon"), ("## B", "hjärta"), ("## C", "kirurgi"))
    diff = compare(old, new)
    assert [p.status for p in diff.pairs if p.new_path == ("Del", "Ny")] == [SectionStatus.ADDED]
    assert not any(p.moved for p in diff.pairs)


def test_swapped_siblings_mark_one_moved_section() -> None:
    old = report(("# Del", "akut"), ("## A", "barn"), ("## B", "hjärta"), ("## C", "kirurgi"))
    new = report(("# Del", "akut"), ("## A", "barn"), ("## C", "kirurgi"), ("## B", "hjärta"))
    diff = compare(old, new)
    assert [p.new_path[-1] for p in diff.pairs if p.moved] in (["B"], ["C"])
    assert diff.stats.sections_moved == 1


def test_reorganisation_children_follow_even_when_parents_do_not_match() -> None:
    old = report(
        ("# Information från verksamheten", "akut"),
        ("## Division Länssjukvård 1", []),
        ("### VO Barnsjukvård", "barn"),
        ("### VO Hjärtsjukvård", "hjärta"),
        ("## Division Länssjukvård 2", []),
        ("### VO Kirurgi", "kirurgi"),
        ("### VO Ögon", "ögon"),
        ("## Division Nära", []),
        ("### VO Hälsocentraler", "hälsa"),
        ("### VO Rehabilitering", "rehab"),
        ("## Division Psykiatri", []),
        ("### VO Psykiatri Sunderbyn", "psyk"),
    )
    new = report(
        ("# Information från verksamheten", "akut"),
        ("## Division Planerad vård", []),
        ("### Verksamhetsområde Barnsjukvård", "barn"),
        ("### Verksamhetsområde Hjärtsjukvård", "hjärta"),
        ("### Verksamhetsområde Kirurgi", "kirurgi"),
        ("### Verksamhetsområde Ögon", "ögon"),
        ("## Division Nära vård och psykiatri", []),
        ("### Verksamhetsområde Hälsocentraler", "hälsa"),
        ("### Verksamhetsområde Rehabilitering", "rehab"),
        ("### Verksamhetsområde Psykiatri Sunderbyn", "psyk"),
    )
    diff = compare(old, new)
    by_new = {p.new_path[-1]: p for p in diff.pairs if p.new is not None}
    for name in (
        "Barnsjukvård",
        "Hjärtsjukvård",
        "Kirurgi",
        "Ögon",
        "Hälsocentraler",
        "Rehabilitering",
        "Psykiatri Sunderbyn",
    ):
        pair = by_new[f"Verksamhetsområde {name}"]
        assert pair.old_path[-1] == f"VO {name}", pair
        assert pair.renamed and pair.status is SectionStatus.UNCHANGED
    merged = [p for p in diff.pairs if p.merged_from]
    assert {p.new_path[-1] for p in merged} == {"Division Planerad vård", "Division Nära vård och psykiatri"}
    planned = by_new["Division Planerad vård"]
    assert set(planned.merged_from) == {
        ("Information från verksamheten", "Division Länssjukvård 1"),
        ("Information från verksamheten", "Division Länssjukvård 2"),
    }
    # the children of the division that found no partner are moved; the others stay
    moved = {p.new_path[-1] for p in diff.pairs if p.moved}
    partner = planned.old_path[-1] if planned.old is not None else ""
    assert all(("Länssjukvård" in partner) for _ in [0]) or planned.status is SectionStatus.ADDED
    assert len(moved) in (2, 3, 4)


def test_split_section_names_both_parts() -> None:
    old = report(("# Del", "akut"), ("## Barn och hjärta", ["barn", "hjärta", "kirurgi", "ögon"]))
    new = report(
        ("# Del", "akut"), ("## Barn och hjärta", ["barn", "hjärta"]), ("## Kirurgi och ögon", ["kirurgi", "ögon"])
    )
    diff = compare(old, new)
    source = next(p for p in diff.pairs if p.old_path == ("Del", "Barn och hjärta"))
    assert source.split_into == [("Del", "Barn och hjärta"), ("Del", "Kirurgi och ögon")]
    assert diff.stats.blocks_moved == 2 and diff.stats.blocks_deleted == 0


def test_pairs_follow_new_order_with_removed_sections_at_their_old_place() -> None:
    old = report(("# A", "akut"), ("# B", "barn"), ("# C", "hjärta"), ("# D", "kirurgi"))
    new = report(("# A", "akut"), ("# C", "hjärta"), ("# E", "ögon"), ("# D", "kirurgi"))
    diff = compare(old, new)
    assert [(p.status.value, p.path[-1]) for p in diff.pairs] == [
        ("unchanged", "A"),
        ("removed", "B"),
        ("unchanged", "C"),
        ("added", "E"),
        ("unchanged", "D"),
    ]
    removed = diff.pairs[1]
    assert removed.reason.startswith("no counterpart")


def test_unrelated_sections_are_not_forced_together() -> None:
    old = report(("# A", "akut"), ("# Hjärta", "hjärta"))
    new = report(("# A", "akut"), ("# Rehabilitering", "rehab"))
    statuses = sorted(p.status.value for p in compare(old, new).pairs)
    assert statuses == ["added", "removed", "unchanged"]


def test_one_certain_pair_beats_two_doubtful_ones_that_would_block_it() -> None:
    # old 1 is surely new 1 (0.9); pairing old 1 → new 2 and old 2 → new 1 (0.52 each) sums higher,
    # but each of those is barely better than leaving both unpaired (the threshold, 0.5)
    edges = [(1, 1, 0.9, ""), (1, 2, 0.52, ""), (2, 1, 0.52, "")]
    assert {(i, j) for i, j, _, _ in assign(edges, [], floor=0.5)} == {(1, 1)}


def test_a_year_in_a_heading_is_not_a_number_that_names_another_unit() -> None:
    a, b = section_key("Patientenkäten 2022"), section_key("Patientenkäten 2023")
    assert heading_similarity(a, b) > 0.9
    assert heading_similarity(section_key("Område 1"), section_key("Område 2")) < 0.6


def test_a_topic_that_mentions_a_units_name_is_not_that_unit() -> None:
    old = report(("# Verksamheten", "akut"), ("## Division Kustvård", "barn"), ("## VO Ögon", "ögon"))
    new = report(("# Verksamheten", "akut"), ("## Tillskott kustvård", "hjärta"), ("## VO Ögon", "ögon"))
    statuses = sorted(p.status.value for p in compare(old, new).pairs)
    assert statuses == ["added", "removed", "unchanged", "unchanged"]
    # a unit renamed to its topic, word for word, still pairs on its heading
    old = report(("# Verksamheten", "akut"), ("## VO Barnsjukvård", "barn"), ("## VO Ögon", "ögon"))
    new = report(("# Verksamheten", "akut"), ("## Barnsjukvården", "hjärta"), ("## VO Ögon", "ögon"))
    pair = next(p for p in compare(old, new).pairs if p.new_path[-1] == "Barnsjukvården")
    assert pair.old_path == ("Verksamheten", "VO Barnsjukvård")


def test_a_heading_whose_name_is_on_the_other_side_does_not_pair_with_a_look_alike() -> None:
    # the old report names Division Inland twice (in two parts); the new once, and has a look-alike
    old = report(
        ("# Verksamheten", "akut"),
        ("## Division Inland", "barn"),
        ("# Nämnden", "hälsa"),
        ("## Division Inland", "kirurgi"),
    )
    new = report(
        ("# Verksamheten", "akut"),
        ("## Division Inland", "barn"),
        ("# Nämnden", "hälsa"),
        ("## Division Inlandet", "rehab"),
    )
    pairs = compare(old, new).pairs
    look_alike = next(p for p in pairs if p.new_path and p.new_path[-1] == "Division Inlandet")
    assert look_alike.status is SectionStatus.ADDED
