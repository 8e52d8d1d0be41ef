"""`translit eval`: BLEU/chrF equal sacrebleu's, term success, errors, models vs files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu

from tests.conftest import ROOT
from translit.evaluate import hypothesis_names, read_lines

FLORES = ROOT.parent / "shared" / "data" / "flores200-vi-en"
SYSTEMS = ("google", "microsoft", "nllb", "opusmt", "bergamot-tiny")

# Written for these tests: Vietnamese, a reference English, and two "systems".
SOURCE = [
    "Tổng thống Mỹ J.Biden điện đàm với Tổng thống Nga V.Putin tối 7.12.",
    "Giá xăng giảm 1.200 đồng/lít từ 15 giờ chiều nay.",
    "Mátxcơva bác bỏ cáo buộc của phương Tây. Kiev chưa lên tiếng.",
    "",
    "Ảnh: AFP",
]
REFERENCE = [
    "US President Joe Biden held a phone call with Russian President Vladimir Putin on "
    "the evening of December 7.",
    "Petrol prices fall by 1,200 dong per litre from 3 p.m. this afternoon.",
    "Moscow rejected the West's accusations. Kyiv has not commented yet.",
    "",
    "Photo: AFP",
]
GOOD = [
    "US President Joe Biden spoke by phone with the President of Russia, Vladimir Putin, "
    "on the evening of December 7.",
    "Petrol prices drop 1,200 dong a litre from 3 p.m. today.",
    "Moscow rejected Western accusations. Kyiv has not yet commented.",
    "",
    "Photo: AFP",
]
POOR = [
    "President Biden talked with Putin on December 8.",
    "Gasoline is cheaper by 1,500 dong from this afternoon.",
    "Moskva rejected the accusations of the West. Kiev said nothing.",
    "",
    "Photo: AFP",
]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def bitext(tmp_path: Path) -> dict[str, Path]:
    return {
        "vi": write(tmp_path / "tin.vi", SOURCE),
        "en": write(tmp_path / "tin.en", REFERENCE),
        "good": write(tmp_path / "tin.good.en", GOOD),
        "poor": write(tmp_path / "tin.poor.en", POOR),
    }


def sacrebleu_scores(hypothesis: Path, reference: Path) -> tuple[float, float]:
    """What sacrebleu's own command line computes for the two files."""
    hyp = [line.rstrip() for line in hypothesis.read_text(encoding="utf-8").splitlines()]
    ref = [line.rstrip() for line in reference.read_text(encoding="utf-8").splitlines()]
    return (
        sacrebleu.corpus_bleu(hyp, [ref]).score,
        sacrebleu.corpus_chrf(hyp, [ref]).score,
    )


