"""Translation engines: the interface (`base`), CTranslate2 on an installed model
(`ct2`), model profiles for each family of models (`profiles`) and their tokenizers
(`tokenizer`).

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
from translit.engines.profiles import ModelProfile, ProfileError, load_profile

__all__ = [
    "AUTO_BATCH_TOKENS",
    "MAX_DECODING_LENGTH",
    "CT2Engine",
    "ModelProfile",
    "ProfileError",
    "load_profile",
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
