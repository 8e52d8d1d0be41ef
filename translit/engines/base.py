"""The engine interface: what any translation engine gives the pipeline.

An engine takes sentences and returns n-best hypotheses, best first, in input order.
It knows nothing of glossaries or documents. `EngineOptions` are the decoding and
hardware settings; `thread_split` says how CPU threads are shared among batches.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from translit.config import Config

Device = Literal["cpu", "cuda", "auto"]
MAX_DECODING_LENGTH = 1024  # Argos models have 1024 positions; never cut a sentence short
# Default batch size, in source tokens times beam: 256 source tokens at beam 4, 1024 greedy.
# On CPU, smaller batches keep each step's logits (rows × 32k vocabulary) in cache; below
# this the matrices get too small (benchmarks/throughput.py --sweep).
AUTO_BATCH_TOKENS = 1024


class ModelError(Exception):
    """A model that cannot be installed, found, loaded or removed; the message is one line."""


@dataclass(frozen=True)
class ModelInfo:
    """An installed translation model: an Argos package or a converted CTranslate2 folder."""

    name: str  # directory name, e.g. translate-vi_en-1_9
    path: Path
    from_code: str
    to_code: str
    version: str
    family: str = "argos"  # argos, marian, nllb, m2m100, or a profile file's family
    licence: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}".strip()


@dataclass(frozen=True)
class EngineOptions:
    """Decoding and hardware settings (Argos's defaults unless changed)."""

    beam: int = 4
    device: Device = "cpu"
    threads: int = 0  # CPU threads in all; 0 = every core this process may use
    inter_threads: int = 0  # batches decoded in parallel; 0 = one per thread (CPU)
    compute_type: str = "auto"  # auto, int8, int8_float32, float32, float16, ...
    batch_tokens: int | None = None  # source tokens per batch; None = AUTO_BATCH_TOKENS // beam
    length_penalty: float = 0.2

    def batch_budget(self, beam: int) -> int:
        """Source tokens per batch when decoding with `beam`."""
        return self.batch_tokens or max(1, AUTO_BATCH_TOKENS // beam)

    @classmethod
    def from_config(cls, config: Config) -> EngineOptions:
        """The options a configuration (translit.toml and the flags) sets."""
        return cls(
            beam=config.beam,
            device=config.device,  # type: ignore[arg-type]
            threads=config.threads,
            compute_type=config.compute_type,
            batch_tokens=config.batch_tokens,
        )


class Link(NamedTuple):
    """One target token of a hypothesis and the source token it attends to most, as
    character spans: `text[target_start:target_end]` of the hypothesis, and
    `source[source_start:source_end]` of the text that was translated."""

    target_start: int
    target_end: int
    source_start: int
    source_end: int


@dataclass(frozen=True)
class Hypothesis:
    text: str
    score: float
    # Word alignment from the model's attention, one Link per target token that has
    # text, in target order; None when it was not asked for or cannot be computed.
    alignment: tuple[Link, ...] | None = None


Hypotheses = list[Hypothesis]
Progress = Callable[[int], None]


class Engine(Protocol):
    """Anything that turns sentences into n-best hypotheses, in input order, and says
    what it is: `fingerprint` names everything that changes its output (model and
    version, decoding settings...), so a run cache or a review file made by one engine
    is never taken for another's."""

    @property
    def fingerprint(self) -> str:
        """A signature of the model and every setting that changes the output."""
        ...

    def translate(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        num_hypotheses: int = 1,
        *,
        attention: bool = False,
        suppress: Sequence[Sequence[str]] | None = None,
    ) -> list[Hypotheses]:
        """Translate texts (n-best, best first); call progress(n) as n more are done.

        `attention`: fill each hypothesis's `alignment`. `suppress`: per text, English
        forms its hypotheses must not contain (as the model's tokens spell them).
        """
        ...


def resolve_device(device: Device) -> str:
    """'auto' becomes 'cuda' when CTranslate2 sees a GPU, else 'cpu'. 'cuda' on a
    machine where CTranslate2 sees no GPU raises ModelError saying so in plain words
    (CTranslate2's own message is about driver versions)."""
    if device == "cpu":
        return device
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if device == "cuda" and gpus == 0:
        raise ModelError(
            "device cuda: no NVIDIA GPU is usable on this machine (none found, or no CUDA "
            "driver for it); use --device cpu, or auto to use a GPU only when there is one"
        )
    return "cuda" if gpus > 0 else "cpu"


def available_cores() -> int:
    """CPU cores this process may run on (its affinity mask, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def thread_split(options: EngineOptions, device: str) -> tuple[int, int]:
    """CTranslate2's (inter_threads, intra_threads) for the options on `device`.

    On CPU, `threads` (0 = every core) are shared among `inter_threads` parallel
    batches (0 = one single-threaded batch per thread). On a GPU one batch runs at a
    time and `threads` is passed through as CTranslate2's intra_threads.
    """
    if device != "cpu":
        return 1, options.threads
    total = options.threads or available_cores()
    inter = min(options.inter_threads or total, total)
    return inter, total // inter