def test_eval_scores_a_model_and_files_on_the_same_lines(with_model, run_cli, bitext, tmp_path):
    result = run_cli(
        "eval",
        "--bitext",
        str(bitext["vi"]),
        str(bitext["en"]),
        "--model",
        "translate-vi_en-1_9",
        "--hyp",
        str(bitext["good"]),
        "--hyp",
        str(bitext["poor"]),
        "--json",
        "--save",
        str(tmp_path / "runs" / "tin"),
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["system"], r["kind"]) for r in rows] == [
        ("translate-vi_en-1_9", "model"),
        ("good", "hyp"),
        ("poor", "hyp"),
    ]
    saved = tmp_path / "runs" / "tin.translate-vi_en-1_9.en"
    assert rows[0]["output"] == str(saved)
    assert read_lines(saved)[3] == "" and len(read_lines(saved)) == len(SOURCE)
    for row, path in zip(rows, [saved, bitext["good"], bitext["poor"]], strict=True):
        assert (row["bleu"], row["chrf"]) == sacrebleu_scores(path, bitext["en"])
        assert row["bleu_signature"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
        assert row["chrf_signature"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0")
        assert row["sentences"] == len(SOURCE)
    model, good, poor = rows
    assert good["bleu"] > poor["bleu"] and good["chrf"] > poor["chrf"]
    # glossary hits in the source: US, Joe Biden, Russia, Vladimir Putin, Moscow, Kyiv
    assert good["term_hits"] == poor["term_hits"] == model["term_hits"] >= 6
    assert good["term_success"] == 1.0
    assert poor["terms_kept"] < poor["term_hits"]  # Moskva, Kiev, no "US", no "Russia"
    assert good["number_errors"] == good["date_errors"] == 0
    assert poor["number_errors"] >= 1 and poor["date_errors"] >= 1  # 1,500; December 8
    assert model["sentences_per_second"] > 0 and model["engine"].startswith("translit:")
    assert good["sentences_per_second"] is None and good["output"] == str(bitext["good"])


def test_eval_prints_one_table_with_sacrebleus_signature(with_model, run_cli, bitext):
    result = run_cli(
        "eval", "--bitext", str(bitext["vi"]), str(bitext["en"]), "--hyp", str(bitext["good"])
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| system | BLEU | chrF | glossary terms |")
    assert lines[2].startswith("| good | ")
    assert " | 100.0% (" in lines[2] and lines[2].endswith(" | 0 | 0 | – |")
    assert lines[4].startswith("5 sentences. BLEU signature: nrefs:1|case:mixed")
    assert "translating" not in result.stderr  # --hyp alone: no model is loaded


def test_eval_without_model_or_file_uses_the_default_model(with_model, run_cli, bitext):
    result = run_cli("eval", "--bitext", str(bitext["vi"]), str(bitext["en"]), "--json")
    assert result.exit_code == 0, result.output
    assert [r["system"] for r in json.loads(result.stdout)] == ["translate-vi_en-1_9"]
    assert result.stderr == "translating 5 lines with translate-vi_en-1_9…\n"


def test_every_layout_scores_the_same(with_all_models, run_cli, bitext):
    args = ["eval", "--bitext", str(bitext["vi"]), str(bitext["en"]), "--json"]
    for name in ("translate-vi_en-1_9", "copy-nllb", "copy-marian"):
        args += ["-m", name]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    scores = {(r["bleu"], r["chrf"], r["terms_kept"], r["number_errors"]) for r in rows}
    assert len(rows) == 3 and len(scores) == 1
    assert len({r["engine"] for r in rows}) == 3


@pytest.mark.parametrize(
    ("change", "message", "code"),
    [
        (lambda b: write(b["en"], REFERENCE[:3]), "tin.en: 3 lines, but the source", 2),
        (lambda b: write(b["good"], GOOD + ["extra"]), "tin.good.en: 6 lines, but the source", 2),
        (lambda b: b["en"].write_bytes(b"Gi\xe1 x\xe3ng\n"), "tin.en: not UTF-8 text", 2),
        (lambda b: b["en"].unlink(), "tin.en: no such file", 2),
        (lambda b: b["vi"].write_text(""), "tin.vi: no lines to translate", 2),
        (lambda b: (write(b["vi"], ["", " "]), write(b["en"], ["", ""])), "tin.vi: no lines", 2),
    ],
)
def test_bitexts_that_do_not_line_up_are_one_clear_error(
    with_model, run_cli, bitext, change, message, code
):
    change(bitext)
    result = run_cli(
        "eval", "--bitext", str(bitext["vi"]), str(bitext["en"]), "--hyp", str(bitext["good"])
    )
    assert result.exit_code == code
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_models_that_cannot_be_used_exit_3(with_model, run_cli, bitext):
    base = ["eval", "--bitext", str(bitext["vi"]), str(bitext["en"])]
    missing = run_cli(*base, "-m", "opus-mt-vi-en")
    assert missing.exit_code == 3
    assert missing.stderr == (
        "error: no installed model named 'opus-mt-vi-en'; see `translit models list`\n"
    )
    twice = run_cli(*base, "-m", "translate-vi_en-1_9", "-m", "translate-vi_en-1_9")
    assert twice.exit_code == 2
    assert twice.stderr == "error: model 'translate-vi_en-1_9' is given twice\n"
    hyp = str(bitext["good"])
    twice = run_cli(*base, "--hyp", hyp, "--hyp", hyp)
    assert twice.exit_code == 2 and twice.stderr == f"error: file {hyp!r} is given twice\n"


def test_save_never_overwrites_an_input(with_model, run_cli, bitext, tmp_path):
    # PREFIX.<model>.en where an input file already has that name
    clash = tmp_path / "tin.translate-vi_en-1_9.en"
    write(clash, GOOD)
    before = clash.read_bytes()
    result = run_cli(
        "eval",
        *("--bitext", str(bitext["vi"]), str(bitext["en"])),
        *("--hyp", str(clash), "-m", "translate-vi_en-1_9", "--save", str(tmp_path / "tin")),
    )
    assert result.exit_code == 2
    assert "is an input of this eval; choose another --save prefix" in result.stderr
    assert clash.read_bytes() == before


def test_a_save_prefix_that_would_overwrite_an_input_is_refused_before_translating(
    with_all_models, run_cli, bitext, tmp_path
):
    # the second model's output would land on the reference: found before the first
    # model spends (with a real model, hours) translating
    reference = write(tmp_path / "tin.copy-marian.en", REFERENCE)
    before = reference.read_bytes()
    result = run_cli(
        "eval",
        *("--bitext", str(bitext["vi"]), str(reference)),
        *("-m", "translate-vi_en-1_9", "-m", "copy-marian", "--save", str(tmp_path / "tin")),
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {reference}: is an input of this eval; choose another --save prefix\n"
    )
    assert reference.read_bytes() == before
    assert not (tmp_path / "tin.translate-vi_en-1_9.en").exists()  # nothing translated


def test_sacrebleu_is_needed_only_by_eval(with_model, run_cli, bitext, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "sacrebleu", None)
    result = run_cli("eval", "--bitext", str(bitext["vi"]), str(bitext["en"]))
    assert result.exit_code == 2
    assert result.stderr == "error: translit eval needs sacrebleu: pip install 'translit[eval]'\n"


def test_hypothesis_files_are_named_by_what_they_add_to_the_reference():
    ref = Path("d/flores-dev.en")
    paths = [Path(f"d/flores-dev.{s}.en") for s in SYSTEMS]
    assert hypothesis_names(paths, ref) == list(SYSTEMS)
    assert hypothesis_names([Path("a/out.en"), Path("b/out.en")], ref) == ["a/out.en", "b/out.en"]


@pytest.mark.skipif(not FLORES.is_dir(), reason=f"FLORES data not found at {FLORES}")
def test_flores_dev_copy_model_and_five_systems_match_sacrebleu(with_model, run_cli, tmp_path):
    args = ["eval", "--bitext", str(FLORES / "flores-dev.vi"), str(FLORES / "flores-dev.en")]
    for system in SYSTEMS:
        args += ["--hyp", str(FLORES / f"flores-dev.{system}.en")]
    # beam 1: the copy model's output is the same, in a third of the time
    args += ["-m", "translate-vi_en-1_9", "--beam", "1", "--json", "--save", str(tmp_path / "dev")]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["system"] for r in rows] == ["translate-vi_en-1_9", *SYSTEMS]
    for row in rows:
        assert row["sentences"] == 997
        expected = sacrebleu_scores(Path(row["output"]), FLORES / "flores-dev.en")
        assert (row["bleu"], row["chrf"]) == expected, row["system"]
    by_name = {r["system"]: r for r in rows}
    # the ranking FLORES publishes for these systems: google, microsoft ahead of opusmt
    assert by_name["google"]["bleu"] > by_name["nllb"]["bleu"] > by_name["opusmt"]["bleu"]
    assert by_name["translate-vi_en-1_9"]["bleu"] < 5  # the copy model writes no English
