"""Enforcement: protect, restore, rewrite English variants, verify, pick hypotheses."""

from __future__ import annotations

import pytest

from translit.document import Entry, Glossary, Segment, TermHit
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.enforce import (
    EnglishRewriter,
    capitalize_sentence_starts,
    hit_present,
    missing_terms,
    pick_hypothesis,
    record_terms,
    term_policy,
)

GLOSSARY = Glossary(
    entries={
        "Kyiv": Entry("Kyiv", ("Kiev", "Ki-ép"), en_variants=("Kiev",)),
        "Moscow": Entry("Moscow", ("Mát-xcơ-va", "Moskva"), en_variants=("Moskva",)),
        "the White House": Entry("the White House", ("Nhà Trắng",), en_variants=("White House",)),
    }
)


def segment(text: str) -> Segment:
    return Segment(key="p1.s1", source=text, paragraph=1, start=0, end=len(text))


def test_inline_protection_puts_the_canonical_term_in_the_engine_input():
    policy = term_policy(GLOSSARY, "inline")
    seg = segment("Nhà Trắng và Mátxcơva bàn về Kiev.")
    prepared = policy.protect_segment(seg)
    assert prepared.text == "the White House và Moscow bàn về Kyiv."
    assert [(h.variant, h.target) for h in seg.hits] == [
        ("Nhà Trắng", "the White House"),
        ("Mátxcơva", "Moscow"),
        ("Kiev", "Kyiv"),
    ]
    assert seg.source == "Nhà Trắng và Mátxcơva bàn về Kiev."  # the source is never rewritten


def test_placeholder_protection_round_trip():
    policy = term_policy(GLOSSARY, strategy="placeholder")
    prepared = policy.protect_segment(segment("Moskva gửi công hàm tới Kiev."))
    assert prepared.text == "TERM1 gửi công hàm tới TERM2."
    assert policy.restore("TERM1 sent a note to TERM2.", prepared) == "Moscow sent a note to Kyiv."


def test_english_variants_are_rewritten_word_bounded_and_never_doubled():
    rewriter = EnglishRewriter(GLOSSARY)
    assert rewriter.rewrite("Kiev and Moskva; Kievan Rus") == "Kyiv and Moscow; Kievan Rus"
    # a variant inside the canonical term is left alone: no "the the White House"
    assert rewriter.rewrite("the White House said") == "the White House said"


def test_a_variant_ending_in_a_period_takes_it_along_unless_it_ends_the_sentence():
    # a house that writes US, not U.S. (the shipped glossary accepts both)
    glossary = Glossary(entries={"US": Entry("US", ("Mỹ",), en_variants=("U.S.",))})
    rewriter = EnglishRewriter(glossary)
    assert rewriter.rewrite("The U.S. said") == "The US said"
    assert rewriter.rewrite("Aid from the U.S.") == "Aid from the US."
    assert rewriter.rewrite("Aid from the “U.S.”") == "Aid from the “US.”"
    assert rewriter.rewrite("a U.S.-led coalition") == "a US-led coalition"


def test_a_variant_that_another_entry_makes_canonical_is_left_alone():
    desk = Glossary(entries={**GLOSSARY.entries, "Kiev": Entry("Kiev", ("Kiev",))})
    assert EnglishRewriter(desk).rewrite("Kiev and Moskva") == "Kiev and Moscow"


def test_english_variants_at_a_sentence_start_are_capitalized():
    glossary = Glossary(
        entries={
            **GLOSSARY.entries,
            "Myanmar": Entry("Myanmar", ("Mi-an-ma",), en_variants=("the Union of Burma",)),
            "the Netherlands": Entry("the Netherlands", ("Hà Lan",), en_variants=("Holland",)),
        }
    )
    rewriter = EnglishRewriter(glossary)
    assert rewriter.rewrite("Holland nói. Ông tới Kiev.") == "The Netherlands nói. Ông tới Kyiv."
    assert rewriter.rewrite("The Union of Burma said.") == "Myanmar said."
    # a term that takes "the" is not given a second one
    assert rewriter.rewrite("He flew to Holland; the Holland team won.") == (
        "He flew to the Netherlands; the Netherlands team won."
    )


def test_placeholders_fall_back_to_inline_when_the_source_has_one():
    policy = term_policy(GLOSSARY, strategy="placeholder")
    prepared = policy.protect_segment(segment("Mã TERM1 ở Kiev."))
    assert prepared.text == "Mã TERM1 ở Kyiv."
    assert policy.restore(prepared.text, prepared) == "Mã TERM1 ở Kyiv."


