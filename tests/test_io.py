"""Reading articles: encodings, line endings, normalization, paragraphs, atomic writes."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from translit import legacy
from translit.articles import find_articles
from translit.io import (
    InputError,
    decode_text,
    read_article,
    split_paragraphs,
    write_atomic,
)

SENTENCE = "Thủ tướng Đức đến Hà Nội hôm thứ Hai."


def test_utf8_bom_and_crlf_are_normalized():
    data = ("\ufeff" + SENTENCE + "\r\n\r\nĐoạn hai.\r\n").encode("utf-8")
    text = decode_text(data, "a.txt")
    assert text == SENTENCE + "\n\nĐoạn hai.\n"


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert nfd != SENTENCE
    assert decode_text(nfd.encode("utf-8"), "a.txt") == SENTENCE


def test_utf16_with_bom_is_read():
    assert decode_text(SENTENCE.encode("utf-16"), "a.txt") == SENTENCE


def test_binary_input_is_refused_naming_the_file():
    with pytest.raises(InputError, match=r"^photo\.txt: looks like a binary file"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt")


def test_mixed_line_endings_become_newlines():
    data = "Một.\r\nHai.\nBa.\rBốn.\r\n\r\nNăm.".encode()
    assert decode_text(data, "a.txt") == "Một.\nHai.\nBa.\nBốn.\n\nNăm."


LEGACY_TEXT = "Ông Lê Minh nói rằng người dân Hà Nội đã chờ đợi điều này từ lâu."


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("tcvn3", "TCVN3 (ABC)"), ("vni", "VNI"), ("viscii", "VISCII"), ("cp1258", "Windows-1258")],
)
def test_legacy_bytes_are_refused_naming_the_encoding_and_converted_on_request(encoding, name):
    data = legacy.encode(LEGACY_TEXT, encoding)
    with pytest.raises(InputError) as err:
        decode_text(data, "old.txt")
    assert str(err.value) == (
        f"old.txt: not UTF-8 but {name}, a legacy Vietnamese encoding; "
        f"run again with --from-encoding {encoding}, or save the file as UTF-8"
    )
    assert decode_text(data, "old.txt", from_encoding=encoding) == LEGACY_TEXT


@pytest.mark.parametrize(("encoding", "example"), [("vni", "Leâ"), ("tcvn3", "Néi")])
def test_mojibake_is_refused_with_an_example_and_repaired_on_request(encoding, example):
    # legacy font text read as Windows-1252 and saved again as UTF-8
    mojibake = legacy.encode(LEGACY_TEXT, encoding).decode("cp1252")
    assert example in mojibake
    data = mojibake.encode("utf-8")
    with pytest.raises(InputError) as err:
        decode_text(data, "web.txt")
    message = str(err.value)
    assert message.startswith(
        f"web.txt: {legacy.ENCODINGS[encoding]} text that was mis-decoded and saved as UTF-8 ("
    )
    assert message.endswith(f"); run again with --from-encoding {encoding} to repair it")
    assert decode_text(data, "web.txt", from_encoding=encoding) == LEGACY_TEXT


def test_viscii_mojibake_with_c1_controls_is_repaired():
    text = "Ủy ban Ấn Độ họp ở Hà Nội và gặp ông Lê Minh hôm thứ Hai."
    raw = legacy.encode(text, "viscii")
    mojibake = raw.decode("latin-1")  # a Latin-1 reading keeps bytes 0x80-0x9F as C1
    assert any("\x80" <= c <= "\x9f" for c in mojibake)
    assert decode_text(mojibake.encode("utf-8"), "a.txt", from_encoding="viscii") == text


def test_the_wrong_encoding_option_is_refused_with_the_right_one():
    data = legacy.encode(LEGACY_TEXT, "vni")
    with pytest.raises(InputError) as err:
        decode_text(data, "old.txt", from_encoding="tcvn3")
    assert str(err.value) == (
        "old.txt: does not read as TCVN3 (ABC) text; it looks like VNI: use --from-encoding vni"
    )
    mojibake = legacy.encode(LEGACY_TEXT, "tcvn3").decode("cp1252").encode("utf-8")
    with pytest.raises(InputError, match=r"not VNI: use --from-encoding tcvn3$"):
        decode_text(mojibake, "web.txt", from_encoding="vni")


def test_utf8_articles_are_read_as_utf8_whatever_the_option():
    for text in (LEGACY_TEXT, "Hà Nam và Nga", "Café São Paulo à Zürich"):
        assert decode_text(text.encode("utf-8"), "a.txt", from_encoding="vni") == text
        assert decode_text(text.encode("utf-8"), "a.txt") == text


def test_a_short_legacy_text_names_every_reading():
    with pytest.raises(InputError) as err:
        decode_text(legacy.encode("Hà Nội", "viscii"), "t.txt")
    assert str(err.value) == (
        "t.txt: not UTF-8; it reads as Vietnamese in VISCII or TCVN3 (ABC); run again with "
        "--from-encoding viscii or --from-encoding tcvn3 (whichever shows the text right)"
    )


def test_text_in_no_known_encoding_names_the_bad_byte_and_line():
    data = "Zeile eins\nGröße und Maß\n".encode("cp1252")
    with pytest.raises(InputError) as err:
        decode_text(data, "de.txt")
    assert str(err.value) == (
        "de.txt: not UTF-8 (invalid byte 0xf6 on line 2); save it as UTF-8 and run again"
    )


def test_blank_line_paragraphs():
    paragraphs, layout = split_paragraphs("Tiêu đề\n\nCâu một. Câu hai.\n\n\n  \nĐoạn ba.\n")
    assert layout == "blank"
    assert paragraphs == ["Tiêu đề", "Câu một. Câu hai.", "Đoạn ba."]


def test_one_paragraph_per_line():
    paragraphs, layout = split_paragraphs("Tiêu đề\nCâu một. Câu hai.\nĐoạn ba.")
    assert layout == "line"
    assert paragraphs == ["Tiêu đề", "Câu một. Câu hai.", "Đoạn ba."]


def test_soft_wrapped_lines_are_joined_and_captions_are_kept_apart():
    text = (
        "Ông cho biết các bên\nđã đồng ý gặp lại.\n\n"
        "Hai nhà lãnh đạo tại Hà Nội. Ảnh: AFP\nHai nhà lãnh đạo tại Hà Nội. Ảnh: AFP"
    )
    paragraphs, _ = split_paragraphs(text)
    assert paragraphs[0] == "Ông cho biết các bên đã đồng ý gặp lại."
    assert paragraphs[1].count("\n") == 1  # two caption lines stay two lines


def test_markdown_headings_and_wrapped_lines():
    text = "# Tiêu đề bài\n\nCâu dài được\nngắt dòng (G20)\nđây.\n"
    paragraphs, layout = split_paragraphs(text, markdown=True)
    assert (paragraphs, layout) == (["Tiêu đề bài", "Câu dài được ngắt dòng (G20) đây."], "blank")


def test_empty_text_has_no_paragraphs():
    assert split_paragraphs(" \n\t\n")[0] == []


def test_read_article_uses_file_stem_as_id(tmp_path: Path):
    path = tmp_path / "bai-mot.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    doc = read_article(path)
    assert (doc.id, doc.paragraphs) == ("bai-mot", [SENTENCE])


def test_find_articles_skips_our_outputs_other_files_and_repeats(tmp_path: Path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "a.en.txt").write_text("x")
    (tmp_path / "notes.pdf").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    found = find_articles([tmp_path, tmp_path / "b.txt"])
    assert [(a.path.name, a.id) for a in found] == [("a.md", "a"), ("b.txt", "b")]


def test_write_atomic_keeps_the_files_permissions(tmp_path: Path):
    target = tmp_path / "glossary.yaml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert (target.stat().st_mode & 0o777, target.read_text()) == (0o640, "new")
    fresh = tmp_path / "fresh.txt"
    write_atomic(fresh, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # not a temp file's 0600


def test_find_articles_missing_path(tmp_path: Path):
    with pytest.raises(InputError, match="no such file or directory"):
        find_articles([tmp_path / "missing"])


def test_write_atomic_replaces_and_leaves_no_temp_files(tmp_path: Path):
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "một\n")
    write_atomic(target, "hai\n")
    assert target.read_text(encoding="utf-8") == "hai\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_write_atomic_keeps_old_file_when_writing_fails(tmp_path: Path):
    target = tmp_path / "out.txt"
    write_atomic(target, "cũ\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \udc80 surrogate")
    assert target.read_text(encoding="utf-8") == "cũ\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_write_atomic_with_expect_refuses_a_file_changed_since_it_was_read(tmp_path):
    from translit.io import ChangedOnDisk, file_version, write_atomic

    path = tmp_path / "a.po"
    assert file_version(path) == ""
    write_atomic(path, "one\n", expect="")
    seen = file_version(path)
    path.write_text("a reviewer's save\n", encoding="utf-8")
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        write_atomic(path, "two\n", expect=seen)
    assert path.read_text(encoding="utf-8") == "a reviewer's save\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]  # no temp file left
    write_atomic(path, "three\n", expect=file_version(path))
    assert path.read_text(encoding="utf-8") == "three\n"
