"""Glossary scale: load, compile and match time for 1k, 10k and 100k entries.

Glossaries are generated: names of one to four Vietnamese syllables built from real
onsets, rhymes and tones (tone marks placed as Vietnamese spells them), each with the
variants a house glossary lists: the old tone placement (hòa/hoà, Thụy/Thuỵ), a
hyphenated respelling, now and then a case-sensitive entry. One-syllable names are
case-sensitive and only among the first 1,000 entries (a house glossary has a few
dozen, Nga or Mỹ, not thousands). No two entries share a variant. The text is about 1 MB of
generated Vietnamese news with names of the 1k glossary (which the larger ones
contain) written in those variant forms.

For each size: loading the YAML file (translit.glossary.load_glossaries), compiling
(translit.glossary.enforce.term_policy: the source matcher and the English rewriter), and
matching every segment of the text the way a run does (TermPolicy.protect_segment:
find + rewrite; number and date conventions off, they cost the same at every size).
Against: a naive regex, one alternation of every folded variant form, longest first,
run over the folded text. Sizes alternate; medians of rounds.

    python benchmarks/glossary_scale.py            # 1k, 10k, 100k over 1 MB
    python benchmarks/glossary_scale.py --quick    # tiny sizes (the smoke test)
"""

from __future__ import annotations

import random
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    NewsWriter,
    alternate,
    isolate_argos,
    load_average,
    median,
    parser,
    print_header,
    seconds,
    table,
    upper_first,
)

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph",
    "qu", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
# Rhyme, the index of the vowel that carries the tone (new placement), and for oa, oe
# and uy the index the old placement puts it on.
RHYMES: tuple[tuple[str, int, int | None], ...] = (
    ("a", 0, None), ("ai", 0, None), ("am", 0, None), ("an", 0, None), ("ang", 0, None),
    ("anh", 0, None), ("ao", 0, None), ("au", 0, None), ("ay", 0, None), ("ăn", 0, None),
    ("ăng", 0, None), ("âm", 0, None), ("ân", 0, None), ("âu", 0, None), ("ây", 0, None),
    ("e", 0, None), ("em", 0, None), ("en", 0, None), ("eo", 0, None), ("ê", 0, None),
    ("ên", 0, None), ("ênh", 0, None), ("êu", 0, None), ("i", 0, None), ("ia", 0, None),
    ("iên", 1, None), ("iêu", 1, None), ("im", 0, None), ("in", 0, None), ("inh", 0, None),
    ("iu", 0, None), ("o", 0, None), ("oa", 1, 0), ("oai", 1, None), ("oan", 1, None),
    ("oang", 1, None), ("oanh", 1, None), ("oe", 1, 0), ("oi", 0, None), ("om", 0, None),
    ("on", 0, None), ("ong", 0, None), ("ô", 0, None), ("ôi", 0, None), ("ôn", 0, None),
    ("ông", 0, None), ("ơ", 0, None), ("ơi", 0, None), ("ơn", 0, None), ("u", 0, None),
    ("ua", 0, None), ("uân", 1, None), ("ui", 0, None), ("um", 0, None), ("un", 0, None),
    ("ung", 0, None), ("uôi", 1, None), ("uôn", 1, None), ("uông", 1, None), ("uy", 1, 0),
    ("uyên", 2, None), ("ư", 0, None), ("ưa", 0, None), ("ưng", 0, None), ("ươi", 1, None),
    ("ương", 1, None), ("ac", 0, None), ("ach", 0, None), ("at", 0, None), ("ăc", 0, None),
    ("âp", 0, None), ("ât", 0, None), ("êt", 0, None), ("ich", 0, None), ("iêt", 1, None),
    ("oc", 0, None), ("ôc", 0, None), ("ôt", 0, None), ("uc", 0, None), ("ưc", 0, None),
    ("ươc", 1, None), ("uyêt", 2, None),
)  # fmt: skip
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
STOPPED = ("c", "ch", "p", "t")  # rhymes ending so take only sắc or nặng
_ASCII = str.maketrans("đĐ", "dD")


