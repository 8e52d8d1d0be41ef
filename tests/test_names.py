"""Vietnamese people and places: found in the source, written in the house form, checked.

The sentences are the project's own, written in the forms Vietnamese news uses (titles,
short mentions, places after place words, streets named after people). What the
English must hold is checked on English written here the way professionals and MT
systems write it (Pham Minh Chinh, Nguyen Thi Pink), not on the copy model.
"""

from __future__ import annotations

import time

import pytest

from translit.document import Glossary, Segment
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.enforce import term_policy
from translit.names import find_names, house_form, is_syllable, name_context, romanize
from translit.qa import check_segment

SHIPPED = term_policy(load_glossaries(shipped_glossaries()))
DIACRITICS = term_policy(load_glossaries(shipped_glossaries()), names="diacritics")


def names(text: str, policy=SHIPPED, context=None) -> list[str]:
    """The names the pipeline finds in a sentence (glossary hits taken first)."""
    return [h.variant for h in policy.hits(text, context) if h.kind == "name"]


def article_names(sentences: list[str], policy=SHIPPED) -> list[list[str]]:
    context = policy.name_context(sentences)
    return [names(s, policy, context) for s in sentences]


def checked(source: str, english: str, policy=SHIPPED) -> list[tuple[str, str]]:
    seg = Segment("p1.s1", source, 1, 0, len(source), target=english, origin="machine")
    check_segment(seg, policy)
    return [(f.code, f.message) for f in seg.findings]


# ── romanized, one way ─────────────────────────────────────────────────────────────


def test_romanize_removes_every_diacritic_and_keeps_the_syllables_and_capitals():
    assert romanize("Phạm Minh Chính") == "Pham Minh Chinh"
    assert romanize("Đặng Thị Ngọc Thịnh") == "Dang Thi Ngoc Thinh"
    assert romanize("Đà Nẵng") == "Da Nang"
    assert romanize("Bà Rịa - Vũng Tàu") == "Ba Ria - Vung Tau"
    assert romanize("đường Lê Lợi") == "duong Le Loi"
    assert house_form("Phạm Minh Chính", "diacritics") == "Phạm Minh Chính"
    # decomposed input comes out the same
    assert romanize("Pha\u0323m Minh Chi\u0301nh") == "Pham Minh Chinh"


def test_a_vietnamese_syllable_is_told_from_a_foreign_word():
    for word in ("Nguyễn", "Chính", "Huỳnh", "Quốc", "Giang", "Khuê", "Nghĩa", "A"):
        assert is_syllable(word), word
    for word in ("Biden", "Putin", "Lavrov", "Lee", "Yoon", "Seoul", "Jong", "Merkel"):
        assert not is_syllable(word), word


# ── people ─────────────────────────────────────────────────────────────────────────


def test_full_names_of_two_three_and_four_syllables_are_found():
    text = (
        "Ông Phạm Văn Đồng, bà Nguyễn Thị Minh Khai, anh Lê Hùng và cô Trần Thị Mỹ Linh đã đến dự."
    )
    assert names(text) == ["Phạm Văn Đồng", "Nguyễn Thị Minh Khai", "Lê Hùng", "Trần Thị Mỹ Linh"]


def test_a_name_after_a_title_and_its_short_form_later():
    sentences = [
        "Thủ tướng Phạm Minh Chính chủ trì cuộc họp với Bộ trưởng Bộ Y tế Lê Thị Ngân.",
        "Ông Chính yêu cầu các địa phương báo cáo; bà Ngân cho biết sẽ làm ngay.",
        "Theo GS.TS Hoàng Văn Tú, PGS. TS Đỗ Lan Hương và Đại tướng Phan Quang Hải, "
        "kế hoạch khả thi.",
    ]
    assert article_names(sentences) == [
        ["Phạm Minh Chính", "Lê Thị Ngân"],
        ["Chính", "Ngân"],
        ["Hoàng Văn Tú", "Đỗ Lan Hương", "Phan Quang Hải"],
    ]


def test_given_names_the_article_used_in_full_are_found_alone():
    sentences = [
        "Tiền đạo Nguyễn Văn Toàn ghi hai bàn cho đội tuyển.",
        "Sau trận, Văn Toàn nói rằng cả đội đã chơi tốt.",
        "Huấn luyện viên khen Văn Toàn và cho biết Toàn sẽ đá chính trận tới.",
    ]
    assert article_names(sentences) == [
        ["Nguyễn Văn Toàn"],
        ["Văn Toàn"],
        ["Văn Toàn", "Toàn"],
    ]
    # a given name before a capitalized title is an honorific: Đức Vua is His Majesty
    assert article_names(["Ông Nguyễn Minh Đức phát biểu.", "Đức Vua tới.", "Rồi Đức Vua về."]) == [
        ["Nguyễn Minh Đức"],
        [],
        [],
    ]


