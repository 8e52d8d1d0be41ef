"""Bad article input through the real CLI: one clear line per bad file, the rest done.

Every case checks what a user sees: the exact message, the exit code, no traceback,
no partial output for the bad file, and the other articles of the run translated.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT
from translit import legacy

GOOD = "Ông Lê Minh đến Hà Nội hôm thứ Hai.\n\nBà Trần Thị Hương nói rằng cuộc gặp rất tốt.\n"
# GOOD as the copy model gives it back without a glossary: its names romanized
GOOD_COPIED = (
    "Ông Le Minh đến Ha Noi hôm thứ Hai.\n\nBà Tran Thi Huong nói rằng cuộc gặp rất tốt.\n"
)
OLD = "Người dân ở Đà Nẵng đã chờ đợi điều này từ lâu. Họ nói rằng giá dầu tăng."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one good article; tests add bad ones beside it."""
    path = tmp_path / "bai"
    path.mkdir()
    (path / "tot.txt").write_text(GOOD, encoding="utf-8")
    return path


def outputs(tmp_path: Path) -> list[str]:
    out = tmp_path / "out"
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


def msgids(path: Path) -> list[str]:
    return [entry.msgid for entry in polib.pofile(str(path))]


def errors(result) -> list[str]:
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


# ── encodings ───────────────────────────────────────────────────────────────────


def test_legacy_files_are_refused_and_the_rest_translated(with_model, run_cli, folder, tmp_path):
    (folder / "cu-vni.txt").write_bytes(legacy.encode(OLD, "vni"))
    mojibake = legacy.encode(OLD, "tcvn3").decode("cp1252")  # saved from a browser
    (folder / "web.txt").write_text(mojibake, encoding="utf-8")
    result = run_cli("translate", str(folder), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {folder / 'cu-vni.txt'}: not UTF-8 but VNI, a legacy Vietnamese encoding; "
        "run again with --from-encoding vni, or save the file as UTF-8",
        f"error: {folder / 'web.txt'}: TCVN3 (ABC) text that was mis-decoded and saved as "
        "UTF-8 ('Ng\\xadêi' for 'Người'); run again with --from-encoding tcvn3 to repair it",
    ]
    assert outputs(tmp_path) == ["tot.en.txt", "tot.html", "tot.po"]


def test_from_encoding_converts_and_leaves_utf8_alone(with_model, run_cli, folder, tmp_path):
    (folder / "cu-vni.txt").write_bytes(legacy.encode(OLD, "vni"))
    mojibake = legacy.encode(OLD, "vni").decode("cp1252")
    (folder / "web.txt").write_text(mojibake, encoding="utf-8")
    result = run_cli("translate", str(folder), "-o", "out", "--from-encoding", "vni")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    sentences = ["Người dân ở Đà Nẵng đã chờ đợi điều này từ lâu.", "Họ nói rằng giá dầu tăng."]
    assert msgids(out / "cu-vni.po") == sentences
    assert msgids(out / "web.po") == sentences
    assert msgids(out / "tot.po")[0] == "Ông Lê Minh đến Hà Nội hôm thứ Hai."


def test_a_wrong_from_encoding_names_the_right_one(with_model, run_cli, folder, tmp_path):
    (folder / "cu.txt").write_bytes(legacy.encode(OLD, "tcvn3"))
    result = run_cli("translate", str(folder), "-o", "out", "--from-encoding", "viscii")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {folder / 'cu.txt'}: does not read as VISCII text; it looks like "
        "TCVN3 (ABC): use --from-encoding tcvn3"
    ]
    assert outputs(tmp_path) == ["tot.en.txt", "tot.html", "tot.po"]


def test_an_unknown_from_encoding_is_a_usage_error(with_model, run_cli, folder):
    result = run_cli("translate", str(folder), "--from-encoding", "latin1")
    assert result.exit_code == 2
    assert "Invalid value for '--from-encoding'" in result.output
    assert "'tcvn3', 'vni', 'viscii', 'cp1258'" in result.output