def _toned(rhyme: str, at: int, tone: str) -> str:
    vowels = [i for i, c in enumerate(rhyme) if c in "aăâeêioôơuưy"]
    i = vowels[min(at, len(vowels) - 1)]
    return unicodedata.normalize("NFC", rhyme[: i + 1] + tone + rhyme[i + 1 :])


def syllable(rng: random.Random) -> tuple[str, str]:
    """A Vietnamese syllable: (new tone placement, old placement, the same if none)."""
    onset = rng.choice(ONSETS)
    rhyme, new, old = rng.choice(RHYMES)
    if onset in ("qu", "gi") and rhyme[0] in "uiy":
        rhyme, new, old = "a", 0, None
    tones = ("\u0301", "\u0323") if rhyme.endswith(STOPPED) else TONES
    tone = rng.choice(tones)
    spelled = onset + _toned(rhyme, new, tone)
    return spelled, onset + _toned(rhyme, old, tone) if old is not None and tone else spelled


def ascii_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_ASCII))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def generate_entries(count: int, seed: int = 11) -> list[tuple[str, list[str], bool]]:
    """`count` entries: (English term, Vietnamese variants, case-sensitive)."""
    from translit.glossary.fold import variant_forms

    rng = random.Random(seed)
    taken: set[str] = set()  # every folded form claimed so far: no two entries share one
    terms: set[str] = set()
    entries = []
    while len(entries) < count:
        # Names of one syllable (Nga, Mỹ) are few in any glossary: only among the first 1,000.
        size = rng.choices((1, 2, 3, 4), (1 if len(entries) < 1000 else 0, 12, 6, 1))[0]
        pairs = [syllable(rng) for _ in range(size)]
        main = " ".join(upper_first(new) for new, _ in pairs)
        variants = [main, " ".join(upper_first(o) for _, o in pairs)]
        if size > 1 and rng.random() < 0.3:  # a respelling: Mát-xcơ-va
            variants.append(upper_first("-".join(new for new, _ in pairs).lower()))
        forms = {form for v in variants for form in variant_forms(v)}
        if forms & taken:
            continue
        taken |= forms
        term = ascii_name(main)
        while term in terms:
            term += "a"
        terms.add(term)
        entries.append((term, list(dict.fromkeys(variants)), size == 1 or rng.random() < 0.05))
    return entries


def glossary_yaml(entries: list[tuple[str, list[str], bool]]) -> str:
    lines = ["glossary: generated", "source: vi", "target: en", "entries:"]
    for term, variants, cased in entries:
        lines.append(f"  {term}:")
        lines.append("    vi: [" + ", ".join(variants) + "]")
        if cased:
            lines.append("    case: sensitive")
    return "\n".join(lines) + "\n"


def news_text(target_bytes: int, names: list[list[str]], seed: int = 5) -> list[str]:
    """Paragraphs of generated news, ~target_bytes of UTF-8, with glossary names in it."""
    writer = NewsWriter(seed)
    rng = writer.rng
    paragraphs, size = [], 0
    while size < target_bytes:
        sentences = []
        for sentence in writer.sentences(rng.randint(1, 4)):
            if rng.random() < 0.5:
                variants = rng.choice(names)
                name = rng.choice(variants)
                if rng.random() < 0.2 and "-" in name:
                    name = name.replace("-", "")  # written joined: Mátxcơva
                sentence = f"{sentence[:-1]}, theo {name}."
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return paragraphs


