"""The shipped glossary covers the world: every UN member state and observer with its
capital and demonym, every Vietnamese form of the countries, capitals and organisations
sections found as its own entry (written hyphenated, spaced or joined), ordinary
Vietnamese left alone, and, on real news text (FLORES, when shared/data is there), the
mentions a reader marked found."""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT
from translit.document import Entry, Glossary
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.fold import HYPHENS, nfc
from translit.glossary.match import Matcher, compile_matcher

DATA = Path(__file__).parent / "data"
FLORES = ROOT.parent / "shared" / "data" / "flores200-vi-en"
SECTIONS = ("countries", "capitals", "organisations", "leaders")
# States Vietnamese news names only by their English name (see the entry's comment).
ENGLISH_NAME_ONLY = {"Malta"}


@cache
def shipped() -> Glossary:
    return load_glossaries(shipped_glossaries())


@cache
def matcher() -> Matcher:
    return compile_matcher(shipped())


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[1:]  # the header


def _found(text: str) -> list[tuple[str, str]]:
    """(matched text, entry term) of every glossary hit in `text`."""
    return [(m.text, m.entry.term) for m in matcher().find(nfc(text))]


# ── the UN's member states and observers ────────────────────────────────────────────


def test_the_list_has_the_193_member_states_and_two_observers():
    rows = _rows("un-member-states.tsv")
    assert Counter(status for *_, status in rows) == {"member": 193, "observer": 2}
    assert len({state for state, *_ in rows}) == 195


def test_every_un_state_has_an_entry_with_its_capital_and_its_demonym():
    entries = shipped().entries
    problems = []
    for state, capitals, demonym, _ in _rows("un-member-states.tsv"):
        entry = entries.get(state)
        if entry is None:
            problems.append(f"{state}: no entry")
            continue
        if entry.section != "countries":
            problems.append(f"{state}: in section {entry.section!r}, not countries")
        if demonym not in entry.accepted:
            problems.append(f"{state}: {demonym!r} is not among its English forms")
        vietnamese = [v for v in entry.vi if v not in (state, state.removeprefix("the "))]
        if not vietnamese and state not in ENGLISH_NAME_ONLY:
            problems.append(f"{state}: no Vietnamese form but its English name")
        for capital in capitals.split("; "):
            if capital not in entries:
                problems.append(f"{state}: no entry for its capital {capital}")
            elif capital != state and entries[capital].section != "capitals":
                problems.append(f"{capital}: in section {entries[capital].section!r}")
    assert problems == []


# ── every variant is found as its own entry ─────────────────────────────────────────


def _surfaces(variant: str) -> list[str]:
    """The ways an article may write a variant: as listed and, for a hyphenated
    respelling, with spaces and joined (Ê-cu-a-đo, Ê cu a đo, Êcuađo)."""
    forms = [variant]
    if any(h in variant for h in HYPHENS):
        forms.append("".join(" " if c in HYPHENS else c for c in variant))
        forms.append("".join(c for c in variant if c not in HYPHENS))
    return forms


def _in_sections() -> list[Entry]:
    return [e for e in shipped().entries.values() if e.section in SECTIONS]


def test_the_sections_hold_the_world():
    counts = Counter(e.section for e in _in_sections())
    assert counts["countries"] >= 195
    assert counts["capitals"] >= 195
    assert counts["organisations"] >= 100
    assert counts["leaders"] >= 100


