"""`translit translate --ray`: the same files as a local run, on a local Ray cluster.

One Ray instance (2 CPUs) for the module, started and stopped here: Ray is slow to
start, so the tests share it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT
from tests.test_runstate import sentence
from tests.test_shard import outputs
from translit.cluster import ClusterError, ClusterOptions, translate_on_ray
from translit.config import load_config
from translit.engines import CT2Engine, EngineOptions
from translit.glossary import default_glossaries, load_glossaries
from translit.glossary.enforce import term_policy
from translit.models import find_model
from translit.pipeline import translate_paths

CAPTION = "Ảnh: Thông tấn xã Việt Nam."  # the same in every article: translated once per worker

# Ray is slow to start (skip locally with -m "not slow"); Ray Data reads its own
# deprecated settings when it starts
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def write_folder(folder: Path, articles: int, sentences: int = 6) -> Path:
    """Articles with glossary terms, numbers, and one caption they all share."""
    folder.mkdir()
    for a in range(articles):
        body = " ".join(sentence(a * sentences + s) for s in range(sentences))
        head = f"Tin số {a}: bà Trần Thị Mai đến Mátxcơva"
        text = f"{head}\n\n{body} Ông J.Biden nói 1.500.000 người.\n\n{CAPTION}\n"
        (folder / f"bai-{a:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    import logging

    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    yield ray
    ray.shutdown()


@pytest.fixture
def setup(with_model):
    """The copy model and the shipped glossary, as translate would find them."""
    model = find_model()
    policy = term_policy(load_glossaries(default_glossaries(load_config(), ())), "inline")
    return model, policy


def local_run(folder: Path, out: Path, model, policy):
    engine = CT2Engine(model, EngineOptions(beam=4, threads=2))
    return translate_paths([folder], out, engine, model_label=model.label, policy=policy)


def ray_run(folder: Path, out: Path, model, policy, **cluster):
    options = ClusterOptions(**{"workers": 2, **cluster})
    return translate_on_ray(
        [folder],
        out,
        model,
        EngineOptions(beam=4),
        cluster=options,
        policy=policy,
        model_label=model.label,
    )


def test_a_ray_run_writes_what_a_local_run_writes(ray_cluster, setup, tmp_path):
    model, policy = setup
    folder = write_folder(tmp_path / "bai", articles=12)
    local = local_run(folder, tmp_path / "local", model, policy)
    on_ray = ray_run(folder, tmp_path / "ray", model, policy, articles_per_task=3)
    assert on_ray.errors == [] and local.errors == []
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    counts = ("articles", "segments", "hits", "applied", "missing", "names", "names_kept")
    assert [getattr(on_ray, n) for n in counts] == [getattr(local, n) for n in counts]
    assert on_ray.hits > 0 and on_ray.applied == on_ray.hits and on_ray.names > 0
    # the caption and the quote every article has go to each worker's model once at most
    assert local.translated <= on_ray.translated <= local.translated + 2 * (2 - 1)
    header = polib.pofile(str(tmp_path / "ray" / "bai-000.po")).metadata
    assert header["X-Translit-Engine"] == CT2Engine(model, EngineOptions(beam=4)).fingerprint

    again = ray_run(folder, tmp_path / "ray", model, policy)  # resumable: nothing left to do
    assert again.translated == 0 and again.kept == local.segments
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")


def test_the_cli_runs_on_ray_and_a_failing_article_is_reported(
    ray_cluster, run_cli, with_model, tmp_path
):
    folder = write_folder(tmp_path / "bai", articles=3)
    (folder / "hong.txt").write_bytes(b"\x00\x01binary")  # fails on its worker
    result = run_cli("translate", "--ray", str(folder), "-o", "out", "--workers", "2")
    assert result.exit_code == 2, result.output
    assert "error: " in result.output and "hong.txt: looks like a binary file" in result.output
    assert "3 articles" in result.output
    assert len(list((tmp_path / "out").glob("*.po"))) == 3


def _worker_pids() -> list[int]:
    """Processes running a translit ArticleWorker (Ray names them after the class)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"ArticleWorker" in cmdline:
            pids.append(int(entry.name))
    return pids


def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(ray_cluster, setup, tmp_path):
    model, policy = setup
    folder = write_folder(tmp_path / "bai", articles=40, sentences=10)
    local_run(folder, tmp_path / "local", model, policy)
    out = tmp_path / "ray"
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["report"] = ray_run(folder, out, model, policy, articles_per_task=2)
        except ClusterError as err:
            outcome["error"] = err

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 120
    while not list(out.glob("*.po")) and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.01)
    victims = _worker_pids()
    assert victims, "no worker process found"
    os.kill(victims[0], signal.SIGKILL)
    at_kill = len(list(out.glob("*.po")))
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert at_kill < 40  # killed mid-run
    report = outcome.get("report")
    if report is not None:  # Ray restarted the worker and gave its articles out again
        assert report.articles + len(report.errors) == 40
    # the run either went on (Ray restarted the worker and gave its articles out again)
    # or failed with one line; in both cases the next run completes everything
    ray_run(folder, out, model, policy)
    assert outputs(out) == outputs(tmp_path / "local")  # every article once, complete
    for po in out.glob("*.po"):
        keys = [entry.msgctxt for entry in polib.pofile(str(po))]
        assert len(keys) == len(set(keys))
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_without_ray_the_option_says_what_to_install(tmp_path):
    """--ray where Ray is not installed: one line, exit 2 (a package `ray` that cannot
    be imported stands in for the missing one)."""
    fake = tmp_path / "no-ray" / "ray"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named ray')\n")
    (tmp_path / "a.txt").write_text("Xin chào.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake.parent), str(ROOT)])}
    result = subprocess.run(
        [sys.executable, "-m", "translit", "translate", "a.txt", "--no-mt", "--ray"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert (
        result.stderr == "error: --ray needs Ray, an optional extra: pip install 'translit[ray]'\n"
    )
    assert not (tmp_path / "outputs").exists()


def test_an_address_that_does_not_answer_is_one_line(run_cli, tmp_path):
    pytest.importorskip("ray", reason="the ray extra is not installed")
    (tmp_path / "a.txt").write_text("Xin chào.\n", encoding="utf-8")
    result = run_cli("translate", "a.txt", "--no-mt", "--ray", "127.0.0.1:1")
    assert result.exit_code == 2
    assert result.output == (
        "error: --ray: cannot reach Ray at 127.0.0.1:1 (Connection refused); "
        "is `ray start --head` running there?\n"
    )
    assert not (tmp_path / "outputs").exists()


def test_worker_options_without_ray_are_refused(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Xin chào.\n", encoding="utf-8")
    result = run_cli("translate", "a.txt", "--no-mt", "--workers", "4")
    assert result.exit_code == 2
    assert result.output == "error: --workers, --worker-cpus and --worker-gpus go with --ray\n"
