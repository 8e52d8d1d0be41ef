"""Legacy Vietnamese encodings: tables round-trip, agree with published ones, and detect."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from translit import legacy

# Written for these tests. Straight quotes: VISCII has no curly ones.
ARTICLE = (
    "Tối 7.12, ông Lê Minh và bà Trần Thị Hương đã gặp nhau ở Hà Nội trong 2 giờ. "
    'Người phát ngôn nói: "Chúng tôi sẽ bảo vệ lợi ích của mình." '
    "Quyết định được đưa ra lúc khuya; thuở ấy, giữa trưa, khuỷu tay, ngoẹo đầu, xoong nồi. "
    "Giá dầu tăng 2,5% lên 1.500.000 đồng/thùng, theo Bộ Công Thương."
)

TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
BASES = "aăâeêioôơuưy"
LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES] + ["đ"]
ALPHABET = LOWER + [c.upper() for c in LOWER]  # 134 letters, as VISCII counts them


@pytest.mark.parametrize("encoding", list(legacy.ENCODINGS))
def test_an_article_round_trips_and_is_detected(encoding):
    data = legacy.encode(ARTICLE, encoding)
    assert data != ARTICLE.encode("utf-8")
    assert legacy.decode(data, encoding) == ARTICLE
    assert [r.encoding for r in legacy.likely_encodings(data)] == [encoding]


@pytest.mark.parametrize("encoding", ["vni", "viscii", "cp1258"])
def test_every_letter_round_trips(encoding):
    text = " ".join(ALPHABET)
    data = legacy.encode(text, encoding)
    assert legacy.decode(data, encoding) == text
    # and each letter has its own spelling
    assert len({legacy.encode(c, encoding) for c in ALPHABET}) == len(ALPHABET)


def test_tcvn3_has_small_letters_and_seven_capitals():
    capitals = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
    text = " ".join(LOWER + capitals)
    data = legacy.encode(text, "tcvn3")
    assert legacy.decode(data, "tcvn3") == text
    assert len({legacy.encode(c, "tcvn3") for c in LOWER + capitals}) == len(LOWER) + 7
    with pytest.raises(ValueError, match=r"TCVN3 \(ABC\) cannot write 'Ấ'"):
        legacy.encode("Ấn Độ", "tcvn3")


def test_tcvn3_all_capital_words_come_back_in_capitals():
    # a heading typed in the capitals font: same bytes as the small letters
    data = legacy.encode("HÀ NỘI ĐÓN KHÁCH", "tcvn3")
    assert data == legacy.encode("Hà NộI ĐóN KHáCH", "tcvn3")
    assert legacy.decode(data, "tcvn3") == "HÀ NỘI ĐÓN KHÁCH"
    assert legacy.decode(legacy.encode("Hà Nội", "tcvn3"), "tcvn3") == "Hà Nội"


@pytest.mark.parametrize(
    ("mojibake", "encoding", "text"),
    [
        # how these encodings look when read as Windows-1252: the well-known forms
        ("Vieät Nam", "vni", "Việt Nam"),
        ("Haø Noäi", "vni", "Hà Nội"),
        ("ngöôøi", "vni", "người"),
        ("ViÖt Nam", "tcvn3", "Việt Nam"),
        ("Ninh B×nh", "tcvn3", "Ninh Bình"),
        ("B¶o Th¾ng", "tcvn3", "Bảo Thắng"),
    ],
)
def test_tables_give_the_well_known_forms(mojibake, encoding, text):
    assert legacy.encode(text, encoding) == mojibake.encode("cp1252")
    assert legacy.decode(mojibake.encode("cp1252"), encoding) == text


def _iconv(data: bytes, charset: str) -> str:
    done = subprocess.run(["iconv", "-f", charset, "-t", "UTF-8"], input=data, capture_output=True)
    return done.stdout.decode("utf-8")


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs iconv (glibc)")
def test_viscii_and_tcvn3_agree_with_iconv():
    for byte in range(256):
        data = bytes([byte])
        assert legacy.decode(data, "viscii") == _iconv(data, "VISCII"), hex(byte)
    # TCVN3 (VN3) is the small-letter part of TCVN 5712 (VN1): each of its letters
    # has the same byte there
    for letter in LOWER + ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]:
        data = legacy.encode(letter, "tcvn3")
        if not letter.isascii():
            assert _iconv(data, "TCVN5712-1") == letter


def test_cp1258_agrees_with_pythons_codec():
    data = legacy.encode(ARTICLE, "cp1258")
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == ARTICLE


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("người", True),
        ("Nghiêng", True),
        ("khuỷu", True),
        ("quyết", True),
        ("giữa", True),
        ("xoong", True),
        ("Đặng", True),
        ("Haø", False),  # VNI read as Windows-1252
        ("Néi", False),  # TCVN3 read as Windows-1252
        ("Noọi", False),  # VNI bytes read as TCVN3
        ("aứ", False),
        ("hàá", False),  # two tone marks
        ("Zürich", False),
    ],
)
def test_syllable_check(word, valid):
    assert legacy.is_syllable(word) is valid


def test_score_counts_only_words_with_non_ascii_letters():
    found = legacy.score("Ông J.Biden gặp ông V.Putin ở Zürich (Thụy Sĩ), 30/1/2022.")
    assert (found.valid, found.invalid, found.example) == (6, 1, "Zürich")
    assert not legacy.score("Vieät Nam vaø Haø Noäi").plausible


def test_a_short_text_may_read_as_vietnamese_in_two_tables():
    data = legacy.encode("Hà Nội", "viscii")
    assert {r.encoding for r in legacy.likely_encodings(data)} == {"viscii", "tcvn3"}


def test_bytes_that_are_no_vietnamese_have_no_likely_encoding():
    assert legacy.likely_encodings("Größe und Maß".encode("cp1252")) == []


def test_as_cp1252_bytes_undoes_a_windows_1252_or_latin1_reading():
    data = legacy.encode(ARTICLE, "viscii")  # uses bytes Windows-1252 leaves undefined
    read = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)
    assert legacy.as_cp1252_bytes(read) == data
    assert legacy.as_cp1252_bytes(data.decode("latin-1")) == data
    assert legacy.as_cp1252_bytes("Việt Nam") is None
