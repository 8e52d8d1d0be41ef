"""`translit translate --shard K/N`: N runs into one folder translate every article once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT
from tests.test_runstate import write_articles
from translit.runstate import CACHE_DIR, LOCK_FILE, RunCache, output_lock
from translit.shard import Shard, shard_of

ARTICLES = 24


def outputs(folder: Path) -> dict[str, object]:
    """What a run leaves in its output folder a user would compare: every file by name,
    PO files as their entries (the header holds the time of the run), others as text."""
    found: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".po":
            found[path.name] = [
                (e.msgctxt, e.msgid, e.msgstr, sorted(e.flags), e.comment)
                for e in polib.pofile(str(path))
            ]
        elif path.suffix == ".html":
            found[path.name] = path.stat().st_size > 0
        else:
            found[path.name] = path.read_bytes()
    return found


def translit(*args: str, copy_models_dir: Path, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(copy_models_dir), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "translit", "translate", *args, "--no-glossary", "-q"]
    return subprocess.Popen(command, cwd=cwd, env=env, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def folder_and_whole(copy_models_dir, tmp_path_factory) -> tuple[Path, dict[str, object]]:
    """A folder of articles, and the files one unsharded run makes of it."""
    root = tmp_path_factory.mktemp("shards")
    articles = write_articles(root / "bai", articles=ARTICLES, sentences=4)
    run = translit(
        str(articles), "-o", str(root / "whole"), copy_models_dir=copy_models_dir, cwd=root
    )
    assert run.wait(timeout=120) == 0, run.stderr.read()
    return articles, outputs(root / "whole")


def test_the_split_is_fixed_by_the_id_and_covers_every_article_once():
    ids = [f"bai-{n}" for n in range(3000)]
    shards = [shard_of(i, 3) for i in ids]
    assert set(shards) == {1, 2, 3}
    assert all(700 < shards.count(k) < 1300 for k in (1, 2, 3))  # roughly even
    # more articles in the folder move none of those there already
    assert [shard_of(i, 3) for i in ids[:100]] == shards[:100]
    assert [Shard(k, 3).holds("bai-7") for k in (1, 2, 3)].count(True) == 1
    assert Shard(1, 1).holds("bai-7")


def test_shards_one_after_another_make_the_files_of_one_run(
    folder_and_whole, copy_models_dir, tmp_path
):
    articles, whole = folder_and_whole
    out = tmp_path / "out"
    seen: list[int] = []
    for k in (1, 2, 3):
        run = translit(
            str(articles),
            "-o",
            str(out),
            "--shard",
            f"{k}/3",
            copy_models_dir=copy_models_dir,
            cwd=tmp_path,
        )
        assert run.wait(timeout=120) == 0, run.stderr.read()
        seen.append(len(list(out.glob("*.po"))))
    assert 0 < seen[0] < seen[1] < seen[2] == ARTICLES  # each shard added its own
    assert outputs(out) == whole  # and nothing else: no lock, cache or temp file left

    # review and check see the whole folder
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    review = subprocess.run(
        [sys.executable, "-m", "translit", "review", str(out), "--no-glossary"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert review.returncode == 0, review.stderr
    assert all(f"bai-{n:03d}" in review.stdout for n in range(ARTICLES))


def test_shards_at_once_into_one_folder_make_the_files_of_one_run(
    folder_and_whole, copy_models_dir, tmp_path
):
    articles, whole = folder_and_whole
    out = tmp_path / "out"
    runs = [
        translit(
            str(articles),
            "-o",
            str(out),
            "--shard",
            f"{k}/3",
            copy_models_dir=copy_models_dir,
            cwd=tmp_path,
        )
        for k in (1, 2, 3)
    ]
    for run in runs:
        assert run.wait(timeout=180) == 0, run.stderr.read()
    assert outputs(out) == whole


def test_a_shard_refuses_its_twin_a_whole_run_and_another_split(
    folder_and_whole, copy_models_dir, tmp_path
):
    articles, whole = folder_and_whole
    out = tmp_path / "out"
    out.mkdir()

    def attempt(*args: str) -> tuple[int, str]:
        run = translit(
            str(articles), "-o", str(out), *args, copy_models_dir=copy_models_dir, cwd=tmp_path
        )
        return run.wait(timeout=120), run.stderr.read()

    with output_lock(out, Shard(1, 3)):  # shard 1/3 running
        code, err = attempt("--shard", "1/3")
        assert code == 2 and err.startswith("error: ") and "another run of shard 1/3" in err
        code, err = attempt()
        assert code == 2 and "translit --shard runs are writing here" in err
        code, err = attempt("--shard", "1/2")
        assert code == 2 and "every --shard run into one folder must use the same N" in err
        assert len(err.splitlines()) == 1
        assert attempt("--shard", "2/3")[0] == 0  # the other shards go on
        assert attempt("--shard", "3/3")[0] == 0
        assert len(list(out.glob("*.po"))) < ARTICLES
    with output_lock(out):  # a whole run (or a save in translit serve) refuses every shard
        code, err = attempt("--shard", "1/3")
        assert code == 2 and f"another translit run (pid {os.getpid()})" in err
    assert attempt("--shard", "1/3")[0] == 0
    assert outputs(out) == whole
    assert not (out / LOCK_FILE).exists()


def test_a_shard_with_no_article_is_no_error(folder_and_whole, copy_models_dir, tmp_path):
    articles, _ = folder_and_whole
    one = tmp_path / "one"
    one.mkdir()
    (one / "bai-000.txt").write_bytes((articles / "bai-000.txt").read_bytes())
    empty = next(k for k in (1, 2) if not Shard(k, 2).holds("bai-000"))
    run = translit(
        str(one),
        "-o",
        str(tmp_path / "out"),
        "--shard",
        f"{empty}/2",
        copy_models_dir=copy_models_dir,
        cwd=tmp_path,
    )
    assert run.wait(timeout=60) == 0, run.stderr.read()
    assert not list((tmp_path / "out").glob("*.po"))


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("3", "give K/N"),
        ("0/3", "K must be 1 to 3"),
        ("4/3", "K must be 1 to 3"),
        ("1/0", "N must be 1 to"),
        ("a/b", "give K/N"),
        ("1/99999999", "give K/N"),
    ],
)
def test_a_bad_shard_is_one_line(run_cli, tmp_path, spec, says):
    (tmp_path / "a.txt").write_text("Xin chào.\n", encoding="utf-8")
    result = run_cli("translate", "a.txt", "--no-mt", "--shard", spec)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert result.output.startswith("error: --shard") and says in result.output


def test_a_shard_ending_keeps_the_others_run_cache(tmp_path):
    folder = tmp_path / CACHE_DIR
    first, second = RunCache(folder, "engine", Shard(1, 2)), RunCache(folder, "engine", Shard(2, 2))
    first.record(["Xin chào."], ["Hello."])
    second.record(["Tạm biệt."], ["Goodbye."])
    first.discard()
    assert "Tạm biệt." in RunCache(folder, "engine", Shard(2, 2))  # resumable still
    assert "Xin chào." not in RunCache(folder, "engine", Shard(1, 2))
    second.discard()
    assert not folder.exists()


def test_a_link_planted_where_a_shard_lock_goes_is_refused(tmp_path):
    from translit.runstate import LockedError, shard_lock_name

    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (out / shard_lock_name(Shard(2, 3))).symlink_to(victim)
    with pytest.raises(LockedError, match="symbolic link") as caught, output_lock(out, Shard(2, 3)):
        pass
    assert len(str(caught.value).splitlines()) == 1
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    with output_lock(out, Shard(1, 3)):  # the other shards are not affected
        pass
    assert not (out / LOCK_FILE).exists()


def test_a_writer_killed_mid_write_leaves_nothing_for_the_next_run(run_cli, with_model, tmp_path):
    """A worker killed between writing an output's temporary file and renaming it (a
    lost Ray worker, a SIGKILL) leaves `.<file>.<8 characters>.tmp`: the next run that
    writes the article removes it, and nothing that merely looks alike."""
    (tmp_path / "a.txt").write_text("Xin chào.\n", encoding="utf-8")
    out = tmp_path / "outputs"
    out.mkdir()
    stale = [out / ".a.po.k3x9q_2m.tmp", out / ".a.html.abcdefgh.tmp"]
    for path in stale:
        path.write_text("half of a file", encoding="utf-8")
    kept = [out / ".a.po.notes.tmp", out / ".b.po.abcdefgh.tmp", out / "a.po.abcdefgh.tmp"]
    for path in kept:
        path.write_text("not ours to remove", encoding="utf-8")
    result = run_cli("translate", "a.txt", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in kept)


def test_shards_of_a_folder_tree_make_the_files_of_one_recursive_run(copy_models_dir, tmp_path):
    """With --recursive an id holds its folders (2021/bai-1), and two a.txt in two folders
    are two articles: the shards split by that id and mirror the tree as one run does."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for year in ("2021", "2022"):
        write_articles(tree / year, articles=6, sentences=2)
    whole = translit(
        str(tree),
        "-r",
        "-o",
        str(tmp_path / "whole"),
        copy_models_dir=copy_models_dir,
        cwd=tmp_path,
    )
    assert whole.wait(timeout=120) == 0, whole.stderr.read()
    out = tmp_path / "out"
    for k in (1, 2):
        run = translit(
            str(tree), "-r", "-o", str(out), "--shard", f"{k}/2",
            copy_models_dir=copy_models_dir, cwd=tmp_path,
        )  # fmt: skip
        assert run.wait(timeout=120) == 0, run.stderr.read()
    for year in ("2021", "2022"):
        assert outputs(out / year) == outputs(tmp_path / "whole" / year)
        assert len(list((out / year).glob("*.po"))) == 6
