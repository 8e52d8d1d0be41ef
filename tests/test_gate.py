"""`translit check --require`: the gate before publishing, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

ARTICLE = "Các bên đã hội đàm.\n\nCuộc gặp diễn ra tốt đẹp.\n\nHọ sẽ gặp lại.\n"


@pytest.fixture
def translated(with_model, run_cli, tmp_path: Path) -> Path:
    """A folder with one article translated by the model: every entry fuzzy."""
    (tmp_path / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("translate", "bai.txt", "-o", "out", "-q").exit_code == 0
    return tmp_path / "out" / "bai.po"


def approve(po_path: Path, keep_fuzzy: int = 0) -> None:
    """A reviewer approves every entry but the first `keep_fuzzy` ones."""
    po = polib.pofile(str(po_path))
    for entry in po[keep_fuzzy:]:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()


def test_require_reviewed_fails_on_one_fuzzy_entry_and_passes_once_approved(run_cli, translated):
    assert run_cli("check", "out").exit_code == 0  # no error finding: the old gate passed
    approve(translated, keep_fuzzy=1)
    result = run_cli("check", "out", "--require", "reviewed")
    assert result.exit_code == 1
    assert "not reviewed: 1 fuzzy (--require reviewed)" in result.stderr
    # the copy model leaves Vietnamese in the English: a warning per segment
    assert result.stdout.splitlines()[-2:] == [
        "bai\tstatus\t3 segments\t2 reviewed\t1 fuzzy\t0 untranslated",
        "1 file\t3 segments\t0 errors\t3 warnings\t0 info\t2 reviewed\t1 fuzzy\t0 untranslated",
    ]
    assert run_cli("check", "out", "--require", "translated").exit_code == 0  # fuzzy has English
    approve(translated)
    result = run_cli("check", "out", "--require", "reviewed")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_require_translated_fails_on_an_article_prepared_for_a_translator(
    no_model, run_cli, tmp_path
):
    (tmp_path / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("translate", "bai.txt", "-o", "out", "--no-mt").exit_code == 0
    # the old gate let an empty article through, even at --fail-on warning
    assert run_cli("check", "out", "--fail-on", "warning").exit_code == 0
    result = run_cli("check", "out", "--require", "translated")
    assert result.exit_code == 1
    assert "not translated: 3 untranslated" in result.stderr
    po = polib.pofile(str(tmp_path / "out" / "bai.po"))
    for i, entry in enumerate(po):
        entry.msgstr = f"Sentence {i}."
    po.save()
    assert run_cli("check", "out", "--require", "translated").exit_code == 0
    assert run_cli("check", "out", "--require", "reviewed").exit_code == 0  # not fuzzy: approved


def test_json_carries_status_counts_per_file_and_in_total(run_cli, translated, tmp_path):
    approve(translated, keep_fuzzy=2)
    (tmp_path / "b.txt").write_text("Một câu.\n", encoding="utf-8")
    assert run_cli("translate", "b.txt", "-o", "out", "--no-mt").exit_code == 0
    report = json.loads(run_cli("check", "out", "--json", "--require", "reviewed").stdout)
    assert report["summary"]["status"] == {"reviewed": 1, "fuzzy": 2, "untranslated": 1}
    assert [(f["article"], f["segments"], f["status"]) for f in report["status"]] == [
        ("b", 1, {"reviewed": 0, "fuzzy": 0, "untranslated": 1}),
        ("bai", 3, {"reviewed": 1, "fuzzy": 2, "untranslated": 0}),
    ]


def test_bitext_require_translated_counts_empty_english_lines(run_cli, tmp_path):
    (tmp_path / "a.vi").write_text("Một câu.\nHai câu.\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("One sentence.\n \n", encoding="utf-8")
    result = run_cli("check", "--bitext", "a.vi", "a.en", "--require", "translated")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-2] == "a\tstatus\t2 segments\t1 translated\t1 untranslated"
    assert "not translated: 1 untranslated" in result.stderr
    refused = run_cli("check", "--bitext", "a.vi", "a.en", "--require", "reviewed")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "error: --require reviewed: a bitext has no review status (no fuzzy flag); "
        "use --require translated (every line has English)\n"
    )
    (tmp_path / "a.en").write_text("One sentence.\nTwo sentences.\n", encoding="utf-8")
    assert run_cli("check", "--bitext", "a.vi", "a.en", "--require", "translated").exit_code == 0


def test_an_unreadable_file_is_exit_2_not_a_pass(run_cli, translated):
    approve(translated)
    (translated.parent / "broken.po").write_text('msgid "x\n', encoding="utf-8")
    result = run_cli("check", "out", "--require", "reviewed")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