def test_sentence_start_capitalization():
    text = "the White House said so. Later, the White House denied it."
    assert capitalize_sentence_starts(text, ["the White House"]) == (
        "The White House said so. Later, the White House denied it."
    )


def test_missing_terms_and_hypothesis_choice():
    policy = term_policy(GLOSSARY)
    seg = segment("Nhà Trắng và Kiev")
    prepared = policy.protect_segment(seg)
    assert missing_terms("The White House and Kyiv", prepared.hits) == []
    assert [h.target for h in missing_terms("the white house and Kyiv", prepared.hits)] == [
        "the White House"
    ]
    text, missing = pick_hypothesis(["Kyiv only", "The White House and Kyiv"], prepared.hits)
    assert (text, missing) == ("The White House and Kyiv", [])
    text, missing = pick_hypothesis(["Kyiv only", "nothing"], prepared.hits)
    assert text == "Kyiv only" and [h.target for h in missing] == ["the White House"]


def test_record_terms_marks_applied_and_keeps_a_lossy_segment_fuzzy():
    policy = term_policy(GLOSSARY)
    seg = segment("Nhà Trắng và Kiev")
    prepared = policy.protect_segment(seg)
    record_terms(seg, "Kyiv", missing_terms("Kyiv", prepared.hits))
    assert [h.applied for h in seg.hits] == [False, True]
    assert seg.fuzzy and seg.target == "Kyiv"
    assert seg.findings == []  # findings come from translit.qa (tests/test_qa.py)


def test_a_mention_comes_out_as_its_own_english_and_any_accepted_form_satisfies_a_hit():
    entry = Entry(term="Joe Biden", vi=("J.Biden", "Biden"), mentions=(("Biden", ("Biden",)),))
    russia = Entry(term="Russia", vi=("Nga",), en=("Russian",), case_sensitive=True)
    policy = term_policy(Glossary({e.term: e for e in (entry, russia)}))
    hits = policy.hits("Ông Biden gặp J.Biden ở Nga.")
    assert [(h.variant, h.target) for h in hits] == [
        ("Biden", "Biden"),
        ("J.Biden", "Joe Biden"),
        ("Nga", "Russia"),
    ]
    assert missing_terms("Biden met his Russian counterpart.", hits) == []
    assert [h.target for h in missing_terms("He met them in Moscow.", hits)] == [
        "Biden",
        "Joe Biden",
        "Russia",
    ]


# ── No rewrite turns correct English into other English (issue 11) ─────────────────

# A house that rejects more than the shipped glossary does (every US long form, Burma,
# Holland, Odessa): even then, a name that merely contains such a form is left alone.
STRICT = Glossary(
    entries={
        e.term: e
        for e in [
            Entry("US", ("Mỹ",), en_variants=("United States", "USA", "U.S.")),
            Entry("Myanmar", ("Mi-an-ma",), en_variants=("Burma",)),
            Entry("the Netherlands", ("Hà Lan",), en_variants=("Holland",)),
            Entry("Odesa", ("Ô-đét-xa",), en_variants=("Odessa",)),
            Entry("Soviet Union", ("Liên Xô",), en_variants=("USSR",)),
        ]
    }
)


@pytest.mark.parametrize(
    "english",
    [
        "She joined USA Gymnastics in 2015.",
        "He spoke for the United States of America.",
        "The U.S.S.R. collapsed in 1991.",
        "It was reported by USA Today.",
        "Tom Holland plays the lead.",
        "Trucks used the Burma Road.",
        "He was born in Odessa, Texas.",
        "The United States Geological Survey reported no damage.",
        "The Holland America Line ship docked.",
        "The New Holland tractor and the North Holland coast.",
        "Austria-Hungary and Burma-Shave were both names.",
    ],
)
def test_a_rejected_form_inside_a_longer_name_is_never_rewritten(english):
    rewriter = EnglishRewriter(STRICT)
    assert rewriter.rewrite(english) == english
    assert rewriter.find(english) == []  # and not flagged either


def test_a_rejected_form_standing_alone_is_rewritten():
    rewriter = EnglishRewriter(STRICT)
    assert rewriter.rewrite("In Burma, aid from the USA arrived.") == (
        "In Myanmar, aid from the US arrived."
    )
    assert rewriter.rewrite("Odessa's port and Holland's ports") == (
        "Odesa's port and the Netherlands's ports"
    )


