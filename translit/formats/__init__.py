"""Output formats: one module per format, each rendering a Document to text.

Every format module exposes `SUFFIX` (the file name ending after the article id)
and `render(doc: Document, run: RunInfo) -> str`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RunInfo:
    """What produced the files: written into headers so a file says where it came from."""

    tool_version: str
    model: str = ""  # e.g. "translate-vi_en-1_9 1.9"; empty when no model was used
    source_lang: str = "vi"
    target_lang: str = "en"
    created: str = ""  # "YYYY-MM-DD HH:MM+ZZZZ", as gettext writes dates
