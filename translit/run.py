"""A translate run as `translit translate` makes it: settings in, the files written.

`translate_command` does the wiring the command line would otherwise do: translit.toml
with the options laid over it, the output formats, the model and its engine, the
glossaries and the term policy, then `pipeline.translate_paths` (or, with `ray`,
`cluster.translate_on_ray`). The CLI is a few lines over it, so a script and the
command cannot drift apart. Every failure before or around the run is a RunError
saying what to do, with the kind of exit it deserves (bad input, or no usable model);
Ctrl-C is KeyboardInterrupt, as everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translit.config import Config, ConfigError, NameStyle, load_config
from translit.formats.registry import parse_formats
from translit.glossary.enforce import Strategy
from translit.io import InputError
from translit.pipeline import Progress, RunReport


class RunError(Exception):
    """A run that cannot start or go on; `model` when it is for want of a usable model."""

    def __init__(self, message: str, model: bool = False) -> None:
        super().__init__(message)
        self.model = model


@dataclass(frozen=True)
class RunSettings:
    """What `translit translate` is asked for. None (or an empty list) leaves a setting
    to translit.toml, then to the default."""

    inputs: Sequence[Path]
    output: Path | None = None
    model: str | None = None
    beam: int | None = None
    device: str | None = None
    threads: int | None = None
    compute_type: str | None = None
    batch_tokens: int | None = None
    formats: str | None = None  # "po,txt", "all"
    recursive: bool = False  # folders read as trees, outputs mirroring them
    conventions: bool | None = None
    glossaries: Sequence[Path] = field(default_factory=tuple)  # the -g files
    use_glossary: bool = True
    shipped_glossary: bool = True
    term_strategy: Strategy = "verify"  # or "inline", "placeholder"
    machine_translation: bool = True  # False: files for a human translator
    from_encoding: str | None = None
    chunk_segments: int | None = None
    names: NameStyle | None = None  # Vietnamese names without an entry: romanized, diacritics
    shard: str | None = None  # "K/N": only shard K of N (translit.shard)
    ray: str | None = None  # run on Ray: "" (RAY_ADDRESS or Ray here), "auto", HOST:PORT
    workers: int | None = None  # with ray: the pool's size (None: as the cluster holds)
    worker_cpus: int = 1  # with ray: CPUs (CTranslate2 threads) per worker
    worker_gpus: float = 0.0  # with ray: GPUs per worker


@dataclass(frozen=True)
class RunResult:
    report: RunReport
    output: Path  # the folder written


def output_formats(option: str | None, config: Config) -> tuple[str, ...] | None:
    """`--format`, else translit.toml's `formats` (an error names the file), else None:
    the defaults, which depend on the article (see `registry.formats_for`: a Word
    article also gets its `.en.docx`); InputError for an unknown name."""
    if option is not None:
        return parse_formats(option)
    if config.formats is None:
        return None
    try:
        return parse_formats(",".join(config.formats))
    except InputError as err:
        raise InputError(f"{config.source}: {err}") from None


def translate_command(
    settings: RunSettings,
    *,
    progress: Progress | None = None,
    on_error: Callable[[str], None] = lambda message: None,
    on_warning: Callable[[str], None] = lambda message: None,
) -> RunResult:
    """Translate the settings' articles as `translit translate` does (RunError if the
    run cannot start or is stopped: a bad config, glossary, format, model or output)."""
    from translit.document import Glossary
    from translit.engines import CT2Engine, EngineOptions
    from translit.glossary import GlossaryError, default_glossaries, load_glossaries
    from translit.glossary.enforce import term_policy
    from translit.models import ModelError, ModelMissing, find_model
    from translit.pipeline import translate_paths
    from translit.runstate import LockedError
    from translit.shard import WHOLE, Shard

    s = settings
    if s.ray is None and (s.workers or s.worker_cpus != 1 or s.worker_gpus):
        raise RunError("--workers, --worker-cpus and --worker-gpus go with --ray")
    try:
        shard = WHOLE if s.shard is None else Shard.parse(s.shard)
        config = load_config().with_overrides(
            output=s.output,
            model=s.model,
            beam=s.beam,
            device=s.device,
            threads=s.threads,
            compute_type=s.compute_type,
            batch_tokens=s.batch_tokens,
            conventions=s.conventions,
            names=s.names,
        )
        formats = output_formats(s.formats, config)
        chosen = find_model(name=config.model) if s.machine_translation else None
        terms = Glossary()
        if s.use_glossary:
            files = default_glossaries(config, s.glossaries, shipped=s.shipped_glossary)
            terms = load_glossaries(files)
    except (ConfigError, GlossaryError, InputError) as err:
        raise RunError(str(err)) from None
    except ModelMissing as err:
        raise RunError(
            f"{err}; or add --no-mt to prepare the files for a human translator", model=True
        ) from None
    except ModelError as err:
        raise RunError(str(err), model=True) from None
    options = EngineOptions.from_config(config)
    policy = term_policy(terms, s.term_strategy, conventions=config.conventions, names=config.names)
    label = chosen.label if chosen else ""
    try:
        if s.ray is None:
            report = translate_paths(
                s.inputs,
                config.output,
                None if chosen is None else CT2Engine(chosen, options),
                model_label=label,
                policy=policy,
                progress=progress,
                on_error=on_error,
                on_warning=on_warning,
                formats=formats,
                recursive=s.recursive,
                chunk_segments=s.chunk_segments,
                from_encoding=s.from_encoding,
                shard=shard,
            )
        else:  # translit.cluster imports Ray (when it is installed) only when called
            from translit.cluster import ClusterOptions, translate_on_ray

            report = translate_on_ray(
                s.inputs,
                config.output,
                chosen,
                options,
                cluster=ClusterOptions(s.ray, s.workers, s.worker_cpus, s.worker_gpus),
                model_label=label,
                policy=policy,
                progress=progress,
                on_error=on_error,
                on_warning=on_warning,
                formats=formats,
                recursive=s.recursive,
                from_encoding=s.from_encoding,
                shard=shard,
            )
    except (InputError, LockedError) as err:
        raise RunError(str(err)) from None
    except ModelError as err:
        raise RunError(str(err), model=True) from None
    return RunResult(report, config.output)