def test_the_shipped_glossary_accepts_the_common_forms_and_never_rewrites_them():
    shipped = load_glossaries(shipped_glossaries())
    rewriter = EnglishRewriter(shipped)
    for english in [
        "The United States, the U.S., the USA and America are one country.",
        "The USSR, the U.S.S.R. and the Soviet Union are one state.",
        "British and UK officials met Russian and Iranian envoys.",
        "Recep Tayyip Erdoğan and Viktor Orban met António Guterres.",
    ]:
        assert rewriter.rewrite(english) == english
    assert rewriter.rewrite("Kiev and Moskva") == "Kyiv and Moscow"


def test_a_rejected_form_is_rewritten_only_when_the_source_names_its_entity():
    policy = term_policy(GLOSSARY)
    names_kyiv = policy.protect_segment(segment("Phái đoàn tới Ki-ép."))
    assert policy.restore("The delegation went to Kiev.", names_kyiv) == (
        "The delegation went to Kyiv."
    )
    # the source names no Kyiv: the model's "Kiev" is not ours to change (the check
    # still shows it to the reviewer)
    elsewhere = policy.protect_segment(segment("Món gà này rất ngon."))
    assert policy.restore("This Kiev dish is good.", elsewhere) == "This Kiev dish is good."


def test_a_rejected_surname_becomes_the_surname_not_the_full_name():
    zelensky = Entry(
        "Volodymyr Zelensky",
        ("Volodymyr Zelensky", "Zelensky"),
        en_variants=("Volodymyr Zelenskiy", "Zelenskiy"),
        mentions=(("Zelensky", ("Zelensky",)),),
    )
    rewriter = EnglishRewriter(Glossary(entries={zelensky.term: zelensky}))
    assert rewriter.rewrite("President Zelenskiy said") == "President Zelensky said"
    assert rewriter.rewrite("Volodymyr Zelenskiy said") == "Volodymyr Zelensky said"


def test_invisible_characters_neither_hide_a_rejected_form_nor_get_lost():
    rewriter = EnglishRewriter(GLOSSARY)
    assert rewriter.rewrite("He went to Ki\u00adev.") == "He went to Kyiv."
    assert rewriter.rewrite("Mosk\u200bva said") == "Moscow said"


# ── What counts as present: accepted forms ──────────────────────────────────────────


def hit(target: str, *accepted: str) -> TermHit:
    return TermHit(entry=target, variant="x", start=0, end=1, target=target, accepted=accepted)


@pytest.mark.parametrize(
    ("hit_", "english", "present"),
    [
        (hit("Russia", "Russian"), "Russians voted.", True),  # a plural
        (hit("Russia", "Russian"), "RUSSIA VOTES", True),  # a headline
        (hit("Russia", "Russian"), "Russia's vote", True),
        (hit("Russia", "Russian"), "Prussia voted.", False),  # whole words only
        (hit("Western Europe"), "western Europe began", True),  # compass words
        (hit("pound sterling", "pound", "£"), "It cost £27 million.", True),  # a symbol
        (hit("Kim Jong-un"), "Kim Jong Un spoke", True),  # hyphen or space
        (hit("Moscow"), "Mos\u00adcow spoke", True),  # a soft hyphen inside
        (hit("the White House", "White House"), "The White House said", True),
    ],
)
def test_hit_present_accepts_the_entitys_forms(hit_, english, present):
    assert hit_present(hit_, english) is present


def test_an_acronym_in_brackets_after_its_long_name_stays_an_acronym():
    eu = Entry("European Union", ("Liên minh châu Âu", "EU"), mentions=(("EU", ("EU",)),))
    un = Entry("United Nations", ("Liên hợp quốc", "LHQ"), en=("UN",))
    nato = Entry("NATO", ("NATO", "Khối Bắc Đại Tây Dương"), keep=True)
    policy = term_policy(Glossary({e.term: e for e in (eu, un, nato)}), "inline")
    protected = policy.protect_segment(segment("Liên minh châu Âu (EU) và Liên hợp quốc (LHQ)."))
    assert protected.text == "European Union (EU) và United Nations (UN)."
    assert policy.protect_segment(segment("Khối Bắc Đại Tây Dương (NATO)")).text == "NATO (NATO)"
