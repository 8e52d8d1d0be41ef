"""Names on real text: FLORES (Wikinews, Wikivoyage, Wikibooks Vietnamese with
professional English) read at run time from ../shared/data, never copied here.

FLORES is about the world, not Vietnam: it names no Vietnamese person and no
Vietnamese place without a glossary entry, but it is full of what the finder must leave
alone (Sino-Vietnamese foreign places, title-case common nouns, foreign people after
titles, capitalized sentence starts). So every name found in it is a false alarm, and
a professional translation must not get a finding it did not get before.
"""

from __future__ import annotations

import unicodedata

import pytest

from tests.conftest import ROOT
from translit.document import Segment
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.enforce import term_policy
from translit.qa import check_segment

DATA = ROOT.parent / "shared" / "data" / "flores200-vi-en"


def pairs() -> list[tuple[str, str]]:
    if not (DATA / "flores-dev.vi").is_file():
        pytest.skip(f"FLORES data not found at {DATA} (CI has it beside the repository)")
    found = []
    for split in ("dev", "test"):
        vi = (DATA / f"flores-{split}.vi").read_text(encoding="utf-8").splitlines()
        en = (DATA / f"flores-{split}.en").read_text(encoding="utf-8").splitlines()
        found += [(unicodedata.normalize("NFC", v), e) for v, e in zip(vi, en, strict=True)]
    return found


def findings(source: str, english: str, policy) -> list[str]:
    seg = Segment("k", source, 1, 0, len(source), target=english, origin="machine")
    check_segment(seg, policy)
    return [f.code for f in seg.findings]


def test_no_name_is_found_in_flores_and_no_professional_translation_gets_a_new_finding():
    glossary = load_glossaries(shipped_glossaries())
    on, off = term_policy(glossary), term_policy(glossary, names=None)
    found = []
    for source, english in pairs():
        hits = on.hits(source)
        names = [h.variant for h in hits if h.kind == "name"]
        found += names
        if names or len(hits) != len(off.hits(source)):
            before = findings(source, english, off)
            after = findings(source, english, on)
            for code in ("term-missing", "untranslated", "name-missing", "name-style"):
                assert after.count(code) <= before.count(code), (source, english, after)
    assert found == []
