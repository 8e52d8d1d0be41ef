"""`translit check --bitext`: any bilingual text, the same checks and output as
`translit check`, and the FLORES measurement the glossary is held to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from translit.document import Segment
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.enforce import hit_entities, hit_present, term_policy
from translit.qa import check_segment

VI = "Ngoại trưởng Nga S.Lavrov tới Kiev.\n\nÔng Biden gặp Tổng thống Pháp.\nHai bên đã hội đàm.\n"
EN = "Russian Foreign Minister Sergei Lavrov went to Kiev.\n\nBiden met the President.\n\n"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "a.vi.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(EN, encoding="utf-8")
    return tmp_path / "a.vi.txt", tmp_path / "a.en.txt"


def test_two_line_aligned_files_are_checked_line_by_line(run_cli, pair):
    result = run_cli("check", "--bitext", "a.vi.txt", "a.en.txt")
    assert result.exit_code == 1  # errors found
    lines = result.stdout.splitlines()
    assert lines[:-2] == [
        "a.en\t1\terror\tterm-variant\t“Kiev” should read “Kyiv” (glossary)",
        "a.en\t3\terror\tterm-missing\tglossary term “France” (for “Pháp”) is not in the English",
        "a.en\t4\twarning\tempty\tno English for this sentence",
    ]  # line 2 is blank on both sides; keys are line numbers
    assert lines[-2:] == [  # the file's segments by status, then the total, tab-separated
        "a.en\tstatus\t3 segments\t2 translated\t1 untranslated",
        "1 file\t3 segments\t2 errors\t1 warnings\t0 info\t2 translated\t1 untranslated",
    ]


def test_json_has_the_summary_for_every_input(run_cli, pair, tmp_path):
    result = run_cli("check", "--bitext", "a.vi.txt", "a.en.txt", "--json")
    report = json.loads(result.stdout)
    assert report["summary"] == {
        "segments": 3,
        "glossary_hits": 5,  # Nga, S.Lavrov, Kiev, Biden, Pháp
        "findings": {"term-missing": 1, "term-variant": 1, "empty": 1},
        "status": {"translated": 2, "untranslated": 1},
    }
    assert report["findings"][0]["key"] == "1" and report["findings"][0]["source"].startswith(
        "Ngoại trưởng"
    )
    # translit check on review files has the same summary
    (tmp_path / "art.txt").write_text("Hai bên đã hội đàm.\n", encoding="utf-8")
    assert run_cli("translate", "art.txt", "-o", "out", "--no-mt").exit_code == 0
    po = json.loads(run_cli("check", "out", "--json").stdout)
    assert po["summary"] == {
        "segments": 1,
        "glossary_hits": 0,
        "findings": {},
        "status": {"reviewed": 0, "fuzzy": 0, "untranslated": 1},
    }


def test_a_tsv_file_is_two_columns(run_cli, tmp_path):
    rows = ["Nga lên tiếng.\tRussia spoke.", "Mỹ lên tiếng.\tThe USA spoke.", ""]
    (tmp_path / "pairs.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("check", "--bitext", "pairs.tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == (
        "1 file\t2 segments\t0 errors\t0 warnings\t0 info\t2 translated\t0 untranslated"
    )


@pytest.mark.parametrize(
    ("files", "contents", "message"),
    [
        (["a.vi", "a.en"], ["Một.\nHai.\n", "One.\n"], "a.vi has 2 lines and a.en has 1"),
        (["p.tsv"], ["Một.\tOne.\tx\n"], "p.tsv:1: 3 tab-separated columns"),
        (["a.vi", "a.en"], ["Một.\n", b"\xffOne.\n"], "a.en: not UTF-8 text (invalid byte 0xff"),
        (["a.vi", "gone.en"], ["Một.\n", None], "gone.en: no such file"),
        (["a", "b", "c"], ["x\n", "y\n", "z\n"], "--bitext takes SOURCE TARGET"),
        (["sub"], [None], "sub: is a directory, not a text file"),
        ([], [], "--bitext takes SOURCE TARGET"),
    ],
)
def test_bad_bitext_input_is_one_line_and_exit_2(run_cli, tmp_path, files, contents, message):
    (tmp_path / "sub").mkdir()
    for name, content in zip(files, contents, strict=True):
        if isinstance(content, str):
            (tmp_path / name).write_text(content, encoding="utf-8")
        elif content is not None:
            (tmp_path / name).write_bytes(content)
    result = run_cli("check", "--bitext", *files)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_legacy_encoded_source_is_read_as_the_message_says(run_cli, tmp_path):
    from translit import legacy

    vi = "Ngoại trưởng Nga tới Kiev hôm thứ Hai.\n"
    (tmp_path / "a.vi").write_bytes(legacy.encode(vi, "vni"))
    (tmp_path / "a.en").write_text("The Russian Foreign Minister went to Kiev.\n", "utf-8")
    (tmp_path / "a.tsv").write_bytes(
        legacy.encode(vi.rstrip("\n") + "\tThe Russian Foreign Minister went to Kiev.\n", "vni")
    )
    refused = run_cli("check", "--bitext", "a.vi", "a.en")
    assert refused.exit_code == 2 and "run again with --from-encoding vni" in refused.stderr
    for files in (["a.vi", "a.en"], ["a.tsv"]):
        result = run_cli("check", "--bitext", *files, "--from-encoding", "vni", "--json")
        assert result.exit_code == 1, result.output  # the Kiev error, read right
        findings = json.loads(result.stdout)["findings"]
        assert [f["code"] for f in findings] == ["term-variant"]


def test_a_name_with_brackets_is_shown_as_it_is_on_a_terminal(tmp_path):
    """On a terminal the findings are a rich table, and rich read "[draft]" in an
    article's name as a style: "tin [draft]" was shown as "tin "."""
    import os
    import pty
    import subprocess
    import sys

    (tmp_path / "tin [draft].vi").write_text("Ngoại trưởng Nga tới Kiev.\n", encoding="utf-8")
    (tmp_path / "tin [draft].en").write_text("The minister went to Kiev.\n", encoding="utf-8")
    terminal, stdout = pty.openpty()
    result = subprocess.run(
        [sys.executable, "-m", "translit", "check", "--bitext", "tin [draft].vi", "tin [draft].en"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "160", "TERM": "dumb"},
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    os.close(stdout)
    shown = b""
    try:
        while chunk := os.read(terminal, 4096):
            shown += chunk
    except OSError:  # the terminal closes once everything written is read
        pass
    os.close(terminal)
    assert result.returncode == 1, result.stderr
    assert "│ tin [draft] │ 1 " in shown.decode("utf-8"), shown.decode("utf-8")


def test_a_long_line_naming_one_term_thousands_of_times_is_checked_in_seconds(run_cli, tmp_path):
    """A line of 200 KB (a table or a feed pasted without line breaks) named Moscow 4000
    times, and each of the 4000 hits scanned the whole English again: 20 s of CPU here,
    growing with the square of the line (a 2 MB line took half an hour)."""
    import time

    vi = "Ông Lê Minh đến Mát-xcơ-va hôm thứ Hai. " * 4000 + "Ông gặp Tổng thống Pháp."
    en = "Mr Le Minh went to Moscow on Monday. " * 4000 + "He met the President."
    (tmp_path / "long.tsv").write_text(f"{vi}\t{en}\n", encoding="utf-8")
    started = time.process_time()
    result = run_cli("check", "--bitext", "long.tsv", "--json")
    spent = time.process_time() - started
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["glossary_hits"] == 4001
    assert [f["message"] for f in report["findings"]] == [
        "glossary term “France” (for “Pháp”) is not in the English"
    ]
    assert spent < 8, f"{spent:.1f} s of CPU"


# ── Real English: FLORES dev+devtest (read at run time, never copied) ──────────────

FLORES = ROOT.parent / "shared" / "data" / "flores200-vi-en"
SYSTEMS = ["", ".google", ".microsoft", ".nllb", ".opusmt", ".bergamot-tiny"]


def flores(english: str = "") -> list[tuple[str, str]]:
    if not (FLORES / "flores-dev.vi").is_file():
        pytest.skip(f"FLORES data not found at {FLORES} (CI has it beside the repository)")
    pairs = []
    for split in ("dev", "test"):
        vi = (FLORES / f"flores-{split}.vi").read_text(encoding="utf-8").splitlines()
        en = (FLORES / f"flores-{split}{english}.en").read_text(encoding="utf-8").splitlines()
        pairs += list(zip(vi, en, strict=True))
    return pairs


@pytest.fixture(scope="module")
def policy():
    return term_policy(load_glossaries(shipped_glossaries()))


def test_professional_english_keeps_the_glossary_almost_everywhere(policy):
    hits = missing = variants = 0
    for vi, en in flores():
        seg = Segment("k", vi, 1, 0, len(vi), target=en, origin="reviewed")
        check_segment(seg, policy)
        hits += sum(1 for h in seg.hits if h.kind == "term")
        missing += sum(1 for f in seg.findings if f.code == "term-missing")
        variants += sum(1 for f in seg.findings if f.code == "term-variant")
    assert hits > 700  # the glossary finds the names FLORES has
    assert missing <= 0.02 * hits, f"{missing} term-missing of {hits} hits"
    assert variants <= 3


@pytest.mark.parametrize("system", SYSTEMS)
def test_rewrites_on_real_english_only_replace_rejected_forms(policy, system):
    rejected = {
        v for e in load_glossaries(shipped_glossaries()).entries.values() for v in e.en_variants
    }
    for vi, en in flores(system):
        hits = policy.hits(vi)
        after = policy.rewriter.rewrite(en, hit_entities(hits))
        if not system:
            assert after == en  # the human reference has nothing the house rejects
        for found in policy.rewriter.find(en, hit_entities(hits)):
            assert en[found.start : found.end] in rejected
        for hit in hits:  # a form that was right stays right
            assert hit_present(hit, after) or not hit_present(hit, en), (en, after)
