"""The benchmarks still run: each script with --quick (tiny sizes) prints its table.

No timing is asserted here (the numbers belong to the full runs, by hand); only that
a script that a user runs by hand has not rotted: it exits 0, prints the machine it
ran on and a results table with a row per contender.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # each runs a benchmark script: skip locally with -m "not slow"


def run_benchmark(name: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / f"{name}.py"), "--quick", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "CPU: " in done.stdout and "Python " in done.stdout  # the machine description
    return done.stdout


def table_rows(output: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header starts with `header`."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header}"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_throughput_compares_argos_raw_ctranslate2_and_translit():
    rows = table_rows(run_benchmark("throughput"), "contender")
    names = [row[0] for row in rows]
    assert any(n.startswith("A ") for n in names) and any(n.startswith("B ") for n in names)
    assert any("translate_documents" in n for n in names)
    assert any("translate_paths" in n for n in names)
    assert all(float(row[1]) > 0 for row in rows)  # every contender ran and was timed


def test_throughput_sweep_lists_engine_settings_and_argos_threads():
    output = run_benchmark("throughput", "--sweep")
    names = [row[0] for row in table_rows(output, "engine setting")]
    assert names[0].startswith("defaults")
    assert any(n.startswith("--beam 1") for n in names)
    assert any("float32" in n for n in names) and any("batch_tokens" in n for n in names)
    argos = [row[0] for row in table_rows(output, "A's threads")]
    assert argos[0] == "intra_threads 1" and len(argos) == 3


def test_terms_times_each_term_strategy_and_says_how_terms_got_in():
    output = run_benchmark("terms")
    rows = table_rows(output, "strategy")
    names = [row[0] for row in rows]
    assert names[:4] == ["verify (default)", "verify, no alignment", "inline", "placeholder"]
    assert all(float(row[1]) > 0 for row in rows)
    # the copy model writes no English: verify repairs by alignment, one engine call
    assert "aligned" in rows[0][9] and rows[0][7] == "1"
    assert "inline" in rows[1][9] and rows[1][7] == "2"
    first = [row[0] for row in table_rows(output, "first pass")]
    assert first == ["engine alone", "engine alone, with attention"]


def test_startup_times_the_short_commands():
    output = run_benchmark("startup")
    names = [row[0] for row in table_rows(output, "command")]
    assert "translit --help" in names and "translit glossary list" in names
    assert "Heavy modules loaded by `import translit.cli`: none" in output


def test_glossary_scale_times_each_size_against_a_regex():
    rows = table_rows(run_benchmark("glossary_scale"), "entries")
    assert len(rows) >= 2
    assert all(int(row[6].replace(",", "")) > 0 for row in rows)  # the matcher found names


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_memory_reports_the_peak_of_a_real_translate_run():
    rows = table_rows(run_benchmark("memory"), "run")
    assert rows[0][0] == "1 article" and rows[-1][0] == "20 articles"
    assert all(float(row[2]) > 10 for row in rows)  # peak MB: a Python process was measured


def test_names_scores_a_text_against_what_a_reader_marked():
    rows = table_rows(run_benchmark("names"), "found")
    assert rows == [["10", "10", "10", "0", "0", "1.000", "1.000"]]


def test_number_checks_count_findings_per_english_when_flores_is_there():
    output = run_benchmark("number_checks")
    if "FLORES-200 not found" in output:
        pytest.skip("FLORES-200 is not on this machine: the script says so and measures nothing")
    rows = table_rows(output, "English")
    assert [row[0] for row in rows] == [
        "human reference", "google", "microsoft", "nllb", "opusmt", "bergamot-tiny",
    ]  # fmt: skip
    assert all(int(row[1]) == 200 and int(row[2]) > 0 for row in rows)  # --quick: 100 a split


def test_cluster_compares_a_local_run_with_ray_workers():
    pytest.importorskip("ray", reason="the ray extra is not installed")
    output = run_benchmark("cluster")
    rows = table_rows(output, "beam")
    assert [row[1] for row in rows[:3]] == [
        "local, 2 threads",
        "local, 1 thread",
        "Ray, 2 workers × 1 thread",
    ]
    assert {row[0] for row in rows} == {"4", "1"}
    assert "Ray overhead" in output and "per CPU second" in output