def test_segment_reads_legacy_text_with_the_option(run_cli, tmp_path):
    path = tmp_path / "cu.txt"
    path.write_bytes(legacy.encode(OLD, "viscii"))
    refused = run_cli("segment", str(path))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"error: {path}: not UTF-8 but VISCII, a legacy Vietnamese encoding; "
        "run again with --from-encoding viscii, or save the file as UTF-8\n"
    )
    result = run_cli("segment", str(path), "--from-encoding", "viscii")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "p1.s1\tNgười dân ở Đà Nẵng đã chờ đợi điều này từ lâu.",
        "p1.s2\tHọ nói rằng giá dầu tăng.",
    ]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(GOOD.encode("utf-16"), id="utf-16-bom"),
        pytest.param(unicodedata.normalize("NFD", GOOD).encode(), id="nfd"),
        pytest.param(GOOD.replace("\n\n", "\r\n\n").replace("\n", "\r\n", 1).encode(), id="crlf"),
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), id="utf-8-bom"),
    ],
)
def test_other_ways_to_write_the_same_article_give_the_same_output(
    with_model, run_cli, tmp_path, data
):
    (tmp_path / "a.txt").write_bytes(data)
    result = run_cli("translate", "a.txt", "-o", "out", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert msgids(tmp_path / "out" / "a.po") == [
        "Ông Lê Minh đến Hà Nội hôm thứ Hai.",
        "Bà Trần Thị Hương nói rằng cuộc gặp rất tốt.",
    ]
    assert (tmp_path / "out" / "a.en.txt").read_bytes() == GOOD_COPIED.encode()


# ── empty, binary, odd files ────────────────────────────────────────────────────


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n  \n", "\u00a0\u3000\n".encode()])
def test_empty_and_whitespace_only_articles_are_skipped_with_a_warning(
    with_model, run_cli, folder, tmp_path, content
):
    (folder / "rong.txt").write_bytes(content)
    result = run_cli("translate", str(folder), "-o", "out")
    assert result.exit_code == 0
    assert f"warning: {folder / 'rong.txt'}: empty article, skipped\n" in result.stderr
    assert outputs(tmp_path) == ["tot.en.txt", "tot.html", "tot.po"]


def test_binary_file_with_an_article_name(with_model, run_cli, folder, tmp_path):
    (folder / "anh.md").write_bytes(bytes(range(256)) * 4)
    result = run_cli("translate", str(folder), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {folder / 'anh.md'}: looks like a binary file, not a text article"
    ]
    assert outputs(tmp_path) == ["tot.en.txt", "tot.html", "tot.po"]


def test_unreadable_entries_in_a_folder_are_each_reported(with_model, run_cli, folder, tmp_path):
    # as root chmod 000 does not stop reading; these fail for everyone
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")  # reading would wait for a writer forever
    (folder / "thu-muc.txt").mkdir()  # a folder with an article's name is not an entry
    result = run_cli("translate", str(folder), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {folder / 'gone.txt'}: broken symbolic link (its target does not exist)",
        f"error: {folder / 'loop.txt'}: cannot read (Too many levels of symbolic links)",
        f"error: {folder / 'pipe.txt'}: is a named pipe (FIFO), not a regular file",
    ]
    assert outputs(tmp_path) == ["tot.en.txt", "tot.html", "tot.po"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_a_file_without_read_permission(with_model, run_cli, folder, tmp_path):
    locked = folder / "khoa.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        result = run_cli("translate", str(folder), "-o", "out")
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 2
    assert errors(result) == [f"error: {locked}: cannot read (Permission denied)"]
    assert outputs(tmp_path) == ["tot.en.txt", "tot.html", "tot.po"]


def test_a_named_fifo_or_device_is_refused_without_waiting(with_model, run_cli, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_cli("translate", "pipe.txt", "/dev/zero", "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [
        "error: pipe.txt: is a named pipe (FIFO), not a regular file",
        "error: /dev/zero: is a device, not a regular file",
    ]
    assert not (tmp_path / "out").exists() or outputs(tmp_path) == []


def test_a_missing_path_among_others_does_not_stop_the_run(with_model, run_cli, folder, tmp_path):
    result = run_cli("translate", "khong-co.txt", str(folder), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == ["error: khong-co.txt: no such file or directory"]
    assert outputs(tmp_path) == ["tot.en.txt", "tot.html", "tot.po"]
    assert "1 article" in result.stderr


# ── output directory ────────────────────────────────────────────────────────────


def test_output_under_a_regular_file_is_one_clear_error(with_model, run_cli, folder, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    result = run_cli("translate", str(folder), "-o", "notes.txt/out")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: notes.txt/out: cannot create output directory (Not a directory)\n"
    )
    assert (tmp_path / "notes.txt").read_text() == "a file, not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only directory")
def test_read_only_output_directory(with_model, run_cli, folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run_cli("translate", str(folder), "-o", "out")
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr == "error: out: output directory is not writable (Permission denied)\n"


# ── size ────────────────────────────────────────────────────────────────────────

MB = 1024 * 1024


def test_a_20_mb_single_line_article_is_translated(with_model, run_cli, tmp_path):
    # one line: two sentences around 20 MB of spaces (the engine sees two sentences,
    # reading, normalizing, splitting and segmenting see the whole line)
    path = tmp_path / "dai.txt"
    with path.open("wb") as handle:
        handle.write("Câu đầu tiên ở Hà Nội.".encode())
        handle.write(b" " * (20 * MB))
        handle.write("Câu cuối cùng ở Huế.".encode())
    result = run_cli("translate", "dai.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    assert msgids(tmp_path / "out" / "dai.po") == ["Câu đầu tiên ở Hà Nội.", "Câu cuối cùng ở Huế."]


# `translit segment` in a child process that reports its own peak memory (KiB, Linux):
# VmHWM, not ru_maxrss, which Linux carries over from the forked test process (several
# hundred MB once earlier tests ran) across exec.
PEAK = (
    "import re, runpy, sys\n"
    "sys.argv = ['translit', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('translit', run_name='__main__')\n"
    "finally:\n"
    "    status = open('/proc/self/status').read()\n"
    "    print('peak', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/status (Linux)")
def test_a_20_mb_single_line_of_sentences_segments_in_bounded_memory(tmp_path):
    sentence = "Tối 7.12, ông Lê Minh và bà Trần Thị Hương gặp nhau ở Hà Nội trong 2 giờ. "
    count = 20 * MB // len(sentence.encode())
    (tmp_path / "dai.txt").write_text(sentence * count, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PEAK, "segment", "dai.txt"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-500:]
    lines = result.stdout.splitlines()
    assert len(lines) == count and lines[-1] == f"p1.s{count}\t{sentence.strip()}"
    peak_mb = int(result.stderr.split("peak ")[-1]) / 1024
    # each sentence is held once (about 10x the file with Python's objects): bounded
    assert peak_mb < 20 * 20, f"peak {peak_mb:.0f} MB for a 20 MB file"