def test_every_form_of_a_country_capital_or_organisation_is_found_as_itself():
    wrong = []
    for entry in _in_sections():
        for variant in entry.vi:
            for surface in _surfaces(variant):
                sentence = f"Hôm qua phái đoàn đã đến {surface} để dự hội nghị."
                got = _found(sentence)
                if got != [(surface, entry.term)]:
                    wrong.append(f"{surface!r} of {entry.term}: {got}")
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forms the press writes, hyphenated, spaced and joined
        ("Đội tuyển Ê-cu-a-đo thắng Bê-nanh và Ga-na.", ["Ecuador", "Benin", "Ghana"]),
        ("Đoàn đến Ê cu a đo rồi sang Êcuađo.", ["Ecuador", "Ecuador"]),
        ("Lũ lụt ở Ha-i-ti và động đất ở Haiti.", ["Haiti", "Haiti"]),
        ("Du khách đến Am-xtéc-đam và Amxtécđam.", ["Amsterdam", "Amsterdam"]),
        ("Lạt-ma ở Tây Tạng; Khu tự trị Tây Tạng.", ["Tibet", "Tibet"]),
        ("Cướp biển Somali tấn công tàu ngoài khơi Xô-ma-li.", ["Somalia", "Somalia"]),
        ("Thủ phủ xứ Catalan là Barcelona.", ["Catalonia", "Barcelona"]),
        (
            "CHDC Congo và Cộng hòa Congo.",
            ["the Democratic Republic of Congo", "the Republic of Congo"],
        ),
        (
            "Tổ chức Lương thực và Nông nghiệp Liên hợp quốc cảnh báo, FAO cho biết.",
            ["Food and Agriculture Organization", "Food and Agriculture Organization"],
        ),
        ("Quần đảo Mác-san và Pa-pua Niu Ghi-nê.", ["the Marshall Islands", "Papua New Guinea"]),
        ("Nam Xu-đăng tách khỏi Xu-đăng.", ["South Sudan", "Sudan"]),
        (
            "Ghi-nê Xích Đạo, Ghi-nê Bít-xao và Ghi-nê.",
            ["Equatorial Guinea", "Guinea-Bissau", "Guinea"],
        ),
        ("Cốt Đi-voa còn gọi là Bờ Biển Ngà.", ["Ivory Coast", "Ivory Coast"]),
        # ordinary Vietnamese is not a place
        ("Hai nước có ba ranh giới chung.", []),
        ("Khí butan dễ cháy.", []),
        ("Sát cánh cùng đồng đội, Sát hại con tin.", []),
        ("Người theo Kitô giáo và Ki-tô hữu.", []),
        ("Kế hoạch Marshall và vua Solomon.", []),
        ("Quan hệ Trung-Phi ngày càng sâu rộng.", []),
        ("Loại bia địa phương còn lại được gọi là “Manta”.", []),
        ("Xung quanh vùng Medina cũ có nhiều cửa hàng.", []),
        ("Khu vực quanh huyện Trùng Khánh và chùa Tây An.", []),
        ("Ông là người gốc Rio Grande do Sul.", []),
        ("Mùa mưa ở bang Victoria, hồ Victoria và thác Victoria.", []),
        ("Vụ tấn công ở Nice, Pháp.", ["Nice", "France"]),
    ],
)
def test_press_forms_are_found_and_ordinary_words_are_not(text, expected):
    assert [term for _, term in _found(text)] == expected


# ── real news text ──────────────────────────────────────────────────────────────────


def _flores() -> dict[str, list[str]]:
    if not FLORES.is_dir():
        pytest.skip(f"FLORES data not found at {FLORES} (shared/data is a sibling of the repo)")
    return {s: (FLORES / f"flores-{s}.vi").read_text("utf-8").splitlines() for s in ("dev", "test")}


@pytest.mark.parametrize("sample", ["flores-mentions-a.tsv", "flores-mentions-b.tsv"])
def test_a_readers_mentions_in_flores_are_found(sample):
    """150 FLORES sentences whose English names a country, capital or organisation, read
    by hand: every country, capital, city and international organisation the Vietnamese
    names is listed (by entry) in the sample file. Recall must stay at or above 0.97."""
    vietnamese = _flores()
    wanted = found = 0
    missed = []
    for split, line, terms in _rows(sample):
        # an entry's key may gain or lose its article ("the Netherlands")
        need = Counter(t.removeprefix("the ") for t in terms.split("; ") if t)
        text = vietnamese[split][int(line) - 1]
        got = Counter(term.removeprefix("the ") for _, term in _found(text))
        for term, count in need.items():
            wanted += count
            found += min(count, got[term])
            if got[term] < count:
                missed.append(f"{split}:{line} {term}")
    assert wanted > 200
    assert found / wanted >= 0.97, f"recall {found}/{wanted}; missed: {missed}"
