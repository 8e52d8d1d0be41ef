"""A reviewer saving PO files while `translit translate` runs never loses a save.

The run is a real process on the base-size copy model (it costs what the real model
costs per token, so the run lasts long enough to be interrupted everywhere); the
reviewer is this test's process, saving the review files again and again the two ways
editors save (a new file renamed into place, as Poedit does, and rewriting the file in
place) at every moment of the run: before the engine starts, while it translates,
while the articles' files are written.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, install_into
from tests.copymodel import build_copy_package
from tests.test_runstate import write_articles
from translit.pipeline import translate_paths


@pytest.fixture(scope="module")
def base_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    package = build_copy_package(tmp_path_factory.mktemp("base-model"), size="base")
    packages = tmp_path_factory.mktemp("packages-base")
    install_into(package, packages)
    return packages


class Reviewer:
    """Someone in Poedit: the files as they were opened, one more entry approved at each
    save, saving each file until the run has written it (and not after: a save after
    the run's write would put back anything the write lost)."""

    def __init__(self, paths: list[Path]) -> None:
        self.buffers = {path: polib.pofile(str(path)) for path in paths}
        self.approved: dict[Path, dict[str, str]] = {path: {} for path in paths}
        self.last: dict[Path, str] = {path: path.read_text(encoding="utf-8") for path in paths}
        self.saves = 0

    def busy(self) -> list[Path]:
        """The files the run has not written yet."""
        return [p for p in self.buffers if p.read_text(encoding="utf-8") == self.last[p]]

    def save_one(self, rng: random.Random) -> None:
        busy = self.busy()
        if not busy:
            return
        path = rng.choice(busy)
        po = self.buffers[path]
        entry = po[len(self.approved[path]) % len(po)]
        entry.msgstr = f"Reviewed {path.stem} {entry.msgctxt} at save {self.saves}."
        entry.flags = []
        self.approved[path][entry.msgctxt] = entry.msgstr
        text = str(po)
        if self.saves % 2:
            tmp = path.with_name(f".{path.name}.poedit")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        else:
            with path.open("w", encoding="utf-8") as handle:
                handle.write(text)
        self.last[path] = text
        self.saves += 1


def check_nothing_lost(reviewer: Reviewer) -> None:
    for path, approved in reviewer.approved.items():
        entries = {e.msgctxt: e for e in polib.pofile(str(path))}
        for key, english in approved.items():
            assert (entries[key].msgstr, entries[key].fuzzy) == (english, False), (path, key)


def test_a_reviewer_saving_at_any_moment_of_a_run_loses_nothing(base_models_dir, tmp_path):
    articles = write_articles(tmp_path / "bai", articles=4, sentences=15)
    out = tmp_path / "out"
    translate_paths([articles], out, None)  # files for the reviewer to start on
    reviewer = Reviewer(sorted(out.glob("*.po")))
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(base_models_dir), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "translit", "translate", str(articles), "-o", str(out)]
    command += ["--no-glossary", "--beam", "1", "--chunk-segments", "16", "-q"]
    rng = random.Random(12)
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        while proc.poll() is None:
            reviewer.save_one(rng)
            time.sleep(rng.uniform(0, 0.04))
        _, stderr = proc.communicate(timeout=120)
    finally:
        proc.kill()
    # An article whose PO is saved again every time the run merges it (a reviewer
    # faster than the machine) may be left for the next run, saying so; nothing else
    # goes wrong.
    left = [line for line in stderr.splitlines() if "saved again and again" in line]
    assert (proc.returncode, stderr.splitlines()) in ((0, []), (2, left)), stderr
    assert reviewer.saves >= 20  # saves came all through the run
    check_nothing_lost(reviewer)
    # A file the reviewer saved once more right after the run wrote it is the reviewer's
    # save (their buffer, without the run's English): the next run fills that in.
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    check_nothing_lost(reviewer)
    for path in reviewer.approved:
        entries = polib.pofile(str(path))
        machine = [e for e in entries if e.msgctxt not in reviewer.approved[path]]
        assert all(e.fuzzy and e.msgstr == e.msgid for e in machine)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
