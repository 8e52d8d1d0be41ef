"""`translit translate --format …` end to end on examples/ with the copy model, and
every file it writes checked by the tool that reads it: msgfmt and Translate
Toolkit's pofilter (PO), xmllint with the published TMX DTD and XLIFF schema,
Chromium (HTML), a CommonMark renderer (Markdown), the csv reader (TSV)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from markdown_it import MarkdownIt

from tests.browser import chromium, dom
from tests.conftest import ROOT
from tests.test_formats import XLIFF_NS, validate_tmx, validate_xliff

EXAMPLES = ROOT / "examples"
ARTICLES = sorted(p.stem for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
ALL_SUFFIXES = (".po", ".en.txt", ".html", ".md", ".tsv", ".tmx", ".xlf", ".en.docx")


@pytest.fixture
def everything(with_model, run_cli, tmp_path) -> Path:
    """Every format for every example, written by the real CLI."""
    result = run_cli("translate", str(EXAMPLES), "-o", "out", "--format", "all", "-q")
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def entries(path: Path) -> list[polib.POEntry]:
    return list(polib.pofile(str(path)))


def test_format_all_writes_every_file_for_every_example(everything):
    assert sorted(p.name for p in everything.iterdir()) == sorted(
        f"{a}{s}" for a in ARTICLES for s in ALL_SUFFIXES
    )


def test_default_is_po_text_and_html(with_model, run_cli, tmp_path):
    result = run_cli("translate", str(EXAMPLES / "hoi-nghi-thuong-dinh.md"), "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "hoi-nghi-thuong-dinh.en.txt",
        "hoi-nghi-thuong-dinh.html",
        "hoi-nghi-thuong-dinh.po",
    ]


def test_format_option_chooses_the_files(with_model, run_cli, tmp_path):
    article = str(EXAMPLES / "hoi-nghi-thuong-dinh.md")
    result = run_cli("translate", article, "-o", "out", "--format", "md,tsv,xliff")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".md", ".tsv", ".xlf"]


def test_unknown_format_is_a_one_line_error_before_any_work(with_model, run_cli, tmp_path):
    result = run_cli("translate", str(EXAMPLES), "-o", "out", "--format", "po,pdf")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: unknown format 'pdf': choose from po, txt, html, md, tsv, tmx, xliff, docx, "
        "or all\n"
    )
    assert not (tmp_path / "out").exists()


def test_translit_toml_formats_and_the_flag_wins(with_model, run_cli, tmp_path):
    (tmp_path / "translit.toml").write_text('formats = ["tmx", "md"]\n', encoding="utf-8")
    article = str(EXAMPLES / "hoi-nghi-thuong-dinh.md")
    assert run_cli("translate", article, "-o", "a").exit_code == 0
    assert sorted(p.suffix for p in (tmp_path / "a").iterdir()) == [".md", ".tmx"]
    assert run_cli("translate", article, "-o", "b", "--format", "tsv").exit_code == 0
    assert [p.suffix for p in (tmp_path / "b").iterdir()] == [".tsv"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('formats = ["pdf"]', "translit.toml: unknown format 'pdf': choose from po, txt,"),
        ("formats = []", "translit.toml: no format: choose from po, txt,"),
        ('formats = "po"', "translit.toml: formats must be a list"),
        ("formats = [1]", "translit.toml: formats must be a list of format names"),
    ],
)
def test_bad_formats_in_translit_toml_name_the_file(with_model, run_cli, tmp_path, toml, message):
    (tmp_path / "translit.toml").write_text(toml + "\n", encoding="utf-8")
    result = run_cli("translate", str(EXAMPLES), "-o", "out")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert not (tmp_path / "out").exists()


# --- each file through the tool that reads it -------------------------------------------


def test_po_files_pass_msgfmt_check(everything):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed (apt-get install gettext)")
    for article in ARTICLES:
        check = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(everything / f"{article}.po")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert check.returncode == 0, check.stderr


# What pofilter finds on copy-model output, and why that is right:
# - isfuzzy: every unit, since machine output is `#, fuzzy` until a reviewer approves it;
# - unchanged: sentences without a glossary hit come back from the copy model as they went in;
# - acronyms: the glossary expands acronyms on purpose (EU → European Union, TP.HCM → Ho Chi
#   Minh City), which pofilter reads as a translated acronym;
# - numbers: numbers and dates are converted to English conventions on purpose
#   (1.500.000 → 1,500,000, 14.3 → March 14), which pofilter reads as changed numbers.
# Anything else (escapes, newlines, brackets, printf, xmltags, …) would be our PO's fault.
# `#.` lines of glossary hits and of converted numbers, dates and times (marked alike)
HIT_NOTES = ("glossary:", "number:", "date:", "time:")

EXPECTED_POFILTER = {"isfuzzy", "unchanged", "acronyms", "numbers"}


def test_po_files_pass_translate_toolkit_pofilter(everything, tmp_path):
    if shutil.which("pofilter") is None:
        pytest.skip("pofilter is not installed (apt-get install translate-toolkit)")
    for article in ARTICLES:
        source, report = everything / f"{article}.po", tmp_path / f"{article}.pofilter.po"
        run = subprocess.run(
            ["pofilter", "--progress=none", str(source), str(report)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        flagged = entries(report)  # pofilter's output is itself a PO file
        assert [e.msgctxt for e in flagged] == [e.msgctxt for e in entries(source)]
        checks = {
            line.split(")", 1)[1].split(":", 1)[0].strip()
            for e in flagged
            for line in e.tcomment.splitlines()
            if line.startswith("(pofilter)")
        }
        assert "isfuzzy" in checks and checks <= EXPECTED_POFILTER, checks


def test_tmx_and_xliff_of_the_examples_validate_and_hold_every_segment(everything):
    import xml.etree.ElementTree as ET

    for article in ARTICLES:
        keys = [e.msgctxt for e in entries(everything / f"{article}.po")]
        tmx, xlf = everything / f"{article}.tmx", everything / f"{article}.xlf"
        validate_tmx(tmx)
        validate_xliff(xlf)
        assert [tu.get("tuid") for tu in ET.parse(tmx).getroot().iter("tu")] == keys
        units = ET.parse(xlf).getroot().findall(".//x:unit", XLIFF_NS)
        assert [u.get("id") for u in units] == keys
        assert {u.find("x:segment", XLIFF_NS).get("state") for u in units} == {"translated"}


def test_tsv_and_markdown_of_the_examples_match_the_po(everything):
    for article in ARTICLES:
        po = [(e.msgctxt, e.msgid, e.msgstr) for e in entries(everything / f"{article}.po")]
        with (everything / f"{article}.tsv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))[1:]
        assert [tuple(r[:3]) for r in rows] == po
        rendered = (
            MarkdownIt("commonmark")
            .enable("table")
            .render((everything / f"{article}.md").read_text(encoding="utf-8"))
        )
        keys = [r.split("<td>", 2)[1].split("</td>")[0] for r in rendered.split("<tr>")[2:]]
        assert [k for k in keys if k] == [key for key, _, _ in po]


def test_html_of_an_example_in_the_browser(everything, tmp_path):
    article = everything / "thuong-dinh-truc-tuyen.html"
    page = dom(chromium(tmp_path, "--dump-dom", article.as_uri()).stdout)
    po = entries(everything / "thuong-dinh-truc-tuyen.po")
    assert [tr.attrs["id"] for tr in page.all("tr", "seg")] == [e.msgctxt for e in po]
    marks = [m for td in page.all("td", "src") for m in td.all("mark", "term")]
    hits = [line for e in po for line in e.comment.splitlines() if line.startswith(HIT_NOTES)]
    assert sorted(m.attrs["title"] for m in marks) == sorted(hits)
    english = [m.text() for td in page.all("td", "tgt") for m in td.all("mark", "term")]
    assert {"Ukraine", "Moscow", "Kyiv", "the White House"} <= set(english)


def test_no_mt_page_gives_the_translator_the_glossary_hints(no_model, run_cli, tmp_path):
    article = EXAMPLES / "thuong-dinh-truc-tuyen.txt"
    result = run_cli("translate", str(article), "-o", "out", "--no-mt", "--format", "po,html")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    page = dom(chromium(tmp_path, "--dump-dom", (out / f"{article.stem}.html").as_uri()).stdout)
    po = entries(out / f"{article.stem}.po")
    rows = page.all("tr", "seg")
    assert [r.attrs["id"] for r in rows] == [e.msgctxt for e in po]
    for row, entry in zip(rows, po, strict=True):
        assert "untranslated" in row.classes and "flagged" in row.classes
        english = row.all("td", "tgt")[0]
        hints = [li.text() for li in english.all("li")]
        expected = [
            line.split(": ", 1)[1]  # "date: 14.3 → March 14" is hinted as "14.3 → March 14"
            for line in entry.comment.splitlines()
            if line.startswith(HIT_NOTES)
        ]
        assert hints == list(dict.fromkeys(expected))
    assert any(r.all("td", "tgt")[0].all("li") for r in rows)