def naive_regex(entries: list[tuple[str, list[str], bool]]) -> re.Pattern[str]:
    """One alternation of every folded variant form, longest first, whole words."""
    from translit.glossary.fold import variant_forms

    forms = {form for _, variants, _ in entries for v in variants for form in variant_forms(v)}
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    args = cli.parse_args(argv)
    home = isolate_argos()
    print_header("Glossary scale", ["PyYAML", "ruamel.yaml"])

    from translit.glossary import load_glossaries
    from translit.glossary.enforce import term_policy
    from translit.glossary.fold import fold
    from translit.segment import segment_paragraphs

    quick = args.quick
    sizes = (100, 1_000) if quick else (1_000, 10_000, 100_000)
    target = 50_000 if quick else 1_000_000
    rounds = 1 if quick else args.rounds
    all_entries = generate_entries(max(sizes))
    paragraphs = news_text(target, [v for _, v, _ in all_entries[: min(sizes)]])
    segments = segment_paragraphs(paragraphs)
    mb = sum(len(p.encode()) for p in paragraphs) / 1e6
    variants = {n: sum(len(v) for _, v, _ in all_entries[:n]) for n in sizes}
    print(
        f"Text: {mb:.2f} MB of generated news, {len(segments)} segments; glossaries: "
        + ", ".join(f"{n:,} entries ({variants[n]:,} variants)" for n in sizes)
        + ".\n"
    )

    files = {}
    for n in sizes:
        path = home / f"glossary-{n}.yaml"
        path.write_text(glossary_yaml(all_entries[:n]), encoding="utf-8")
        files[n] = path

    glossaries, policies, hits = {}, {}, {}
    load_times: dict[int, list[float]] = {n: [] for n in sizes}
    compile_times: dict[int, list[float]] = {n: [] for n in sizes}

    def load_and_compile(n: int):
        def run(_round: int) -> float:
            started = time.perf_counter()
            glossaries[n] = load_glossaries([files[n]])
            loaded = time.perf_counter()
            policies[n] = term_policy(glossaries[n], conventions=False)
            done = time.perf_counter()
            load_times[n].append(loaded - started)
            compile_times[n].append(done - loaded)
            return done - started

        return run

    def match(n: int):
        def run(_round: int) -> None:
            policy = policies[n]
            hits[n] = sum(len(policy.protect_segment(seg).hits) for seg in segments)

        return run

    alternate({n: load_and_compile(n) for n in sizes}, rounds)
    match_times = alternate({n: match(n) for n in sizes}, rounds)

    # The naive regex: compile once, match a sample big enough to time (it is slow).
    folded = [fold(seg.source) for seg in segments]
    regex_rows = {}
    for n in sizes:
        started = time.perf_counter()
        pattern = naive_regex(all_entries[:n])
        compiled = time.perf_counter() - started
        sample, found, elapsed = 0, 0, 0.0
        while sample < len(folded) and elapsed < (0.2 if quick else 2.0):
            chunk = folded[sample : sample + 50]
            started = time.perf_counter()
            found += sum(1 for text in chunk for _ in pattern.finditer(text))
            elapsed += time.perf_counter() - started
            sample += len(chunk)
        share = sum(map(len, folded[:sample])) / sum(map(len, folded))
        regex_rows[n] = (compiled, elapsed / share, share, round(found / share))

    base = median(match_times[min(sizes)])
    rows = []
    for n in sizes:
        m = median(match_times[n])
        compiled, regex_match, share, regex_found = regex_rows[n]
        estimated = "" if share >= 0.999 else f" (est. from {share:.1%})"
        rows.append(
            [
                f"{n:,}",
                seconds(median(load_times[n])),
                seconds(median(compile_times[n])),
                seconds(m),
                f"{m / base:.2f}×",
                f"{m / mb:.2f}",
                f"{hits[n]:,}",
                seconds(compiled),
                seconds(regex_match) + estimated,
                f"{regex_found:,}",
            ]
        )
    headers = ["entries", "load YAML s", "compile s", "match s", "match vs smallest",
               "match s/MB", "hits", "regex compile s", "regex match s", "regex hits"]  # fmt: skip
    print(table(headers, rows))
    print(
        f"\n{rounds} rounds (medians); translit: TermPolicy.protect_segment on every segment; "
        f"regex: one alternation over folded text, no guards.\nload average now {load_average()}"
    )


if __name__ == "__main__":
    main()
