"""Review commands through the real CLI: translate --no-mt, build, review."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import polib
import pytest

ARTICLE = """Hội nghị về an ninh lương thực khai mạc tại Mátxcơva

Sáng nay, đại diện Nga và Ukraina cùng dự phiên khai mạc. Nhà Trắng gửi thông điệp chúc mừng.

Các đại biểu chụp ảnh chung.
Ảnh: Minh Anh
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "hoi-nghi.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def entries(path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(path)) if not e.obsolete]


def test_no_mt_prepares_files_for_a_human_translator_without_a_model(
    no_model, run_cli, article, tmp_path
):
    result = run_cli("translate", str(article), "-o", "out", "--no-mt")
    assert result.exit_code == 0, result.output
    assert "left for a translator" in result.stderr
    po = entries(tmp_path / "out" / "hoi-nghi.po")
    assert [e.msgstr for e in po] == [""] * len(po) and not any(e.fuzzy for e in po)
    # glossary hints for the translator
    assert "glossary: Mátxcơva → Moscow" in po[0].comment
    assert "glossary: Nhà Trắng → the White House" in po[2].comment
    assert (tmp_path / "out" / "hoi-nghi.en.txt").read_text(encoding="utf-8") == ""


def test_no_model_message_mentions_no_mt(no_model, run_cli, article):
    result = run_cli("translate", str(article), "-o", "out")
    assert result.exit_code == 3 and "--no-mt" in result.stderr
    assert result.stderr.count("\n") == 1


def reviewer_translates(po_path: Path, approve: bool = True) -> None:
    po = polib.pofile(str(po_path))
    for i, entry in enumerate(po):
        entry.msgstr = f"Sentence {i} in English."
        if approve:
            entry.flags = []
    po.save()


def test_build_rebuilds_the_english_from_the_po_without_a_model(
    no_model, run_cli, article, tmp_path
):
    assert run_cli("translate", str(article), "-o", "out", "--no-mt").exit_code == 0
    po_path = tmp_path / "out" / "hoi-nghi.po"
    reviewer_translates(po_path)
    before = po_path.read_bytes()
    result = run_cli("build", str(po_path), "--format", "txt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "hoi-nghi.en.txt").read_text(encoding="utf-8") == (
        "Sentence 0 in English.\n\n"
        "Sentence 1 in English. Sentence 2 in English.\n\n"
        "Sentence 3 in English.\nSentence 4 in English.\n"  # the caption's line break
    )
    assert po_path.read_bytes() == before  # the reviewer's file is never rewritten


def test_build_to_another_folder_and_refuses_to_write_po(no_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out", "--no-mt").exit_code == 0
    result = run_cli("build", "out", "-o", "final", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "final").iterdir()] == ["hoi-nghi.en.txt"]
    (tmp_path / "out" / "khac.po").write_bytes((tmp_path / "out" / "hoi-nghi.po").read_bytes())
    refused = run_cli("build", "out", "--format", "po,txt")
    assert refused.exit_code == 2 and "never rewrites the review file" in refused.stderr
    assert refused.stderr.count("\n") == 1  # said once, before any file is read
    unknown = run_cli("build", "out", "--format", "pdf")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("error: unknown format 'pdf': choose from po, txt")


def test_build_reports_a_broken_po_and_builds_the_others(no_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out", "--no-mt").exit_code == 0
    (tmp_path / "out" / "hong.po").write_text('msgid "a"\nmsgstr "b"\nrác\n', encoding="utf-8")
    result = run_cli("build", "out", "--format", "txt")
    assert result.exit_code == 2
    assert "error: out/hong.po:3: not a valid PO file" in result.stderr
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "hoi-nghi.en.txt").exists()
    assert not (tmp_path / "out" / "hong.en.txt").exists()


def test_review_counts_what_is_left(with_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "hoi-nghi.po"
    po = polib.pofile(str(po_path))
    po[0].flags, po[1].flags = [], []  # the reviewer approves two entries
    po[2].msgstr = ""  # and empties one to translate it by hand later
    po[2].flags = []
    po.save()
    result = run_cli("review", "out")
    assert result.exit_code == 0, result.output
    header, row, total = result.stdout.splitlines()
    assert header.split() == [
        "article",
        "segments",
        "reviewed",
        "fuzzy",
        "untranslated",
        "errors",
        "warnings",
    ]
    assert row.split()[:5] == ["hoi-nghi", "5", "2", "2", "1"]
    assert total == "0 of 1 article fully reviewed"


def test_review_open_hands_the_page_to_the_browser(
    with_model, run_cli, article, tmp_path, monkeypatch
):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    page = tmp_path / "out" / "hoi-nghi.html"
    page.unlink(missing_ok=True)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"  # webbrowser runs $BROWSER with the page's URL
    browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(browser))
    missing = run_cli("review", "out", "--open")
    assert "hoi-nghi.html does not exist; run translit build" in missing.stderr
    assert not opened.exists()
    page.write_text("<p>page</p>", encoding="utf-8")
    assert run_cli("review", "out", "--open").exit_code == 0
    assert opened.read_text().strip() == page.as_uri()


def test_review_of_a_folder_without_po_files(run_cli, tmp_path):
    (tmp_path / "trong").mkdir()
    result = run_cli("review", "trong")
    assert result.exit_code == 2
    assert result.stderr == "error: trong: no .po review files here (run translit translate)\n"


def test_build_default_files_show_the_reviewers_english_and_fresh_findings(
    no_model, run_cli, article, tmp_path
):
    assert run_cli("translate", str(article), "-o", "out", "--no-mt").exit_code == 0
    po_path = tmp_path / "out" / "hoi-nghi.po"
    po = polib.pofile(str(po_path))
    po[0].msgstr = "Food security conference opens in the Russian capital"  # lost a term
    po[1].msgstr = "This morning, Russia and Ukraine attended the opening session."
    for entry in po[:2]:
        entry.flags = []
    po.save()
    result = run_cli("build", str(po_path))
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert built == ["hoi-nghi.en.txt", "hoi-nghi.html", "hoi-nghi.md", "hoi-nghi.po"]
    page = (tmp_path / "out" / "hoi-nghi.html").read_text(encoding="utf-8")
    assert "This morning, <mark" in page  # the reviewer's English, its terms marked
    assert "term-missing" in page and "Moscow" in page  # the finding on the reviewer's text
    table = (tmp_path / "out" / "hoi-nghi.md").read_text(encoding="utf-8")
    assert "Food security conference opens in the Russian capital" in table
    check = run_cli("check", str(po_path), "--json")
    assert check.exit_code == 1
    assert [(f["key"], f["code"]) for f in json.loads(check.stdout)["findings"]] == [
        ("p1.s1", "term-missing")
    ]