def test_a_company_before_a_name_and_a_country_syllable_inside_one_leave_the_name_whole():
    text = "Chủ tịch Vingroup Phạm Văn Long và Chủ tịch Techcombank Hồ Hùng Anh dự họp."
    assert names(text) == ["Phạm Văn Long", "Hồ Hùng Anh"]
    assert names("Vua Đinh lên ngôi Hoàng đế ở Hoa Lư.", context=SHIPPED.name_context(
        ["Vua Đinh Tiên Hoàng chọn cố đô Hoa Lư."]
    )) == ["Đinh", "Hoa Lư"]  # fmt: skip


def test_organisations_sentence_starts_and_bodies_after_titles_are_not_names():
    text = (
        "Chiều nay, Thủ tướng Chính phủ và Chủ tịch Quốc hội làm việc với Bộ Y tế, "
        "Ủy ban nhân dân tỉnh và Bộ trưởng Kinh tế."
    )
    assert names(text) == []
    assert names("Trong khi đó, Giám đốc Sở Y tế cho biết Trường Đại học Y mở cửa.") == []
    assert names("Hồ sơ đã được gửi. Cao điểm là tháng 6. Mai sẽ có kết quả.") == []


def test_foreign_people_are_the_glossarys_not_romanized_vietnamese():
    assert names("Ông Biden gặp bà Merkel và ông Kim Jong-un tại Seoul.") == []
    # a name right after a title and a foreign country is that country's
    assert names("Đại sứ Trung Quốc Hùng Quý gặp Thủ tướng Singapore Lý Văn Long.") == []
    # but after "in France" a Vietnamese ambassador is Vietnamese
    text = "Đại sứ Việt Nam tại Pháp Đinh Văn Thắng dự lễ."
    assert names(text) == ["Đinh Văn Thắng"]
    # short forms without diacritics are taken only if the article named the person
    assert names("Ông Ma nói rằng ông Kim sẽ sang thăm.") == []
    assert article_names(["Bà Trương Thị Lan đến.", "Sau đó bà Lan phát biểu."]) == [
        ["Trương Thị Lan"],
        ["Lan"],
    ]


def test_a_country_syllable_inside_a_name_is_the_name_not_the_country():
    text = "Bà Trương Mỹ Lan, Á hậu Phương Nga và ông Nguyễn Minh Đức gặp Tổng thống Mỹ Joe Biden."
    hits = SHIPPED.hits(text)
    assert [h.variant for h in hits if h.kind == "name"] == [
        "Trương Mỹ Lan",
        "Phương Nga",
        "Nguyễn Minh Đức",
    ]
    assert [(h.variant, h.target) for h in hits if h.kind == "term"] == [
        ("Mỹ", "US"),
        ("Joe Biden", "Joe Biden"),
    ]


# ── places ─────────────────────────────────────────────────────────────────────────


def test_provinces_districts_and_streets_are_found():
    text = (
        "Vụ việc xảy ra trên đường Lê Lợi, phường Bến Thành, quận 1, TP.HCM; người dân "
        "ở Quảng Ninh, Thừa Thiên Huế và Bà Rịa - Vũng Tàu cũng theo dõi."
    )
    assert names(text) == [
        "Lê Lợi",
        "Bến Thành",
        "Quảng Ninh",
        "Thừa Thiên Huế",
        "Bà Rịa - Vũng Tàu",
    ]


def test_lists_after_a_place_word_and_a_district_before_its_province():
    text = "Mưa lớn gây ngập các xã Trà Linh, Trà Sơn và Trà Kót (Tây Giang, Quảng Nam)."
    assert names(text) == ["Trà Linh", "Trà Sơn", "Trà Kót", "Tây Giang", "Quảng Nam"]


def test_a_place_word_that_starts_the_sentence_still_introduces_the_place():
    # capitalized only because it starts the sentence, the place word is not the name's
    assert names("Huyện Phong Điền mưa lớn.") == ["Phong Điền"]
    assert names("Đường Lê Lợi bị ngập, xe cộ đi vòng.") == ["Lê Lợi"]
    # the whole province, not the glossary's Hue inside it
    assert [(h.variant, h.target) for h in SHIPPED.hits("Tỉnh Thừa Thiên Huế mưa lớn.")] == [
        ("Thừa Thiên Huế", "Thua Thien Hue")
    ]
    # Đường is also a family name: before Văn it is a person; Bản before a common noun
    # (Bản Báo cáo: the report) starts no place
    assert names("Đường Văn Thái nói rằng anh sẽ về.") == ["Đường Văn Thái"]
    assert names("Bản Báo cáo chỉ trích chính sách.") == []


def test_a_pass_a_province_spelled_the_highland_way_and_an_abbreviation_period():
    assert names("Xe tải xuống đèo Quán Cau thì gặp nạn.") == ["Quán Cau"]
    assert names("Xe khách đi Dăk Lăk và Đăk Nông.") == ["Dăk Lăk", "Đăk Nông"]
    # the period of T.Ư (Trung ương) ends no sentence: the name after the body is found
    text = "Dự có Chánh văn phòng T.Ư Đảng Phạm Gia Túc."
    assert names(text) == ["Phạm Gia Túc"]
    # a graphic's credit, like a photo's, introduces its author; not without the colon
    assert names("Theo báo cáo, Đồ hoạ: Đồng Toàn.") == ["Đồng Toàn"]
    assert names("Thiết kế đồ hoạ Đồng Toàn đẹp.") == []


