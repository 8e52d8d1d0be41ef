"""Translation engines: the interface (`base`) and CTranslate2 on an installed model (`ct2`).

Importing this package imports neither ctranslate2 nor a tokenizer: `CT2Engine` loads
them when a model is first used.
"""

from translit.engines.base import (
    AUTO_BATCH_TOKENS,
    MAX_DECODING_LENGTH,
    Device,
    Engine,
    EngineOptions,
    Hypotheses,
    Hypothesis,
    Progress,
    available_cores,
    resolve_device,
    thread_split,
)
from translit.engines.ct2 import CT2Engine

__all__ = [
    "AUTO_BATCH_TOKENS",
    "MAX_DECODING_LENGTH",
    "CT2Engine",
    "Device",
    "Engine",
    "EngineOptions",
    "Hypotheses",
    "Hypothesis",
    "Progress",
    "available_cores",
    "resolve_device",
    "thread_split",
]
