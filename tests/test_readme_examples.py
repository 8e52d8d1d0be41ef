"""Every `translit …` line of the README's code blocks runs as written, in README
order, on a copy of examples/ with the copy model installed; where the README shows a
command's output (`$ translit …` followed by lines), the run prints that output.

Lines that need the network, a real model or another machine's files are skipped by
the explicit list below, each with its reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT
from tests.test_readme import README, code_blocks

SKIPPED = {
    # the network: the Argos package index
    "translit models install vi en",
    "translit models available",
    # a real model's file or folder, which the tests do not have
    "translit models install ./translate-vi_en-1_9.argosmodel",
    "translit models install ./opus-mt-vi-en",
    "translit models install ./nllb-200-distilled-600M.tar.gz",
    "translit translate articles/ --model nllb-200-distilled-600M",
    "translit eval --bitext dev.vi dev.en -m translate-vi_en-1_9 -m opus-mt-vi-en -m "
    "nllb-200-distilled-600M",
    "translit eval --bitext dev.vi dev.en --hyp dev.google.en --json",
    "translit eval --bitext dev.vi dev.en -m opus-mt-vi-en --save runs/dev",
    # the converted copy models' install and list: tests/test_converted_models.py runs
    # them (sizes and paths are this machine's)
    "translit models install ./copy-nllb",
    "translit models install ./copy-opus-mt.tar.gz",
    "translit models list",
    # a Ray cluster or a Slurm array: tests/test_ray.py runs --ray on a local cluster
    "translit translate archive/ -o out --ray --workers 2",
    "translit translate /shared/archive -o /shared/out --ray auto --worker-cpus 4",
    "translit translate /shared/archive -o /shared/out --ray ray://HEAD:10001",
    'translit translate /archive -o /shared/out --threads 4 --shard "$SLURM_ARRAY_TASK_ID/64"',
    # a server that runs until Ctrl-C: tests/test_serve_*.py
    "translit serve outputs/",
    # FLORES and sacrebleu: tests/test_eval.py
    "translit eval --bitext $D/flores-test.vi $D/flores-test.en --hyp $D/flores-test.google.en "
    "--hyp $D/flores-test.microsoft.en --hyp $D/flores-test.bergamot-tiny.en "
    "--hyp $D/flores-test.nllb.en --hyp $D/flores-test.opusmt.en --hyp $D/flores-test.en",
}
NO_MODEL = {"translit translate examples/"}  # shows what a machine without a model says
EXIT_CODES = {  # what the README's commands exit with when not 0
    "translit check outputs/ --require reviewed": 1,  # the copy model's English is fuzzy
    "translit translate examples/web/ -o examples/web/": 2,  # refused: over the saved page
}
# Output that names this machine's paths (the shipped glossary's folder): not compared.
OUTPUT_NOT_COMPARED = {'translit glossary add-variant Moscow "Mạc-tư-khoa" --file desk.yaml'}


def commands() -> list[tuple[str, str | None]]:
    """The README's shell lines that run translit (and the printf lines that make their
    files), each with the output the README shows for it (None when it shows none)."""
    found: list[tuple[str, str | None]] = []
    for block in code_blocks(README):
        lines = block.replace("\\\n", "").splitlines()
        for i, line in enumerate(lines):
            prompt = line.startswith("$ ")
            command = line[2:] if prompt else line
            if not command.startswith(("translit ", "printf ")):
                continue
            output = None
            if prompt:
                rest = lines[i + 1 :]
                end = next((j for j, r in enumerate(rest) if r.startswith("$ ")), len(rest))
                output = "\n".join(rest[:end])
            found.append((command.strip(), output))
    return found


def _without_comment(command: str) -> str:
    return " ".join(re.sub(r"\s+#\s.*$", "", command).replace(" [--json]", "").split())


def _normalized(text: str) -> list[str]:
    text = re.sub(r"in \d+(\.\d+)? s \(\d+ segments/s\)", "in N s (N segments/s)", text)
    return [" ".join(line.split()) for line in text.strip().splitlines()]


def test_the_readme_commands_run_as_written(with_model, tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "article.txt").write_text("Phía Mátxcơva và Nhà trắng.\n", encoding="utf-8")
    (tmp_path / "deepl-glossary.csv").write_text("Chùa Hương,Perfume Pagoda\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRANSLIT_PYTHON": sys.executable}
    define = 'translit() { "$TRANSLIT_PYTHON" -m translit "$@"; }\n'
    ran = 0
    for written, shown in commands():
        command = _without_comment(written)
        if command in SKIPPED:
            continue
        run_env = dict(env)
        if command in NO_MODEL:
            run_env["ARGOS_PACKAGES_DIR"] = str(tmp_path / "no-packages")
        done = subprocess.run(
            ["bash", "-c", define + command + " 2>&1"],
            cwd=tmp_path,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        expected = EXIT_CODES.get(command, 3 if command in NO_MODEL else 0)
        assert done.returncode == expected, (written, done.stdout)
        assert "Traceback" not in done.stdout, (written, done.stdout)
        if shown is not None and command not in OUTPUT_NOT_COMPARED:
            assert _normalized(done.stdout) == _normalized(shown), written
        ran += 1
    assert ran >= 25
    assert (tmp_path / "outputs" / "thuong-dinh-truc-tuyen.po").is_file()


def test_the_skip_lists_name_lines_the_readme_has():
    written = {_without_comment(command) for command, _ in commands()}
    for listed in (SKIPPED, NO_MODEL, EXIT_CODES, OUTPUT_NOT_COMPARED):
        assert set(listed) <= written, set(listed) - written