def test_exonyms_are_the_glossarys_and_foreign_places_are_not_names():
    hits = SHIPPED.hits("Từ Hà Nội, đoàn đi Huế rồi về Đồng bằng sông Cửu Long và Quảng Châu.")
    assert [(h.variant, h.target, h.kind) for h in hits] == [
        ("Hà Nội", "Hanoi", "term"),
        ("Huế", "Hue", "term"),
        ("Đồng bằng sông Cửu Long", "Mekong Delta", "term"),
        ("Quảng Châu", "Guangzhou", "term"),
    ]
    assert names("Châu Âu, Hà Lan, Thái Lan và Thái Bình Dương", SHIPPED) == []


def test_names_without_a_glossary_still_come_out_romanized():
    bare = term_policy(Glossary())
    hits = bare.hits("Ông Lê Minh Tâm đến Hà Nội.")
    assert [(h.variant, h.target) for h in hits] == [
        ("Lê Minh Tâm", "Le Minh Tam"),
        ("Hà Nội", "Ha Noi"),
    ]


def test_invisible_characters_and_no_break_spaces_inside_a_name():
    hits = SHIPPED.hits("Thủ tướng Phạm\u200bMinh\u00a0Chính đến Đà\u2060 Nẵng.")
    assert [(h.variant, h.target) for h in hits] == [
        ("Phạm\u200bMinh\u00a0Chính", "Pham Minh Chinh"),
        ("Đà\u2060 Nẵng", "Da Nang"),
    ]


def test_find_names_works_on_text_alone():
    found = find_names("Chị Nguyễn Thị Hồng sống ở huyện Củ Chi.")
    assert [(n.text, n.kind) for n in found] == [("Nguyễn Thị Hồng", "person"), ("Củ Chi", "place")]
    context = name_context([("Ông Phan Văn Khải đến.", [], [])])
    assert [n.text for n in find_names("Văn Khải phát biểu.", context=context)] == ["Văn Khải"]


def test_a_sentence_with_thousands_of_glossary_hits_is_read_in_linear_time():
    # one run-on paragraph (a table pasted as text): each word was compared with every
    # glossary hit: 3,000 hits took three minutes; now a few seconds on a loaded machine
    text = "Hà Nội, ông Lê Minh Tâm; " * 3000
    started = time.monotonic()
    hits = SHIPPED.hits(text, SHIPPED.name_context([text]))
    assert time.monotonic() - started < 30
    assert [h.variant for h in hits].count("Lê Minh Tâm") == 3000
    assert [h.target for h in hits].count("Hanoi") == 3000


# ── checks on the English ──────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("source", "english", "expected"),
    [
        ("Bà Nguyễn Thị Hồng phát biểu.", "Nguyen Thi Pink spoke.", "Nguyen Thi Hong"),
        ("Thủ tướng Phạm Minh Chính phát biểu.", "Prime Minister Pham Minh Main spoke.",
         "Pham Minh Chinh"),
        ("Thủ tướng Phạm Minh Chính phát biểu.", "The Prime Minister spoke.", "Pham Minh Chinh"),
    ],
)  # fmt: skip
def test_a_name_the_english_lost_or_translated_is_name_missing(source, english, expected):
    findings = checked(source, english)
    assert [code for code, _ in findings] == ["name-missing"]
    assert f"“{expected}”" in findings[0][1]


def test_the_house_form_satisfies_the_check_in_either_style():
    source = "Thủ tướng Phạm Minh Chính đến Đà Nẵng và Bà Rịa - Vũng Tàu."
    house = "Prime Minister Pham Minh Chinh arrived in Da Nang and Ba Ria-Vung Tau."
    assert checked(source, house) == []
    headline = "PRIME MINISTER PHAM MINH CHINH VISITS DANANG AND BA RIA - VUNG TAU."
    assert checked(source, headline) == []
    diacritics = "Prime Minister Phạm Minh Chính arrived in Đà Nẵng and Bà Rịa - Vũng Tàu."
    assert checked(source, diacritics, DIACRITICS) == []


def test_a_name_kept_with_diacritics_is_one_name_style_warning_never_untranslated():
    source = "Thủ tướng Phạm Minh Chính đến Đà Nẵng."
    findings = checked(source, "Prime Minister Phạm Minh Chính arrived in Da Nang.")
    assert findings == [
        ("name-style", "“Phạm Minh Chính” should read “Pham Minh Chinh” (house style for names)")
    ]
    partly = checked("Thủ tướng Phạm Minh Chính phát biểu.", "Pham Minh Chính spoke.")
    assert [code for code, _ in partly] == ["name-style"]
    # under the diacritics style, the romanized form is the one to fix
    styled = checked("Thủ tướng Phạm Minh Chính phát biểu.", "Pham Minh Chinh spoke.", DIACRITICS)
    assert [code for code, _ in styled] == ["name-style"]
    # a short mention in the English of a name given in full is the name, not text
    short = checked("Thủ tướng Phạm Minh Chính phát biểu.", "Mr. Chính spoke.")
    assert [code for code, _ in short] == ["name-missing"]
