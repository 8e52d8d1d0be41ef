"""Enforcement: protect, restore, rewrite English variants, verify, pick hypotheses."""

from __future__ import annotations

from translit.document import Entry, Glossary, Segment
from translit.glossary.enforce import (
    EnglishRewriter,
    capitalize_sentence_starts,
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
    glossary = Glossary(entries={"US": Entry("US", ("Mỹ",), en_variants=("U.S.",))})
    rewriter = EnglishRewriter(glossary)
    assert rewriter.rewrite("The U.S. Navy said") == "The US Navy said"
    assert rewriter.rewrite("Aid from the U.S.") == "Aid from the US."
    assert rewriter.rewrite("Aid from the “U.S.”") == "Aid from the “US.”"


def test_a_variant_that_another_entry_makes_canonical_is_left_alone():
    desk = Glossary(entries={**GLOSSARY.entries, "Kiev": Entry("Kiev", ("Kiev",))})
    assert EnglishRewriter(desk).rewrite("Kiev and Moskva") == "Kiev and Moscow"


def test_english_variants_at_a_sentence_start_are_capitalized():
    glossary = Glossary(
        entries={
            **GLOSSARY.entries,
            "Myanmar": Entry("Myanmar", ("Mi-an-ma",), en_variants=("the Union of Burma",)),
        }
    )
    rewriter = EnglishRewriter(glossary)
    assert (
        rewriter.rewrite("White House nói. Ông tới Kiev.") == "The White House nói. Ông tới Kyiv."
    )
    assert rewriter.rewrite("The Union of Burma said.") == "Myanmar said."


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
