"""Translation through CTranslate2 on an installed Argos package.

The engine knows nothing of glossaries or documents: it takes sentences and returns
hypotheses. All pending sentences of a run come in one call; identical sentences
are translated once; the rest are length-sorted and cut into token-budget batches,
each decoded with Argos's own defaults (beam 4, length_penalty 0.2,
replace_unknowns) unless the options say otherwise.

ctranslate2 and the tokenizer are imported only when an engine is created.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from translit.models import ModelError, ModelInfo

Device = Literal["cpu", "cuda", "auto"]
MAX_DECODING_LENGTH = 1024  # Argos models have 1024 positions; never cut a sentence short


@dataclass(frozen=True)
class EngineOptions:
    """Decoding and hardware settings (Argos's defaults unless changed)."""

    beam: int = 4
    device: Device = "cpu"
    threads: int = 0  # intra-op threads; 0 lets CTranslate2 use every core
    compute_type: str = "auto"  # auto, int8, int8_float32, float32, float16, ...
    batch_tokens: int = 2048  # source tokens per batch
    length_penalty: float = 0.2


@dataclass(frozen=True)
class Hypothesis:
    text: str
    score: float


Hypotheses = list[Hypothesis]
Progress = Callable[[int], None]


class Engine(Protocol):
    """Anything that turns sentences into n-best hypotheses, in input order."""

    def translate(
        self, texts: Sequence[str], progress: Progress | None = None, num_hypotheses: int = 1
    ) -> list[Hypotheses]:
        """Translate texts (n-best, best first); call progress(n) as n more are done."""
        ...


def resolve_device(device: Device) -> str:
    """'auto' becomes 'cuda' when CTranslate2 sees a GPU, else 'cpu'."""
    if device != "auto":
        return device
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


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
            try:
                translator = ctranslate2.Translator(
                    str(self.model.path / "model"),
                    device=resolve_device(self.options.device),
                    compute_type=self.options.compute_type,
                    inter_threads=1,
                    intra_threads=self.options.threads,
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
        self, texts: Sequence[str], progress: Progress | None = None, num_hypotheses: int = 1
    ) -> list[Hypotheses]:
        """Translate every text; identical texts are translated once, blank ones not at all."""
        counts = Counter(t for t in texts if t.strip())
        unique = list(counts)
        tokenized = [self.tokenize(t) for t in unique]
        order = sorted(range(len(unique)), key=lambda i: len(tokenized[i]))
        results: dict[str, Hypotheses] = {}
        if progress is not None and len(texts) > counts.total():
            progress(len(texts) - counts.total())
        for batch in _token_batches(order, tokenized, self.options.batch_tokens):
            outputs = self._translate_tokens([tokenized[i] for i in batch], num_hypotheses)
            for i, hyps in zip(batch, outputs, strict=True):
                results[unique[i]] = hyps
            if progress is not None:
                progress(sum(counts[unique[i]] for i in batch))
        empty = [Hypothesis("", 0.0)]
        return [results.get(t, empty) for t in texts]

    def _translate_tokens(self, batch: list[list[str]], num_hypotheses: int) -> list[Hypotheses]:
        opts = self.options
        longest = max(len(tokens) for tokens in batch)
        kwargs: dict[str, Any] = {}
        if self.package.target_prefix:
            kwargs["target_prefix"] = [[self.package.target_prefix]] * len(batch)
        results = self.load()[1].translate_batch(
            batch,
            beam_size=max(opts.beam, num_hypotheses),
            num_hypotheses=num_hypotheses,
            length_penalty=opts.length_penalty,
            replace_unknowns=True,
            return_scores=True,
            max_batch_size=opts.batch_tokens,
            batch_type="tokens",
            max_decoding_length=min(MAX_DECODING_LENGTH, 2 * longest + 16),
            **kwargs,
        )
        return [
            [
                Hypothesis(self.detokenize(tokens), float(score))
                for tokens, score in zip(result.hypotheses, result.scores, strict=True)
            ]
            for result in results
        ]


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
