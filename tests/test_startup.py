"""Start-up: the CLI must not import the heavy stack until a command needs it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = (
    "ctranslate2",
    "sentencepiece",
    "argostranslate",
    "torch",
    "stanza",
    "spacy",
    "sacrebleu",
    "tokenizers",
    "ray",
    "pandas",
    "pyarrow",
    "trafilatura",
    "docx",
    "lxml",
)
# never imported by a local translate (ray: only with --ray)
NEVER = ("argostranslate.translate", "torch", "stanza", "spacy", "ray")


def loaded_after(code: str, env_extra: dict[str, str] | None = None) -> list[str]:
    """Run code in a fresh interpreter; return the heavy modules it left loaded."""
    import json
    import os

    script = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in sys.modules"
        f" if m.split('.')[0] in {HEAVY!r} or m in {NEVER!r})))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_cli_loads_nothing_heavy():
    assert loaded_after("import translit.cli") == []


def test_importing_the_cli_builds_no_finder_glossary_or_pipeline():
    # the name finder's tables, the glossary, YAML and the pipeline cost start-up time
    # that `translit --help` or `translit models list` should not pay
    code = (
        "import translit.cli, sys; print(sorted(m for m in ('translit.names', 'translit.run',"
        " 'translit.pipeline', 'translit.glossary.load', 'yaml', 'polib', 'numpy')"
        " if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "[]", out.stderr


def test_the_cli_loads_no_web_stack_until_serve_runs():
    code = (
        "import translit.cli, sys; print([m for m in ('starlette', 'uvicorn') if m in sys.modules])"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "[]", out.stderr


def test_help_loads_nothing_heavy():
    code = (
        "from typer.testing import CliRunner\nfrom translit.cli import app\n"
        "for args in (['--help'], ['eval', '--help'], ['models', 'install', '--help']):\n"
        "    r = CliRunner().invoke(app, args)\n    assert r.exit_code == 0, r.output"
    )
    assert loaded_after(code) == []


def test_a_full_translate_never_imports_torch_stanza_or_argos_translate(copy_models_dir, tmp_path):
    article = tmp_path / "bai.txt"
    article.write_text("Một câu tiếng Việt. Câu thứ hai.\n", encoding="utf-8")
    args = ["translate", str(article), "-o", str(tmp_path / "out")]
    code = (
        "from typer.testing import CliRunner\nfrom translit.cli import app\n"
        f"r = CliRunner().invoke(app, {args!r})\nassert r.exit_code == 0, r.output"
    )
    loaded = loaded_after(code, {"ARGOS_PACKAGES_DIR": str(copy_models_dir)})
    assert "ctranslate2" in loaded  # it really translated
    assert not [m for m in loaded if m in NEVER]
    # text articles need neither the web page extractor nor python-docx
    assert not [m for m in loaded if m.split(".")[0] in ("trafilatura", "docx", "lxml")]


def test_pages_and_word_files_load_their_readers_only_then(tmp_path):
    from tests.sample_inputs import news_page, word_file

    (tmp_path / "trang.html").write_text(news_page(), encoding="utf-8")
    word_file(tmp_path / "bai.docx")
    code = (
        "from pathlib import Path\nfrom translit.pipeline import load_document\n"
        f"load_document(Path({str(tmp_path / 'trang.html')!r}))"
    )
    page = {m.split(".")[0] for m in loaded_after(code)}
    assert {"trafilatura", "lxml"} <= page and "docx" not in page
    word = {m.split(".")[0] for m in loaded_after(code.replace("trang.html", "bai.docx"))}
    assert "docx" in word and "trafilatura" not in word
