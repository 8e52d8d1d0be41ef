"""Translation through CTranslate2 on an installed Argos package.

The engine knows nothing of glossaries or documents: it takes sentences and returns
hypotheses. All pending sentences of a run come in one call; identical sentences
are translated once; the rest are length-sorted and cut into small token-budget
batches, each decoded with Argos's own defaults (beam 4, length_penalty 0.2,
replace_unknowns) unless the options say otherwise. On CPU the batches run in
parallel, one single-threaded batch per core: on two cores that is 1.5-2× faster than
one batch on two threads, whose threads wait on each other at every step, worst when
other programs share the cores (benchmarks/throughput.py --sweep).

ctranslate2 and the tokenizer are imported only when an engine is created.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from translit.engines.align import links, piece_spans
from translit.engines.base import (
    MAX_DECODING_LENGTH,
    EngineOptions,
    Hypotheses,
    Hypothesis,
    Link,
    Progress,
    resolve_device,
    thread_split,
)
from translit.models import ModelError, ModelInfo


class CT2Engine:
    """CTranslate2 + the package's own tokenizer, as Argos uses them, batched per run."""

    def __init__(self, model: ModelInfo, options: EngineOptions | None = None) -> None:
        """Remember the model; it is loaded on first use (see `load`)."""
        self.model = model
        self.options = options or EngineOptions()
        self._loaded: tuple[Any, Any, Any] | None = None  # package, translator, sp

    def load(self) -> tuple[Any, Any, Any]:
        """Load the package's tokenizer and the CTranslate2 model (once)."""
        if self._loaded is None:
            import ctranslate2
            from argostranslate.package import Package

            package = Package(self.model.path)
            if getattr(package, "tokenizer", None) is None:
                raise ModelError(f"{self.model.path}: package has no tokenizer")
            device = resolve_device(self.options.device)
            inter, intra = thread_split(self.options, device)
            try:
                translator = ctranslate2.Translator(
                    str(self.model.path / "model"),
                    device=device,
                    compute_type=self.options.compute_type,
                    inter_threads=inter,
                    intra_threads=intra,
                )
            except (RuntimeError, ValueError) as err:
                raise ModelError(f"{self.model.path}: cannot load the model ({err})") from None
            self._loaded = (package, translator, _sentencepiece_processor(package))
        return self._loaded

    @property
    def package(self) -> Any:
        return self.load()[0]

    def tokenize(self, text: str) -> list[str]:
        return list(self.package.tokenizer.encode(text))

    def detokenize(self, tokens: list[str]) -> str:
        prefix = self.package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        sp = self.load()[2]
        if sp is not None:
            # argostranslate's decode also turns "_" into " "; we keep underscores.
            text = sp.decode_pieces(tokens)
        else:
            text = self.package.tokenizer.decode(tokens)
        return text.replace("\u2581", " ").strip()

    def translate(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        num_hypotheses: int = 1,
        *,
        attention: bool = False,
        suppress: Sequence[Sequence[str]] | None = None,
    ) -> list[Hypotheses]:
        """Translate every text; identical texts are translated once, blank ones not at all.

        Every batch is queued at once, so CTranslate2's parallel workers (see
        `thread_split`) each take the next batch as soon as they are free; results are
        collected in queue order and progress is reported batch by batch. With
        `attention`, each hypothesis carries its word alignment (`Hypothesis.alignment`).
        `suppress` gives per text the English forms to ban; texts are batched with
        others that ban the same forms (CTranslate2 bans per batch).
        """
        bans = [_ban_key(suppress[i] if suppress else ()) for i in range(len(texts))]
        counts = Counter((t, ban) for t, ban in zip(texts, bans, strict=True) if t.strip())
        unique = list(counts)
        tokenized = [self.tokenize(t) for t, _ in unique]
        results: dict[tuple[str, tuple[str, ...]], Hypotheses] = {}
        if progress is not None and len(texts) > counts.total():
            progress(len(texts) - counts.total())
        budget = self.options.batch_budget(max(self.options.beam, num_hypotheses))
        groups: dict[tuple[str, ...], list[int]] = {}
        for i in sorted(range(len(unique)), key=lambda i: len(tokenized[i])):
            groups.setdefault(unique[i][1], []).append(i)
        queued = [
            (
                batch,
                self._submit([tokenized[i] for i in batch], num_hypotheses, budget, ban, attention),
            )  # fmt: skip
            for ban, order in groups.items()
            for batch in _token_batches(order, tokenized, budget)
        ]
        for batch, pending in queued:
            for i, future in zip(batch, pending, strict=True):
                text = unique[i][0]
                results[unique[i]] = self._hypotheses(future.result(), text if attention else None)
            if progress is not None:
                progress(sum(counts[unique[i]] for i in batch))
        empty = [Hypothesis("", 0.0, () if attention else None)]
        return [results.get(key, empty) for key in zip(texts, bans, strict=True)]

    def _submit(
        self,
        batch: list[list[str]],
        num_hypotheses: int,
        budget: int,
        ban: tuple[str, ...] = (),
        attention: bool = False,
    ) -> list[Any]:
        """Queue one batch for decoding; returns CTranslate2's async results."""
        opts = self.options
        longest = max(len(tokens) for tokens in batch)
        kwargs: dict[str, Any] = {}
        if self.package.target_prefix:
            kwargs["target_prefix"] = [[self.package.target_prefix]] * len(batch)
        if ban:
            kwargs["suppress_sequences"] = [self.tokenize(form) for form in ban]
        return self.load()[1].translate_batch(
            batch,
            asynchronous=True,
            beam_size=max(opts.beam, num_hypotheses),
            num_hypotheses=num_hypotheses,
            length_penalty=opts.length_penalty,
            replace_unknowns=True,
            return_scores=True,
            return_attention=attention,
            max_batch_size=budget,
            batch_type="tokens",
            max_decoding_length=min(MAX_DECODING_LENGTH, 2 * longest + 16),
            **kwargs,
        )

    def _hypotheses(self, result: Any, source: str | None = None) -> Hypotheses:
        """The result's hypotheses; with `source` (the text translated), aligned."""
        texts = [self.detokenize(tokens) for tokens in result.hypotheses]
        if source is None:
            return [Hypothesis(t, float(s)) for t, s in zip(texts, result.scores, strict=True)]
        sp = self.load()[2]
        spans = piece_spans(source, sp.encode(source, return_type="proto").pieces) if sp else None
        return [
            Hypothesis(text, float(score), self._alignment(text, tokens, attention, spans))
            for text, tokens, score, attention in zip(
                texts, result.hypotheses, result.scores, result.attention, strict=True
            )
        ]

    def _alignment(
        self,
        text: str,
        tokens: list[str],
        attention: Sequence[Sequence[float]],
        source_spans: list[tuple[int, int]] | None,
    ) -> tuple[Link, ...] | None:
        """Links between a hypothesis's English `text` (its `tokens`) and the source;
        None for a tokenizer that gives no piece offsets (BPE) or output whose pieces
        do not spell `text`."""
        sp = self.load()[2]
        if sp is None or source_spans is None or not attention:
            return None
        prefix = self.package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
            if len(attention) == len(tokens) + 1:
                attention = attention[1:]
        decoded = sp.decode_pieces(tokens, return_type="proto")
        spelled = decoded.text.replace("\u2581", " ")
        shift = len(spelled) - len(spelled.lstrip())
        if spelled.strip() != text or len(decoded.pieces) != len(attention):
            return None
        return links(attention, piece_spans(spelled, decoded.pieces, shift), source_spans)


def _ban_key(forms: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({f for f in forms if f.strip()}))


def _token_batches(order: list[int], tokenized: list[list[str]], budget: int) -> list[list[int]]:
    """Cut length-sorted indices into batches of at most `budget` tokens."""
    batches: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i in order:
        n = len(tokenized[i]) + 1
        if current and size + n > budget:
            batches.append(current)
            current, size = [], 0
        current.append(i)
        size += n
    if current:
        batches.append(current)
    return batches


def _sentencepiece_processor(package: Any) -> Any:
    """The package's SentencePiece processor, or None for a BPE package."""
    tokenizer = package.tokenizer
    lazy = getattr(tokenizer, "lazy_processor", None)
    return lazy() if callable(lazy) else None
