"""`translit eval`: score models and existing translations on the same sentences.

A bitext is two line-aligned files, the Vietnamese source and a reference English
translation. Each model translates the source through the same pipeline as
`translit translate` (segmentation, glossary, number and date conversion, n-best
retry); each hypothesis file is taken as it is. Every system is then scored the same
way, line by line against the same source and reference:

- BLEU and chrF, computed by sacrebleu exactly as `sacrebleu REF -i HYP -m bleu chrf`
  computes them (lines with trailing whitespace removed, as its command line does),
  with sacrebleu's signature so the numbers can be reproduced;
- glossary term success: of the glossary hits in the source, the share whose English
  has the entry's term or another accepted form (`glossary.enforce.hit_present`);
- number and date errors: `number-mismatch` and `date-mismatch` findings of
  translit's own checks (`qa.check_segment`);
- sentences per second for models (the translation alone, the model already loaded).

sacrebleu is imported only when scores are computed.
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from translit.bitext import read_lines
from translit.document import Document, Segment
from translit.engines import Engine
from translit.formats.txt import paragraph_text
from translit.glossary.enforce import TermPolicy
from translit.io import InputError, write_atomic
from translit.pipeline import NoProgress, translate_documents
from translit.qa import check_segment
from translit.segment import segment_paragraphs

ERROR_CODES = {"number-mismatch": "number_errors", "date-mismatch": "date_errors"}


@dataclass(frozen=True)
class Bitext:
    """Line-aligned source and reference."""

    source_path: Path
    reference_path: Path
    sources: list[str]
    references: list[str]


@dataclass
class SystemScore:
    """One system's scores on a bitext (a row of the table, an object of --json)."""

    system: str
    kind: str  # "model" or "hyp"
    bleu: float
    chrf: float
    term_success: float | None  # share of glossary hits kept; None when there are none
    term_hits: int
    terms_kept: int
    number_errors: int
    date_errors: int
    sentences: int
    seconds: float | None  # translation time (models only)
    sentences_per_second: float | None
    bleu_signature: str
    chrf_signature: str
    engine: str = ""  # the model's fingerprint
    output: str = ""  # the hypothesis file, or where --save wrote the model's output


def read_bitext(source: Path, reference: Path) -> Bitext:
    """Read a source and its reference; InputError when they do not line up."""
    sources = [unicodedata.normalize("NFC", line) for line in read_lines(source)]
    references = read_lines(reference)
    if not any(line.strip() for line in sources):
        raise InputError(f"{source}: no lines to translate (the file is empty or blank)")
    if len(sources) != len(references):
        raise InputError(
            f"{reference}: {len(references)} lines, but the source {source} has "
            f"{len(sources)}; a bitext needs one reference line per source line"
        )
    return Bitext(source, reference, sources, references)


def read_hypotheses(path: Path, bitext: Bitext) -> list[str]:
    """A hypothesis file, one line per source line (InputError otherwise)."""
    lines = read_lines(path)
    if len(lines) != len(bitext.sources):
        raise InputError(
            f"{path}: {len(lines)} lines, but the source {bitext.source_path} has "
            f"{len(bitext.sources)}"
        )
    return lines


def translate_lines(
    engine: Engine, sources: Sequence[str], policy: TermPolicy
) -> tuple[list[str], float]:
    """Translate each line as `translit translate` translates a one-paragraph article
    (its sentences segmented, glossary applied); return the English lines and the
    seconds the translation took."""
    doc = Document(id="bitext", path=Path("bitext.txt"), paragraphs=list(sources))
    doc.segments = segment_paragraphs(doc.paragraphs)
    started = time.perf_counter()
    translate_documents([doc], engine, NoProgress(), policy)
    seconds = time.perf_counter() - started
    by_paragraph: dict[int, list[Segment]] = {}
    for seg in doc.segments:
        by_paragraph.setdefault(seg.paragraph, []).append(seg)
    lines = [paragraph_text(by_paragraph.get(n, [])) for n in range(1, len(sources) + 1)]
    return lines, seconds


def metrics(bitext: Bitext) -> tuple[Any, Any]:
    """sacrebleu's BLEU and chrF with the reference's statistics computed once."""
    from sacrebleu.metrics import BLEU, CHRF

    references = [bitext.references]
    return BLEU(references=references), CHRF(references=references)


def score(
    system: str,
    kind: str,
    hypotheses: Sequence[str],
    bitext: Bitext,
    policy: TermPolicy,
    seconds: float | None = None,
    prepared: tuple[Any, Any] | None = None,
) -> SystemScore:
    """Score one system's lines against the bitext (see the module docstring);
    `prepared` is `metrics(bitext)`, to share between systems."""
    bleu, chrf = prepared or metrics(bitext)
    bleu_score = bleu.corpus_score(list(hypotheses), None)
    chrf_score = chrf.corpus_score(list(hypotheses), None)
    hits = kept = 0
    errors = dict.fromkeys(ERROR_CODES.values(), 0)
    for n, (source, english) in enumerate(zip(bitext.sources, hypotheses, strict=True), 1):
        seg = Segment(f"p{n}.s1", source, n, 0, len(source), target=english, origin="machine")
        check_segment(seg, policy)
        terms = [hit for hit in seg.hits if hit.kind == "term"]
        hits += len(terms)
        kept += sum(1 for hit in terms if hit.applied)
        for finding in seg.findings:
            if finding.code in ERROR_CODES:
                errors[ERROR_CODES[finding.code]] += 1
    count = len(hypotheses)
    return SystemScore(
        system=system,
        kind=kind,
        bleu=bleu_score.score,
        chrf=chrf_score.score,
        term_success=kept / hits if hits else None,
        term_hits=hits,
        terms_kept=kept,
        sentences=count,
        seconds=seconds,
        sentences_per_second=count / seconds if seconds else None,
        bleu_signature=str(bleu.get_signature()),
        chrf_signature=str(chrf.get_signature()),
        number_errors=errors["number_errors"],
        date_errors=errors["date_errors"],
    )


