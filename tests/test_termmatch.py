"""Finding glossary variants: folding, guards, whole words, longest match, scale."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translit.document import Entry, Glossary
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.fold import fold
from translit.glossary.match import compile_matcher


def entry(term: str, *vi: str, **options) -> Entry:
    return Entry(term=term, vi=vi, **options)


GLOSSARY = Glossary(
    entries={
        e.term: e
        for e in [
            entry("Moscow", "Mát-xcơ-va", "Moskva", "Mạc Tư Khoa"),
            entry(
                "Britain",
                "Anh",
                "Vương quốc Anh",
                case_sensitive=True,
                not_followed_by=("ấy", "hùng", "em", "chị", "trai"),
            ),
            entry("US", "Mỹ", "Hoa Kỳ", case_sensitive=True, not_preceded_by=("thẩm",)),
            entry("Joe Biden", "J.Biden", "Joe Biden", "Biden"),
            entry("Switzerland", "Thụy Sĩ"),
            entry("the White House", "Nhà Trắng"),
            entry("peace", "hòa bình"),
        ]
    }
)
MATCHER = compile_matcher(GLOSSARY)


def found(text: str) -> list[tuple[str, str]]:
    text = unicodedata.normalize("NFC", text)
    return [(m.text, m.entry.term) for m in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đoàn tới Thụy Sĩ.", [("Thụy Sĩ", "Switzerland")]),
        ("Đoàn tới Thuỵ Sĩ.", [("Thuỵ Sĩ", "Switzerland")]),  # new tone placement
        ("vì hoà bình", [("hoà bình", "peace")]),
        ("vì hòa bình", [("hòa bình", "peace")]),
    ],
)
def test_tone_placement_variants_match(text, expected):
    assert found(text) == expected


def test_nfd_input_matches_after_nfc():
    nfd = unicodedata.normalize("NFD", "Tin từ Thụy Sĩ và Mátxcơva")
    assert found(nfd) == [("Thụy Sĩ", "Switzerland"), ("Mátxcơva", "Moscow")]


def test_hyphen_space_and_joined_respellings():
    assert found("Mát-xcơ-va, Mát xcơ va, Mátxcơva, MOSKVA") == [
        ("Mát-xcơ-va", "Moscow"),
        ("Mát xcơ va", "Moscow"),
        ("Mátxcơva", "Moscow"),
        ("MOSKVA", "Moscow"),
    ]


def test_guards_and_case_keep_common_words_out():
    assert found("Anh ấy là một anh hùng.") == []
    assert found("Anh em nhà ông đều ở nhà.") == []
    assert found("Bảo tàng mỹ thuật mới mở cửa.") == []
    assert found("Đây là chuyện thẩm Mỹ.") == []
    assert found("Thủ tướng Anh và Tổng thống Mỹ gặp nhau.") == [("Anh", "Britain"), ("Mỹ", "US")]


def test_case_sensitive_entries_accept_all_caps_headlines():
    assert found("MỸ VÀ ANH KÝ THỎA THUẬN") == [("MỸ", "US"), ("ANH", "Britain")]
    assert found("mỹ và anh") == []


def test_longest_match_wins_and_guard_falls_back_to_shorter():
    assert found("Vương quốc Anh rời EU.") == [("Vương quốc Anh", "Britain")]


def test_never_inside_a_longer_word():
    assert found("Moskvaa và xMoskva và Bidenomics") == []


def test_initials_with_or_without_space_and_case_insensitive_default():
    assert found("Ông J.Biden, ông J. Biden và Biden") == [
        ("J.Biden", "Joe Biden"),
        ("J. Biden", "Joe Biden"),
        ("Biden", "Joe Biden"),
    ]
    assert found("phát ngôn viên nhà trắng") == [("nhà trắng", "the White House")]


def test_variants_joined_by_an_apostrophe_or_ampersand():
    matcher = compile_matcher(
        Glossary(
            entries={
                "Côte d'Ivoire": entry("Côte d'Ivoire", "Bờ Biển Ngà", "Côte d'Ivoire"),
                "AT&T": entry("AT&T", "AT&T", keep=True),
            }
        )
    )
    text = "Côte d’Ivoire và AT&T, không phải Côte d Ivoire"
    assert [m.text for m in matcher.find(text)] == ["Côte d’Ivoire", "AT&T"]


def test_multiword_variant_does_not_cross_punctuation():
    assert found("Nhà, Trắng") == []


def test_spans_point_into_the_original_text():
    text = "Sáng nay, Thụy Sĩ và Mát-xcơ-va ký thỏa thuận vì hòa bình."
    for m in MATCHER.find(text):
        assert text[m.start : m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Anh", "ấy", "Mỹ", "mỹ", "Mát-xcơ-va", "Thuỵ", "Sĩ", "J.", "Biden", ",", "hòa", "bình"]
            + ["Nhà", "Trắng", "x", "Moskva", "Hoa", "Kỳ", "Vương", "quốc", "(", ")", "."]
        ),
        max_size=30,
    )
)
def test_matches_are_ordered_disjoint_and_real(words):
    text = " ".join(words)
    previous_end = 0
    for m in MATCHER.find(text):
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert (m.start == 0 or not text[m.start - 1].isalnum()) and (
            m.end == len(text) or not text[m.end].isalnum()
        )
        previous_end = m.end


def test_a_large_glossary_finds_the_same_matches():
    filler = {f"Term {i}": entry(f"Term {i}", f"Tê-rờ {i} Mát", f"Xờ {i}") for i in range(20_000)}
    big = compile_matcher(Glossary(entries={**filler, **GLOSSARY.entries}))
    text = "Tổng thống Mỹ J.Biden tới Thụy Sĩ, còn Mátxcơva im lặng. Tê-rờ 17 Mát"
    assert [(m.text, m.entry.term) for m in big.find(text)][:4] == found(text)
    assert big.find(text)[-1].entry.term == "Term 17"


def test_fold_keeps_length():
    text = "HÒA BÌNH, Thủy, khỏe, Ủy ban, Mát-xcơ-va\u00a0x"
    assert len(fold(text)) == len(text)


# ── Invisible format characters (issue 12) ──────────────────────────────────────────


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_an_invisible_character_inside_a_name_neither_hides_nor_breaks_it(mark):
    text = f"Phía Mát{mark}xcơva và Nhà{mark} Trắng"
    matches = MATCHER.find(text)
    assert [(m.text, m.entry.term) for m in matches] == [
        (f"Mát{mark}xcơva", "Moscow"),
        (f"Nhà{mark} Trắng", "the White House"),
    ]
    for m in matches:  # offsets point into the text as written, marks included
        assert text[m.start : m.end] == m.text
    # and it never joins a word to a name: "x" + soft hyphen + Moskva is one word
    assert MATCHER.find(f"x{mark}Moskva") == []


def test_the_format_character_class_is_every_cf_character():
    import sys

    from translit.glossary.fold import FORMAT_CHARS

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Cf":
            assert FORMAT_CHARS.match(char), f"U+{code:04X}"
        elif FORMAT_CHARS.match(char):
            assert unicodedata.category(char) == "Cn", f"U+{code:04X}"  # newer Unicode's Cf


# ── Names are not places (issue 11) ─────────────────────────────────────────────────

SHIPPED = compile_matcher(load_glossaries(shipped_glossaries()))


def shipped(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry.term) for m in SHIPPED.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ông Nguyễn Minh Đức phát biểu.",  # after a middle name
        "Chị Trần Thị Mỹ Linh đoạt giải.",
        "Anh Nguyễn Đức Anh ghi bàn.",  # Đức is a middle name, Anh a given name
        "Bà Nga cho biết.",  # after a form of address
        "Ông Đức nói thêm.",
        "Theo GS.TS Nguyễn Đức, giá sẽ giảm.",
        "Ca sĩ Mỹ Tâm ra album mới.",  # after a title, with a given name after it
        "Hoa hậu Mỹ Linh dự sự kiện.",
        "Anh Minh Đức đến muộn.",
    ],
)
def test_a_country_syllable_inside_a_vietnamese_name_is_not_the_country(text):
    assert not [term for _, term in shipped(text) if term in ("US", "Germany", "Russia", "Britain")]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Ca sĩ Mỹ Taylor Swift tới Hà Nội.", "US"),  # not a Vietnamese given name
        ("Tổng thống Pháp Ma-crông phát biểu.", "France"),  # a respelling, hyphenated
        ("Ngoại trưởng Mỹ A.Blinken điện đàm.", "US"),  # an initial
        ("Tổng thống Nga V. Putin phát biểu.", "Russia"),
        ("Thủ tướng Nhật Kishida tới thăm.", "Japan"),
        ("Thủ tướng Anh Boris Johnson từ chức.", "Britain"),
        ("Hoa hậu Mỹ Olivia Culpo tới Việt Nam.", "US"),
        ("Trẻ em Mỹ đi học trở lại.", "US"),  # trẻ em is 'children', not a title
        ("Các dụng cụ Mỹ được bán.", "US"),  # dụng cụ is 'tools'
        ("Viện Hàn Lâm Mỹ công bố.", "US"),  # Lâm inside an institution's name
        ("Hiệp hội Bóng rổ Quốc Gia Mỹ hoãn mùa giải.", "US"),
        ("Quan hệ Đức - Anh được cải thiện.", "Britain"),
    ],
)
def test_a_country_after_a_title_or_in_an_institutions_name_is_still_the_country(text, country):
    assert country in [term for _, term in shipped(text)]


def test_long_names_win_and_compounds_are_not_countries():
    assert shipped("Khối Bắc Đại Tây Dương họp.") == [("Khối Bắc Đại Tây Dương", "NATO")]
    assert shipped("Ngày Chủ Nhật, Hiến Pháp, Đức Vua, Đức Chúa và Nhật báo.") == []
    assert shipped("Bắc Mỹ, Nam Mỹ và châu Mỹ") == [
        ("Bắc Mỹ", "North America"),
        ("Nam Mỹ", "South America"),
        ("châu Mỹ", "the Americas"),
    ]
    assert [m.english for m in SHIPPED.find("Ông Biden gặp J.Biden và Liên minh châu Âu (EU)")] == [
        "Biden",
        "Joe Biden",
        "European Union",
        "EU",
    ]
