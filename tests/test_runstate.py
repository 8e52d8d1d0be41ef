"""Interrupting a run and running twice: finished work is on disk and is not redone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT
from translit.engines import CT2Engine, EngineOptions
from translit.models import find_model
from translit.pipeline import translate_paths
from translit.runstate import CACHE_DIR, LOCK_FILE, deferred_interrupt, output_lock

SUBJECTS = ["Bộ Y tế", "Ủy ban nhân dân tỉnh", "Ngân hàng Nhà nước", "Trường đại học", "Công ty"]
VERBS = ["công bố", "kiểm tra", "đề xuất", "triển khai", "hoàn thành"]
OBJECTS = ["kế hoạch mới", "dự án cầu đường", "báo cáo quý", "chương trình học bổng"]


def sentence(n: int) -> str:
    """A distinct sentence per n (the numbers keep them apart)."""
    return f"{SUBJECTS[n % 5]} {VERBS[n // 5 % 5]} {OBJECTS[n // 25 % 4]} số {n} trong năm nay."


def write_articles(folder: Path, articles: int, sentences: int) -> Path:
    folder.mkdir()
    for a in range(articles):
        body = " ".join(sentence(a * sentences + s) for s in range(sentences))
        (folder / f"bai-{a:03d}.txt").write_text(f"Tin số {a}\n\n{body}\n", encoding="utf-8")
    return folder


def test_ctrl_c_leaves_finished_articles_complete_and_the_next_run_goes_on(
    copy_models_dir, tmp_path
):
    articles = write_articles(tmp_path / "bai", articles=40, sentences=15)
    out = tmp_path / "out"
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(copy_models_dir),
        "PYTHONPATH": str(ROOT),
    }
    args = [sys.executable, "-m", "translit", "translate", str(articles), "-o", str(out)]
    args += ["--no-glossary", "--chunk-segments", "30"]
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(out.glob("*.po")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.splitlines()[-1].startswith("error: interrupted: finished articles are written")
    assert "Traceback" not in stderr

    done = sorted(p.name.removesuffix(".po") for p in out.glob("*.po"))
    assert 0 < len(done) < 40
    for name in done:  # a finished article has all its files, every sentence translated
        entries = polib.pofile(str(out / f"{name}.po"))
        assert len(entries) == 16 and all(e.msgstr == e.msgid for e in entries)
        assert (out / f"{name}.en.txt").read_text(encoding="utf-8").count("\n") == 3
    for path in out.iterdir():  # and nothing of an unfinished one, no temp file, no lock
        assert path.name.split(".")[0] in done or path.name == CACHE_DIR  # <id>.po, .html, …

    again = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"{16 * len(done)} kept from earlier PO files" in again.stderr
    assert len(list(out.glob("*.po"))) == 40
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


class InterruptedAfter:
    """The real engine; Ctrl-C arrives during its call number `calls` + 1."""

    def __init__(self, engine, calls: int):
        self.engine, self.calls, self.sent = engine, calls, []

    @property
    def fingerprint(self) -> str:
        return self.engine.fingerprint

    def translate(self, texts, progress=None, num_hypotheses=1, **options):
        if self.calls == 0:
            raise KeyboardInterrupt
        self.calls -= 1
        self.sent.extend(texts)
        return self.engine.translate(texts, progress, num_hypotheses, **options)


def test_sentences_translated_before_ctrl_c_are_not_sent_again(with_model, tmp_path):
    # one article of 600 sentences: more than one engine call, so the first call's
    # output is in the run cache when the second is interrupted
    articles = write_articles(tmp_path / "bai", articles=1, sentences=600)
    out = tmp_path / "out"
    real = CT2Engine(find_model())
    first = InterruptedAfter(real, calls=1)
    with pytest.raises(KeyboardInterrupt):
        translate_paths([articles], out, first)
    assert not list(out.glob("*.po"))  # the article was not finished: no files
    assert list((out / CACHE_DIR).iterdir())
    assert not (out / LOCK_FILE).exists()

    second = InterruptedAfter(real, calls=10)
    report = translate_paths([articles], out, second)
    assert report.translated == len(second.sent) == 601 - len(first.sent)
    assert not set(first.sent) & set(second.sent)
    entries = polib.pofile(str(out / "bai-000.po"))
    assert all(e.msgstr == e.msgid for e in entries) and len(entries) == 601
    assert not (out / CACHE_DIR).exists()

    # other settings (beam 2): the cache does not apply, though nobody said so
    other = InterruptedAfter(CT2Engine(find_model(), EngineOptions(beam=2)), calls=10)
    with pytest.raises(KeyboardInterrupt):
        translate_paths([articles], tmp_path / "out2", InterruptedAfter(real, 1))
    translate_paths([articles], tmp_path / "out2", other)
    assert len(other.sent) == 601


def test_a_second_run_on_the_same_output_folder_is_refused(with_model, run_cli, tmp_path):
    write_articles(tmp_path / "bai", articles=2, sentences=2)
    out = tmp_path / "out"
    out.mkdir()
    with output_lock(out):
        result = run_cli("translate", "bai", "-o", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: out: another translit run (pid {os.getpid()}) is writing here; "
        "wait for it to finish or use another --output folder\n"
    )
    assert sorted(p.name for p in out.iterdir()) == []
    assert run_cli("translate", "bai", "-o", "out").exit_code == 0  # free again


def test_ctrl_c_while_files_are_written_waits_for_them():
    finished = []
    with pytest.raises(KeyboardInterrupt), deferred_interrupt():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        finished.append("all files")
    assert finished == ["all files"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_run_cache_keeps_word_alignments_across_runs(tmp_path):
    from translit.engines.base import Link
    from translit.runstate import RunCache

    cache = RunCache(tmp_path / CACHE_DIR, "copy")
    links = (Link(0, 3, 0, 3), Link(4, 7, 5, 8))
    cache.record(["Nga nói.", "Một câu."], ["Nga nói.", "Một câu."], [links, None])
    # a line written before alignments were recorded, and one cut short by Ctrl-C
    path = next((tmp_path / CACHE_DIR).iterdir())
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"source": "Hỏng.", "output": "Bad.", "alignment": [["a", 1, 2, 3]]}\n')
        handle.write('{"source": "Ngắn.", "output": "Short.", "alignment": [[1, 2]]}\n')
        handle.write('{"source": "Cũ.", "output": "Old."}\n{"source": "Cụt", "outp')
    again = RunCache(tmp_path / CACHE_DIR, "copy")
    assert not again.has("Hỏng.") and not again.has("Ngắn.")  # damaged: translated again
    assert again.alignment("Nga nói.") == links and again["Nga nói."] == "Nga nói."
    assert again.has("Nga nói.", aligned=True)
    # no alignment recorded: the text must be translated again when one is needed
    assert again.has("Một câu.") and not again.has("Một câu.", aligned=True)
    assert again["Cũ."] == "Old." and again.alignment("Cũ.") is None
    assert not again.has("Cụt")