def hypothesis_names(paths: Sequence[Path], reference: Path) -> list[str]:
    """Short, distinct system names for hypothesis files: what a file name adds to the
    reference's (`flores-dev.google.en` beside `flores-dev.en` is `google`), else the
    file name, else the path as given."""
    ref = reference.name
    names = []
    for path in paths:
        name = path.name
        prefix = _common_prefix(name, ref)
        suffix = _common_prefix(name[prefix:][::-1], ref[prefix:][::-1])
        short = name[prefix : len(name) - suffix].strip(".-_ ")
        names.append(short or name)
    if len(set(names)) < len(names):
        names = [p.name for p in paths]
    if len(set(names)) < len(names):
        names = [str(p) for p in paths]
    return names


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def save_path(prefix: str, system: str) -> Path:
    """Where `--save PREFIX` keeps a system's output: PREFIX.SYSTEM.en."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in system)
    return Path(f"{prefix}.{safe}.en")


def check_save(prefix: str, systems: Sequence[str], inputs: Sequence[Path]) -> None:
    """InputError if `--save PREFIX` would write one of the systems' output over one of
    the eval's inputs; call it before translating (`evaluate` checks again on writing)."""
    for system in systems:
        _not_an_input(save_path(prefix, system), inputs)


def _not_an_input(path: Path, inputs: Sequence[Path]) -> None:
    for given in inputs:
        if path.exists() and given.exists() and path.resolve() == given.resolve():
            raise InputError(f"{path}: is an input of this eval; choose another --save prefix")


def save_output(path: Path, lines: Sequence[str], inputs: Sequence[Path]) -> None:
    """Write a system's lines (atomically), never over one of the eval's inputs."""
    _not_an_input(path, inputs)
    try:
        write_atomic(path, "".join(f"{line}\n" for line in lines))
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror or err})") from None


def table(scores: Sequence[SystemScore]) -> str:
    """The scores as a Markdown table, then the sacrebleu signatures."""
    header = "| system | BLEU | chrF | glossary terms | number errors | date errors | sent/s |"
    lines = [header, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in scores:
        terms = (
            f"{100 * s.term_success:.1f}% ({s.terms_kept}/{s.term_hits})"
            if s.term_success is not None
            else "–"
        )
        rate = f"{s.sentences_per_second:.1f}" if s.sentences_per_second else "–"
        lines.append(
            f"| {s.system} | {s.bleu:.1f} | {s.chrf:.1f} | {terms} | {s.number_errors} | "
            f"{s.date_errors} | {rate} |"
        )
    if scores:
        first = scores[0]
        lines.append("")
        noun = "sentence" if first.sentences == 1 else "sentences"
        lines.append(f"{first.sentences} {noun}. BLEU signature: {first.bleu_signature}")
        lines.append(f"chrF signature: {first.chrf_signature}")
    return "\n".join(lines)


def to_json(scores: Sequence[SystemScore]) -> str:
    """The scores as a JSON list, one object per system."""
    return json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=2)


def evaluate(
    bitext: Bitext,
    policy: TermPolicy,
    models: Iterable[tuple[str, Engine]] = (),
    hypotheses: Sequence[Path] = (),
    save: str | None = None,
) -> list[SystemScore]:
    """Score each model (translating the source) and each hypothesis file, in that
    order. `models` may be a generator: each engine is dropped once scored, so only
    one model is in memory at a time. An engine with a `load()` method is loaded before
    its clock starts. With `save`, each model's English is kept in
    `save_path(save, name)`. InputError for a hypothesis file that does not line up or
    an output that cannot be written."""
    inputs = [bitext.source_path, bitext.reference_path, *hypotheses]
    given = [read_hypotheses(path, bitext) for path in hypotheses]  # before a long model run
    prepared = metrics(bitext)
    scores = []
    for name, engine in models:
        load = getattr(engine, "load", None)
        if callable(load):
            load()
        lines, seconds = translate_lines(engine, bitext.sources, policy)
        result = score(name, "model", lines, bitext, policy, seconds, prepared)
        result.engine = engine.fingerprint
        if save is not None:
            path = save_path(save, name)
            save_output(path, lines, inputs)
            result.output = str(path)
        scores.append(result)
        del engine  # before the generator makes the next one: one model in memory
    names = hypothesis_names(hypotheses, bitext.reference_path)
    for path, name, lines in zip(hypotheses, names, given, strict=True):
        result = score(name, "hyp", lines, bitext, policy, prepared=prepared)
        result.output = str(path)
        scores.append(result)
    return scores
