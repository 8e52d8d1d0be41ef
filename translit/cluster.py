"""`translit translate --ray`: the same per-article pipeline on a pool of Ray workers.

Ray Data's batch-inference pattern: the driver lists the articles (and takes the
output folder's lock, as a local run does); `map_batches` hands small groups of them
to a pool of actors (`ArticleWorker`), each holding one loaded model and the glossary
for its whole life, which run today's pipeline on each group — read, merge the earlier
review file, translate (hits protected, repeated sentences once per worker), check,
write each article's files atomically into the shared output folder — and send back
one small result per group (counts, files, errors) for the driver's summary and
progress bar. Nothing of an article's text travels back.

Every file is written by a worker through `write_atomic`, so a worker lost mid-article
leaves the article's old files or none, never a partial one; Ray restarts the worker
and gives its group to a worker again, and the earlier review file makes that second
pass keep what the first one wrote. A run stopped as a whole is resumed by running it
again: finished articles keep their English (translit.memory), the rest is
translated. An article a worker cannot translate is reported by name, and one the
cluster returns no result for is reported too; none is dropped silently.

Ray is an optional dependency (`pip install 'translit[ray]'`), imported only here and
only when a run asks for it.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translit.articles import Article
from translit.document import Glossary
from translit.engines import CT2Engine, EngineOptions
from translit.engines.base import ModelInfo
from translit.formats import RunInfo
from translit.glossary.enforce import TermPolicy, term_policy
from translit.io import InputError
from translit.pipeline import (
    NoProgress,
    Progress,
    RunReport,
    check_output_dir,
    distinct_articles,
    load_articles,
    run_info,
    shard_articles,
    translate_chunk,
)
from translit.runstate import RunCache, output_lock
from translit.shard import WHOLE, Shard

RAY_MISSING = "--ray needs Ray, an optional extra: pip install 'translit[ray]'"
ARTICLES_PER_TASK = 8  # articles a worker takes at a time (one engine call, one result)
# The counts of a group's result that the driver adds up into its RunReport: all of them.
_COUNTS = tuple(f.name for f in dataclasses.fields(RunReport) if f.type in (int, "int"))


class ClusterError(InputError):
    """Ray is missing, the cluster cannot be reached, or the run failed on it (one line)."""


@dataclass(frozen=True)
class ClusterOptions:
    """Where and how wide to run: the cluster's address ("" = RAY_ADDRESS, or a new
    Ray on this machine; "auto" = the cluster this machine belongs to; host:port or
    ray://host:port), how many workers (None: as many as the cluster's CPUs, or GPUs,
    hold), and the CPUs and GPUs each worker reserves (its CTranslate2 threads are its
    CPUs)."""

    address: str = ""
    workers: int | None = None
    worker_cpus: int = 1
    worker_gpus: float = 0.0
    articles_per_task: int = ARTICLES_PER_TASK


@dataclass(frozen=True)
class ArticleJob:
    """What each worker needs to translate an article as a local run would."""

    output_dir: Path
    model: ModelInfo | None  # None: --no-mt, files for a human translator
    options: EngineOptions
    run: RunInfo
    formats: tuple[str, ...] | None = None  # None: DEFAULT_FORMATS (+ .en.docx for Word)
    from_encoding: str | None = None


def translate_group(
    articles: Sequence[Article],
    engine: CT2Engine | None,
    policy: TermPolicy,
    cache: RunCache,
    job: ArticleJob,
) -> dict[str, Any]:
    """Translate a group of articles into the job's folder, as one chunk of a local
    run; return what the driver needs (plain JSON types): the paths taken, the counts,
    the files written, the errors and warnings. Anything the pipeline raises is the
    error of every article of the group not yet written; it never stops the run."""
    report = RunReport()
    run = job.run
    if engine is not None:  # the worker signs with its own engine (its device, versions)
        run = dataclasses.replace(run, engine=engine.fingerprint)
    try:
        docs, versions = load_articles(
            articles,
            job.output_dir,
            report.errors.append,
            report.warnings.append,
            from_encoding=job.from_encoding,
        )
        translate_chunk(
            list(docs),
            job.output_dir,
            engine,
            run,
            formats=job.formats,
            policy=policy,
            cache=cache,
            versions=versions,
            report=report,
            progress=NoProgress(),
            on_error=report.errors.append,
        )
    except Exception as err:  # a bug or a full disk: said per article, the run goes on
        written = {str(path) for path in report.written}
        report.errors += [
            f"{article.path}: failed on a Ray worker ({type(err).__name__}: {err}); run again"
            for article in articles
            if not any(name.startswith(f"{job.output_dir / article.id}.") for name in written)
        ]
    result: dict[str, Any] = {name: getattr(report, name) for name in _COUNTS}
    result.update(
        paths=[str(article.path) for article in articles],
        written=[str(path) for path in report.written],
        errors=report.errors,
        warnings=report.warnings,
    )
    return result


class ArticleWorker:
    """A Ray Data actor: loads the model and takes the glossary policy once, then
    translates group after group (`translate_group`). Its run cache lives in memory,
    so a sentence repeated across its articles is translated once by it."""

    def __init__(self, job: ArticleJob, policy: TermPolicy) -> None:
        self.job = job
        self.policy = policy
        self.engine = None if job.model is None else CT2Engine(job.model, job.options)
        if self.engine is not None:
            self.engine.load()
        self.cache = RunCache()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        articles = [
            Article(Path(str(path)), str(id_))
            for path, id_ in zip(batch["path"], batch["id"], strict=True)
        ]
        result = translate_group(articles, self.engine, self.policy, self.cache, self.job)
        return {"result": [json.dumps(result)]}


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (the Data library needs pandas and pyarrow)
    except ImportError:
        raise ClusterError(RAY_MISSING) from None
    return ray


_HOST_PORT = re.compile(r"(?:ray://)?(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})")


def check_reachable(address: str, timeout: float = 10.0) -> None:
    """ClusterError at once when a HOST:PORT (or ray://HOST:PORT) address does not
    answer, rather than Ray's own retries for minutes."""
    import socket

    match = _HOST_PORT.fullmatch(address)
    if not match:
        return  # "" or "auto": Ray finds the cluster (or says there is none) itself
    host, port = match[1].strip("[]"), int(match[2])
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as err:
        reason = err.strerror or str(err) or type(err).__name__
        raise ClusterError(
            f"--ray: cannot reach Ray at {address} ({reason}); is `ray start --head` running there?"
        ) from None


def _connect(ray: Any, address: str) -> bool:
    """Join the cluster at `address` (or start Ray here); True when this call started
    or joined it (and so must leave it), False when Ray was already initialized."""
    if ray.is_initialized():
        return False
    import logging

    try:
        ray.init(
            address=address or None,
            logging_level=logging.ERROR,
            include_dashboard=False,
            log_to_driver=False,
        )
    except (ConnectionError, RuntimeError, ValueError) as err:
        where = address or "this machine"
        raise ClusterError(f"--ray: cannot start or reach Ray at {where} ({err})") from None
    return True


def _workers(ray: Any, cluster: ClusterOptions) -> int:
    """How many workers: as asked, else as many as the cluster's free CPUs (or GPUs) hold."""
    if cluster.workers:
        return cluster.workers
    free = ray.available_resources()
    if cluster.worker_gpus:
        return max(1, int(free.get("GPU", 0) // cluster.worker_gpus))
    return max(1, int(free.get("CPU", 1) // cluster.worker_cpus))


def translate_on_ray(
    inputs: Sequence[Path],
    output_dir: Path,
    model: ModelInfo | None,
    options: EngineOptions | None = None,
    *,
    cluster: ClusterOptions | None = None,
    formats: Sequence[str] | None = None,
    recursive: bool = False,
    model_label: str = "",
    policy: TermPolicy | None = None,
    progress: Progress | None = None,
    on_error: Callable[[str], None] = lambda message: None,
    on_warning: Callable[[str], None] = lambda message: None,
    from_encoding: str | None = None,
    shard: Shard = WHOLE,
) -> RunReport:
    """Translate every article under `inputs` into `output_dir` on a Ray cluster.

    The same files and the same guarantees as `translit.pipeline.translate_paths`
    (review files merged, atomic writes, the folder's lock, `shard`), with the work
    spread over `cluster.workers` actors (see the module doc). The output folder must
    be one every worker sees at the same path (a shared file system). `progress`
    counts articles. Raises ClusterError when Ray is missing or the cluster fails.
    """
    started = time.perf_counter()
    ray = _import_ray()
    report = RunReport()
    cluster = cluster or ClusterOptions()
    check_reachable(cluster.address)
    options = options or EngineOptions()

    def failed(message: str) -> None:
        report.errors.append(message)
        on_error(message)

    def warned(message: str) -> None:
        report.warnings.append(message)
        on_warning(message)

    output_dir = output_dir.absolute()
    found = shard_articles(inputs, output_dir, shard, formats, recursive, failed, warned)
    if found is None:
        return report
    articles = [Article(a.path.absolute(), a.id) for a in distinct_articles(found, failed)]
    check_output_dir(output_dir)
    policy = policy or term_policy(Glossary())
    if options.device != "cuda" or not cluster.worker_gpus:
        options = dataclasses.replace(options, threads=cluster.worker_cpus)
    job = ArticleJob(
        output_dir=output_dir,
        model=model,
        options=options,
        run=run_info(model_label, "", policy.glossaries),
        formats=None if formats is None else tuple(formats),
        from_encoding=from_encoding,
    )
    report.glossaries = policy.glossaries
    progress = progress or NoProgress()
    with output_lock(output_dir, shard):
        progress.start(len(articles))
        if articles:
            started_here = _connect(ray, cluster.address)
            try:
                _run(ray, articles, job, policy, cluster, report, progress, failed, warned)
            finally:
                if started_here:
                    ray.shutdown()
    report.seconds = time.perf_counter() - started
    return report


def _run(
    ray: Any,
    articles: list[Article],
    job: ArticleJob,
    policy: TermPolicy,
    cluster: ClusterOptions,
    report: RunReport,
    progress: Progress,
    failed: Callable[[str], None],
    warned: Callable[[str], None],
) -> None:
    """Map the articles over the worker pool and add each group's result to `report`."""
    import logging

    from ray.data import ActorPoolStrategy, DataContext

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # the summary line says it all
    context = DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    # groups small enough that every worker gets some, and no worker waits for none
    workers = _workers(ray, cluster)
    per_task = max(1, min(cluster.articles_per_task, math.ceil(len(articles) / workers)))
    groups = math.ceil(len(articles) / per_task)
    dataset = ray.data.from_items(
        [{"path": str(a.path), "id": a.id} for a in articles], override_num_blocks=groups
    ).map_batches(
        ArticleWorker,
        batch_size=per_task,
        fn_constructor_kwargs={"job": job, "policy": policy},
        compute=ActorPoolStrategy(size=min(workers, groups)),
        num_cpus=cluster.worker_cpus,
        num_gpus=cluster.worker_gpus or None,
    )
    waiting = {str(article.path) for article in articles}
    try:
        for row in dataset.iter_rows():
            result = json.loads(str(row["result"]))
            taken = [path for path in result["paths"] if path in waiting]
            if not taken:
                continue  # a group given out twice: its first result counts
            waiting.difference_update(taken)
            for name in _COUNTS:
                setattr(report, name, getattr(report, name) + result[name])
            report.written += [Path(path) for path in result["written"]]
            for message in result["errors"]:
                failed(message)
            for message in result["warnings"]:
                warned(message)
            progress.advance(len(taken))
    except ray.exceptions.RayError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ClusterError(
            f"the Ray run failed ({first}); finished articles are written: "
            "run the same command again to go on"
        ) from None
    for path in sorted(waiting):
        failed(f"{path}: no result came back from the Ray workers; run again to translate it")
