"""What a new user hit on a fresh clone (issue 13), each through the real CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, run_subprocess
from translit.cli import app

ARTICLE = "Các bên đã hội đàm.\n\nCuộc gặp diễn ra tốt đẹp.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bai.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_segment_of_a_folder_says_it_wants_a_file(run_cli, tmp_path, article):
    result = run_cli("segment", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path}: a folder; translit segment shows one article's segments: "
        f"give a file, e.g. {article}\n"
    )
    assert run_cli("segment", str(article)).stdout.startswith("p1.s1\tCác bên đã hội đàm.")


def test_an_article_path_that_is_a_folder_is_one_line(no_model, run_cli, tmp_path):
    (tmp_path / "thu-muc.txt").mkdir()  # a folder named like an article
    result = run_cli("segment", "thu-muc.txt")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def _pipe_closed_after_one_line(*args: str, cwd: Path) -> tuple[int, str]:
    """Run translit with stdout read by a reader that quits after one line (`| head -1`)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "translit", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # far more than a pipe's buffer is still to come
    err = proc.stderr.read().decode()
    return proc.wait(timeout=120), err


def test_check_piped_into_head_keeps_its_exit_code(tmp_path):
    lines = 4000  # about 300 KB of findings: the pipe is closed while they are written
    (tmp_path / "a.vi").write_text("Ngoại trưởng Nga tới Kiev.\n" * lines, encoding="utf-8")
    (tmp_path / "a.en").write_text("The Russian foreign minister went to Kiev.\n" * lines)
    code, err = _pipe_closed_after_one_line("check", "--bitext", "a.vi", "a.en", cwd=tmp_path)
    assert (code, err) == (1, "")  # errors found
    code, err = _pipe_closed_after_one_line(
        "check", "--bitext", "a.vi", "a.en", "--fail-on", "never", cwd=tmp_path
    )
    assert (code, err) == (0, "")  # what --fail-on never says, not the broken pipe


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_output_to_a_full_disk_is_one_line_not_a_traceback(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    article = ROOT / "examples" / "thuong-dinh-truc-tuyen.txt"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "translit", "segment", str(article)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr == "error: cannot write the output (No space left on device)\n"


def test_format_xlf_is_xliff(no_model, run_cli, tmp_path, article):
    result = run_cli("translate", str(article), "-o", "out", "--no-mt", "--format", "po,xlf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bai.po", "bai.xlf"]
    assert run_cli("build", "out", "--format", "xlf").exit_code == 0


def test_installing_a_model_of_the_same_name_says_it_replaced_it(
    monkeypatch, tmp_path, copy_package
):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    runner = CliRunner()
    first = runner.invoke(app, ["models", "install", str(copy_package)])
    assert first.exit_code == 0 and "replaced" not in first.output
    again = runner.invoke(app, ["models", "install", str(copy_package)])
    assert again.exit_code == 0
    assert again.stdout.startswith("replaced the installed model of the same name (")
    assert len(list((tmp_path / "packages").iterdir())) == 1


def test_device_cuda_without_a_gpu_says_so(with_model, run_cli, article):
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA GPU")
    result = run_cli("translate", str(article), "-o", "out", "--device", "cuda")
    assert result.exit_code == 3
    assert result.stderr == (
        "error: device cuda: no NVIDIA GPU is usable on this machine (none found, or no "
        "CUDA driver for it); use --device cpu, or auto to use a GPU only when there is one\n"
    )


def test_review_open_without_a_browser_says_so(no_model, run_cli, tmp_path, article):
    assert run_cli("translate", str(article), "-o", "out", "--no-mt").exit_code == 0
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    empty = tmp_path / "no-programs"
    empty.mkdir()
    env.pop("BROWSER", None)
    env["PATH"] = str(empty)  # no browser, no xdg-open: nothing webbrowser can run
    result = run_subprocess("review", "out", "--open", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "bai.html").resolve().as_uri()
    assert result.stderr == (
        f"warning: no web browser found to open {page}; open it yourself "
        "(or set BROWSER to the browser's command)\n"
    )


def test_build_defaults_to_the_configured_output_folder(no_model, run_cli, tmp_path, article):
    assert run_cli("translate", str(article), "--no-mt").exit_code == 0  # into outputs/
    english = tmp_path / "outputs" / "bai.en.txt"
    english.unlink()
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert english.exists()
    (tmp_path / "translit.toml").write_text('output = "desk"\n', encoding="utf-8")
    assert run_cli("translate", str(article), "--no-mt").exit_code == 0
    (tmp_path / "desk" / "bai.html").unlink()
    assert run_cli("build").exit_code == 0 and (tmp_path / "desk" / "bai.html").exists()


DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): ([^"\\]*)\\n"$', re.MULTILINE)
OLD = "2020-01-02 03:04+0000"


def _age(po_path: Path) -> str:
    """Date the PO back to 2020, as a run long ago wrote it; return its text."""
    text = DATES.sub(lambda m: f'"{m[1]}: {OLD}\\n"', po_path.read_text(encoding="utf-8"))
    po_path.write_text(text, encoding="utf-8")
    return text


def _dates(po_path: Path) -> dict[str, str]:
    return dict(DATES.findall(po_path.read_text(encoding="utf-8")))


def test_po_dates_change_only_when_an_entry_changes(with_model, run_cli, tmp_path, article):
    assert run_cli("translate", str(article), "-o", "out", "-q").exit_code == 0
    po_path = tmp_path / "out" / "bai.po"
    before = _age(po_path)
    assert run_cli("translate", str(article), "-o", "out", "-q").exit_code == 0
    assert po_path.read_text(encoding="utf-8") == before  # nothing changed: not a byte

    po = polib.pofile(str(po_path))  # a reviewer approves an entry; the run keeps it
    po[0].flags = []
    po.save()
    before = _age(po_path)
    assert run_cli("translate", str(article), "-o", "out", "-q").exit_code == 0
    assert po_path.read_text(encoding="utf-8") == before

    article.write_text(ARTICLE + "\nHọ sẽ gặp lại.\n", encoding="utf-8")  # a new sentence
    assert run_cli("translate", str(article), "-o", "out", "-q").exit_code == 0
    dates = _dates(po_path)
    assert dates["POT-Creation-Date"] != OLD and dates["PO-Revision-Date"] != OLD

    po = polib.pofile(str(po_path))  # the English of one entry is cleared: the run fills it
    po[1].msgstr = ""
    po.save()
    _age(po_path)
    assert run_cli("translate", str(article), "-o", "out", "-q").exit_code == 0
    dates = _dates(po_path)
    assert dates["POT-Creation-Date"] == OLD and dates["PO-Revision-Date"] != OLD
    assert polib.pofile(str(po_path))[1].msgstr


def test_a_rerun_keeps_how_each_term_got_in(with_model, run_cli, tmp_path):
    """The PO says how verify put each term into the English (`(aligned)`); a re-run
    that changes nothing must keep saying it, or a desk keeping POs in git sees every
    comment change."""
    article = tmp_path / "tin.txt"
    article.write_text("Ngoại trưởng Nga S.Lavrov đến Mátxcơva ngày 7.12.\n", encoding="utf-8")
    assert run_cli("translate", str(article), "-o", "out", "-q").exit_code == 0
    po_path, page = tmp_path / "out" / "tin.po", tmp_path / "out" / "tin.html"
    (entry,) = polib.pofile(str(po_path))
    assert "glossary: Nga → Russia (aligned)" in entry.comment.splitlines()
    before, page_before = _age(po_path), page.read_text(encoding="utf-8")
    again = run_cli("translate", str(article), "-o", "out")
    assert again.exit_code == 0
    assert po_path.read_text(encoding="utf-8") == before
    assert "(aligned)" in page.read_text(encoding="utf-8")
    assert page.read_text(encoding="utf-8").count("(aligned)") == page_before.count("(aligned)")
    assert "kept; 0 missing" in again.stderr  # the summary: nothing new was put in
