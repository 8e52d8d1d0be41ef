"""`translit translate` end to end: real CLI, real CTranslate2 on the copy model."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, run_subprocess
from translit import __version__
from translit.io import read_article
from translit.segment import segment_paragraphs

# Two articles the tests wrote: one blank-line separated with a heading and a caption
# line pair, one with a paragraph per line.
ARTICLE_BLANK = """Hai ngoại trưởng gặp nhau tại Geneva

Tối 7.12, ông J.Biden và ông V.Putin đã điện đàm trong 2 giờ. \
Nhà Trắng cho biết hai bên bàn về Ukraina.

Theo TS. Lê Minh, cuộc gặp “rất quan trọng.” Giá dầu tăng 2,5% lên 1.500.000 đồng/thùng...

Hai nhà lãnh đạo tại hội nghị ngày 30/1/2022. Ảnh: AFP
Hai nhà lãnh đạo tại hội nghị ngày 30/1/2022. Ảnh: AFP
"""

ARTICLE_LINES = """Mátxcơva phản ứng về lệnh trừng phạt
Điện Kremlin cho rằng các biện pháp này là bất hợp pháp. Moskva sẽ đáp trả (nếu cần)!
Người phát ngôn nói: "Chúng tôi sẽ bảo vệ lợi ích của mình."
"""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "gap-mat.txt").write_text(ARTICLE_BLANK, encoding="utf-8")
    (folder / "phan-ung.txt").write_text(ARTICLE_LINES, encoding="utf-8")
    return folder


def po_entries(path: Path) -> list[polib.POEntry]:
    return list(polib.pofile(str(path)))


# What the copy model gives back differs from the source only where the numbers and
# dates of ARTICLE_BLANK are written in English conventions (translit.conventions) and
# its Vietnamese name is romanized (translit.names).
CONVERTED = {
    "7.12": "December 7",
    "2,5%": "2.5%",
    "1.500.000": "1,500,000",
    "30/1/2022": "January 30, 2022",
    "Lê Minh": "Le Minh",
}


def converted(text: str) -> str:
    for vietnamese, english in CONVERTED.items():
        text = text.replace(vietnamese, english)
    return text


def test_translate_writes_po_and_text_for_every_article(with_model, run_cli, articles, tmp_path):
    # without a glossary the copy model must give every source sentence back unchanged,
    # but for its numbers and dates
    result = run_cli("translate", str(articles), "-o", "out", "--no-glossary")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "gap-mat.en.txt",
        "gap-mat.html",
        "gap-mat.po",
        "phan-ung.en.txt",
        "phan-ung.html",
        "phan-ung.po",
    ]
    assert "2 articles" in result.stderr and "segments" in result.stderr

    for article in sorted(articles.iterdir()):
        doc = read_article(article)
        segments = segment_paragraphs(doc.paragraphs)
        entries = po_entries(out / f"{doc.id}.po")
        # every segment, in order, keyed, and the copy model gives the source back
        assert [e.msgctxt for e in entries] == [s.key for s in segments]
        assert [e.msgid for e in entries] == [s.source for s in segments]
        assert [e.msgstr for e in entries] == [converted(s.source) for s in segments]
        assert all(e.fuzzy for e in entries)  # machine output awaits review
        assert all(
            e.occurrences == [(article.name, str(s.paragraph))]
            for e, s in zip(entries, segments, strict=True)
        )
        # the English text keeps paragraphs (and the caption's line break)
        english = (out / f"{doc.id}.en.txt").read_text(encoding="utf-8")
        separator = "\n\n" if doc.layout == "blank" else "\n"
        assert english == converted(separator.join(doc.paragraphs)) + "\n"


def test_po_header_names_model_and_tool(with_model, run_cli, articles, tmp_path):
    assert run_cli("translate", str(articles / "phan-ung.txt"), "-o", "out").exit_code == 0
    po = polib.pofile(str(tmp_path / "out" / "phan-ung.po"))
    assert po.metadata["X-Generator"] == f"translit {__version__}"
    assert po.metadata["X-Translit-Model"] == "translate-vi_en-1_9 1.9"
    assert po.metadata["Language"] == "en"
    assert po.metadata["X-Source-Language"] == "vi"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_heading_caption_and_credit_are_separate_segments(with_model, run_cli, articles, tmp_path):
    assert run_cli("translate", str(articles / "gap-mat.txt"), "-o", "out").exit_code == 0
    entries = po_entries(tmp_path / "out" / "gap-mat.po")
    assert entries[0].msgid == "Hai ngoại trưởng gặp nhau tại Geneva"
    assert entries[0].msgctxt == "p1.s1"
    assert "Ảnh: AFP" in [e.msgid for e in entries]
    assert entries[1].msgid.startswith("Tối 7.12, ông J.Biden và ông V.Putin")


def test_no_model_tells_the_user_what_to_run(no_model, run_cli, articles, tmp_path):
    result = run_cli("translate", str(articles), "-o", "out")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert "translit models install vi en" in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_file_is_reported_and_the_others_are_still_translated(
    with_model, run_cli, articles, tmp_path
):
    (articles / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (articles / "cu.txt").write_bytes("Hà Nam và Nga".encode("cp1258"))
    result = run_cli("translate", str(articles), "-o", "out")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "anh.txt: looks like a binary file" in errors[0]
    assert "cu.txt: not UTF-8" in errors[1]
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        f"{a}{s}" for a in ("gap-mat", "phan-ung") for s in (".en.txt", ".html", ".po")
    ]
    assert "Traceback" not in result.output


def test_missing_input_path(with_model, run_cli):
    result = run_cli("translate", "khong-co.txt", "-o", "out")
    assert result.exit_code == 2
    assert result.stderr == "error: khong-co.txt: no such file or directory\n"


def test_output_directory_may_be_the_input_directory(with_model, run_cli, articles):
    result = run_cli("translate", str(articles), "-o", str(articles))
    assert result.exit_code == 0, result.output
    assert (articles / "gap-mat.po").is_file() and (articles / "phan-ung.en.txt").is_file()
    again = run_cli("translate", str(articles), "-o", str(articles))  # outputs are not inputs
    assert again.exit_code == 0 and "2 articles" in again.stderr


def test_a_folder_without_articles_is_an_error(with_model, run_cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("translate", str(tmp_path / "empty"), "-o", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: no articles (.txt, .md, .html, .htm, .docx) in {tmp_path / 'empty'}\n"
    )
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_file_is_reported_and_the_others_are_written(
    with_model, run_cli, articles, tmp_path
):
    (tmp_path / "out" / "gap-mat.en.txt").mkdir(parents=True)  # something in the way
    result = run_cli("translate", str(articles), "-o", "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.startswith(
        "error: out/gap-mat.en.txt: is a directory where translit writes a file; move it away\n"
    )
    assert not (tmp_path / "out" / "gap-mat.po").exists()  # nothing of that article, not half
    assert (tmp_path / "out" / "phan-ung.po").is_file()
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_same_article_id_twice_is_an_error_for_one_file_only(
    with_model, run_cli, articles, tmp_path
):
    (articles / "gap-mat.md").write_text("Một bài khác.\n", encoding="utf-8")
    result = run_cli("translate", str(articles), str(articles / "phan-ung.txt"), "-o", "out")
    assert result.exit_code == 2
    assert "gap-mat.txt: same article id 'gap-mat' as" in result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        f"{a}{s}" for a in ("gap-mat", "phan-ung") for s in (".en.txt", ".html", ".po")
    ]


def test_a_named_model_of_the_wrong_pair_or_broken_is_refused(with_model, run_cli, articles):
    wrong = Path("en-fr")
    wrong.mkdir()
    (wrong / "metadata.json").write_text('{"from_code": "en", "to_code": "fr"}')
    result = run_cli("translate", str(articles), "--model", "en-fr")
    assert result.exit_code == 3
    assert result.stderr == "error: model 'en-fr' translates en→fr, not vi→en\n"
    broken = Path("broken")
    broken.mkdir()
    (broken / "metadata.json").write_text("{")
    result = run_cli("translate", str(articles), "--model", "broken")
    assert result.exit_code == 3 and "metadata.json is not valid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_models_list_marks_the_model_translit_toml_chooses(with_model, run_cli, tmp_path):
    Path("translit.toml").write_text('model = "nowhere"\n')
    listed = run_cli("models", "list")
    assert listed.exit_code == 0 and not listed.stdout.startswith("*")


def test_output_path_that_is_a_file(with_model, run_cli, articles, tmp_path):
    (tmp_path / "out").write_text("not a dir")
    result = run_cli("translate", str(articles), "-o", "out")
    assert result.exit_code == 2
    assert "out: output path exists and is not a directory" in result.stderr


def test_empty_article_is_a_warning_not_a_failure(with_model, run_cli, articles, tmp_path):
    (articles / "trong.txt").write_text(" \n\n", encoding="utf-8")
    result = run_cli("translate", str(articles), "-o", "out")
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "trong.txt: empty article" in result.stderr
    assert not (tmp_path / "out" / "trong.po").exists()


def test_quiet_prints_nothing_on_success(with_model, run_cli, articles):
    result = run_cli("translate", str(articles), "-o", "out", "--quiet")
    assert result.exit_code == 0
    assert result.output == ""


def test_rerun_follows_the_changed_article(with_model, run_cli, articles, tmp_path):
    assert run_cli("translate", str(articles), "-o", "out").exit_code == 0
    (articles / "phan-ung.txt").write_text("Chỉ còn một câu.\n", encoding="utf-8")
    assert run_cli("translate", str(articles), "-o", "out").exit_code == 0
    entries = po_entries(tmp_path / "out" / "phan-ung.po")
    assert [e.msgid for e in entries if not e.obsolete] == ["Chỉ còn một câu."]
    # the sentences that left the article are kept as obsolete entries, not deleted
    assert all(e.obsolete for e in entries[1:]) and len(entries) > 1
    assert (tmp_path / "out" / "phan-ung.en.txt").read_text(encoding="utf-8") == (
        "Chỉ còn một câu.\n"
    )
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_config_file_sets_output_and_flags_win(with_model, run_cli, articles, tmp_path):
    (tmp_path / "translit.toml").write_text('output = "from-config"\nbeam = 2\n')
    assert run_cli("translate", str(articles)).exit_code == 0
    assert (tmp_path / "from-config" / "phan-ung.po").is_file()
    assert run_cli("translate", str(articles), "-o", "from-flag").exit_code == 0
    assert (tmp_path / "from-flag" / "phan-ung.po").is_file()


def test_pyproject_tool_table_is_read(with_model, run_cli, articles, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.translit]\noutput = "ra"\n')
    assert run_cli("translate", str(articles)).exit_code == 0
    assert (tmp_path / "ra" / "gap-mat.po").is_file()


def test_bad_config_is_a_one_line_error(with_model, run_cli, articles):
    Path("translit.toml").write_text('ouput = "typo"\n')
    result = run_cli("translate", str(articles))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "unknown key 'ouput'" in result.stderr


def test_segment_command_prints_keys_and_sentences(run_cli, articles):
    result = run_cli("segment", str(articles / "gap-mat.txt"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "p1.s1\tHai ngoại trưởng gặp nhau tại Geneva"
    assert lines[1].startswith("p2.s1\tTối 7.12, ông J.Biden và ông V.Putin")
    assert lines[2] == "p2.s2\tNhà Trắng cho biết hai bên bàn về Ukraina."


def test_version(run_cli):
    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"translit {__version__}\n")


def test_examples_translate_end_to_end(with_model, run_cli, tmp_path):
    examples = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", examples)
    result = run_cli("translate", str(examples), "-r", "-o", "outputs")
    assert result.exit_code == 0, result.output
    articles = [p.relative_to(examples) for p in examples.rglob("*") if p.is_file()]
    assert {p.suffix for p in articles} == {".txt", ".md", ".html", ".docx"}
    for article in articles:
        out = tmp_path / "outputs" / article.with_suffix("")
        assert out.with_name(f"{out.name}.po").is_file()
        assert out.with_name(f"{out.name}.en.txt").read_text(encoding="utf-8")
    assert (tmp_path / "outputs" / "word" / "bao-so-3.en.docx").is_file()


def test_python_m_translit_and_exit_code_in_a_real_process(no_model, articles, tmp_path):
    result = run_subprocess(
        "translate", str(articles), cwd=tmp_path, env={"ARGOS_PACKAGES_DIR": str(no_model)}
    )
    assert result.returncode == 3
    assert result.stderr.startswith("error: no vi→en translation model is installed")
    assert "Traceback" not in result.stderr


def test_markdown_tables_in_the_input_folder_are_not_articles(with_model, run_cli, articles):
    first = run_cli("translate", str(articles), "-o", str(articles), "--format", "po,txt,md")
    assert first.exit_code == 0, first.output
    again = run_cli("translate", str(articles), "-o", str(articles), "--format", "po,txt,md")
    assert again.exit_code == 0, again.output
    assert "2 articles" in again.stderr and "0 distinct sent" in again.stderr
    po = po_entries(articles / "phan-ung.po")
    assert not any(e.obsolete for e in po) and po[0].msgid.startswith("Mátxcơva")


def test_a_po_made_from_another_file_with_the_same_id_is_not_overwritten(
    with_model, run_cli, articles, tmp_path
):
    assert run_cli("translate", str(articles / "phan-ung.txt"), "-o", "out").exit_code == 0
    before = (tmp_path / "out" / "phan-ung.po").read_bytes()
    other = tmp_path / "khac"
    other.mkdir()
    (other / "phan-ung.md").write_text("Một bài khác hẳn.\n", encoding="utf-8")
    result = run_cli("translate", str(other / "phan-ung.md"), "-o", "out")
    assert result.exit_code == 2
    assert "out/phan-ung.po was made from phan-ung.txt, not from this file" in result.stderr
    assert (tmp_path / "out" / "phan-ung.po").read_bytes() == before


def test_no_conventions_leaves_numbers_and_dates_as_written(
    with_model, run_cli, articles, tmp_path
):
    gap_mat = articles / "gap-mat.txt"
    assert run_cli("translate", str(gap_mat), "-o", "on", "--no-glossary").exit_code == 0
    converted = (tmp_path / "on" / "gap-mat.en.txt").read_text(encoding="utf-8")
    assert "Tối December 7," in converted and "1,500,000" in converted
    flag = run_cli("translate", str(gap_mat), "-o", "off", "--no-glossary", "--no-conventions")
    assert flag.exit_code == 0, flag.output
    english = (tmp_path / "off" / "gap-mat.en.txt").read_text(encoding="utf-8")
    assert "Tối 7.12," in english and "1.500.000" in english and "December" not in english
    (tmp_path / "translit.toml").write_text("conventions = false\n")
    assert run_cli("translate", str(gap_mat), "-o", "toml", "--no-glossary").exit_code == 0
    assert (tmp_path / "toml" / "gap-mat.en.txt").read_text(encoding="utf-8") == english
    (tmp_path / "translit.toml").write_text('conventions = "no"\n')
    bad = run_cli("translate", str(gap_mat), "-o", "toml")
    assert bad.exit_code == 2
    assert bad.stderr == (
        f"error: {tmp_path / 'translit.toml'}: conventions must be a true or false\n"
    )
