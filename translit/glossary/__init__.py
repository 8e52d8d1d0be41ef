"""The glossary: files (load, lint, merge), edits, matching, and enforcement.

- `translit.glossary.load`: reading, validating, merging and linting `glossaries/*.yaml`
  (its public names are re-exported here: `from translit.glossary import load_glossaries`);
- `translit.glossary.edit`: edits that keep a hand-kept file's comments and order;
- `translit.glossary.fold`: the matching key of Vietnamese text (tone placement, case);
- `translit.glossary.match`: finding variants in Vietnamese text (a word trie);
- `translit.glossary.enforce`: protect → engine → restore → verify around any engine.
- `translit.glossary.repair`: verify-first enforcement: keep the model's English when
  it has every term, else repair it (aligned span, inline, n-best) and say how.

Importing the package itself loads nothing: the re-exported names are looked up on
first use, so importing `translit.glossary.fold` or `.match` does not import PyYAML.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "COMMON_WORDS",
    "CONTROL_CHARS",
    "GlossaryError",
    "Problem",
    "check_texts",
    "default_glossaries",
    "extend_entry",
    "definitions",
    "forms_batch",
    "in_sections",
    "lint_counted",
    "lint_glossaries",
    "load_glossaries",
    "parse_glossary_file",
    "parse_glossary_text",
    "parse_glossary_tree",
    "selected_glossaries",
    "shipped_glossaries",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("translit.glossary.load"), name)
    raise AttributeError(f"module 'translit.glossary' has no attribute {name!r}")
