"""The scan: names and sizes first, then bounded reads of the files some rule asks for, in priority
order (licences and cards, configs, weight headers, docs, code), within the budgets."""

from __future__ import annotations

from dataclasses import dataclass, field

from openness.sources.local import licences, vendored, weights
from openness.sources.local.budget import Budget
from openness.sources.local.finders import all_finders, evaluated, finetuning, heldout, networks, params
from openness.sources.local.finders import data as data_finder
from openness.sources.local.finders.common import P_CARD, P_CODE, P_CONFIG, P_DOC, P_LICENCE, P_WEIGHTS, hit
from openness.sources.local.fs import FileInfo, Walk, read_at, read_prefix, walk
from openness.sources.local.hits import (
    ARCH,
    DATA_CARD,
    DATASETS,
    EVAL_CODE,
    EVAL_DATA,
    EVAL_RESULTS,
    FINAL,
    INFERENCE,
    INTERMEDIATE,
    MODEL_CARD,
    PAPER,
    PREPROCESSING,
    SAMPLES,
    SUPPORTING,
    TECH_REPORT,
    TRAINING,
    Hit,
)
from openness.sources.local.licence_files import is_licence_path
from openness.sources.options import CollectOptions

READ_CAPS = {P_LICENCE: 2000, P_CARD: 200, P_CONFIG: 2000, P_WEIGHTS: 5000, P_DOC: 300, P_CODE: 3000}
"""At most this many files read per kind; past a cap, components only those files could show are unknown."""
CAPPED_COMPONENTS = {
    P_CODE: frozenset({ARCH, TRAINING, INFERENCE, EVAL_CODE, PREPROCESSING}),
    P_CONFIG: frozenset({ARCH, SUPPORTING, EVAL_CODE}),
    P_CARD: frozenset(
        {
            MODEL_CARD,
            DATA_CARD,
            EVAL_RESULTS,
            INFERENCE,
            FINAL,
            INTERMEDIATE,
            DATASETS,
            EVAL_DATA,
            PAPER,
            TECH_REPORT,
        }
    ),
    P_DOC: frozenset({FINAL, INTERMEDIATE, DATASETS, EVAL_DATA, PAPER, TECH_REPORT, SAMPLES}),
}
"""Which components a file of each read kind can show by its content (links, front matter, code)."""
README_HEAD = 4096
"""Bytes of the root README kept for judging what the repository is (its title and first paragraphs)."""
UNREADABLE_CONTENT = (ValueError, RecursionError)
"""How reading one file's content fails (``bounded.ParseError`` is a ValueError; RecursionError stays
until every reader goes through ``openness.sources.bounded``): that file is noted, the scan goes on."""
HEADER_READS = 8
"""Safetensors and GGUF headers read per scan: shards of one model have alike headers."""


@dataclass(slots=True)
class Scan:
    root: str
    walk: Walk
    budget: Budget
    hits: list[Hit] = field(default_factory=list)
    facts: licences.Facts = field(default_factory=licences.Facts)
    files_read: int = 0
    not_read: list[str] = field(default_factory=list)
    """Files a rule wanted to read but the budget did not allow."""
    not_read_rels: list[str] = field(default_factory=list)
    capped: dict[int, int] = field(default_factory=dict)
    """Files not read because their kind's read cap was reached, by read priority."""
    unreadable: list[str] = field(default_factory=list)
    readme: str = ""
    """The opening of the root README (what the repository says it is), when one was read."""
    unparsed: dict[str, int] = field(default_factory=dict)
    """Files whose content would not parse (rel → read priority): what they would show is unknown."""

    @property
    def incomplete(self) -> bool:
        return self.walk.incomplete or self.budget.exhausted is not None

    def capped_for(self, component: str) -> int:
        """Files not read (read caps) whose content could have shown this component."""
        capped = sum(n for p, n in self.capped.items() if component in CAPPED_COMPONENTS.get(p, ()))
        return capped + sum(1 for p in self.unparsed.values() if component in CAPPED_COMPONENTS.get(p, ()))

    def content_failed(self, f: FileInfo, priority: int, exc: Exception) -> None:
        """One file's content could not be read: note it once, with the reason, and go on."""
        if f.rel in self.unparsed:
            return
        self.unparsed[f.rel] = priority
        reason = "nested too deeply to read" if isinstance(exc, RecursionError) else str(exc)[:200]
        self.unreadable.append(f"{f.path}: {reason}")


def scan(root: str, options: CollectOptions) -> Scan:
    budget = Budget.from_options(options)
    result = Scan(root, walk(root, budget), budget)
    result.walk.files.extend(vendored.licence_files(root, result.walk, budget))
    finders = all_finders()
    requests: list[tuple[int, int, str, FileInfo, int]] = []
    headers: list[FileInfo] = []
    for f in result.walk.files:
        best: tuple[int, int] | None = licences.wants(f)
        for finder in finders:
            result.hits.extend(finder.by_name(f))
            w = finder.wants(f)
            if w is not None:
                best = w if best is None else (min(best[0], w[0]), max(best[1], w[1]))
        if best is not None:
            requests.append((best[0], len(f.dirs), f.rel, f, best[1]))
        if f.ext in (".safetensors", ".gguf") and len(headers) < HEADER_READS * 4:
            headers.append(f)  # pointers among them are dropped after the reads
    for finder in finders:
        refine = getattr(finder, "by_tree", None)
        if refine is not None:
            result.hits = refine(result.walk.files, result.hits)
    requests.sort(key=lambda r: (r[0], r[1], r[2]))
    taken: dict[int, int] = {}
    lfs: set[str] = set()
    for i, (priority, _depth, rel, f, limit) in enumerate(requests):
        if taken.get(priority, 0) >= READ_CAPS[priority]:
            result.capped[priority] = result.capped.get(priority, 0) + 1
            if priority == P_WEIGHTS:
                result.not_read_rels.append(rel)
            licences.observe_unread(
                result.facts, f, f"not read: over the read cap of {READ_CAPS[priority]:,}"
            )
            continue
        data = read_prefix(root, rel, min(limit, max(f.size, 1)), budget)
        if data is None:
            if budget.reads_stopped:
                result.not_read.extend(r[3].path for r in requests[i:])
                result.not_read_rels.extend(r[2] for r in requests[i:])
                for r in requests[i:]:
                    licences.observe_unread(result.facts, r[3], f"not read: scan budget {budget.describe()}")
                break
            result.unreadable.append(f.path)
            licences.observe_unread(result.facts, f, "could not be read")
            continue
        cut = len(data) < min(limit, f.size)  # cut short by the byte budget
        if cut and f.ext in params.WEIGHT_EXT:
            result.not_read_rels.append(rel)  # cannot tell a pointer from weights
        taken[priority] = taken.get(priority, 0) + 1
        result.files_read += 1
        try:
            if cut and is_licence_path(f.rel):
                licences.observe_unread(
                    result.facts,
                    f,
                    f"only {len(data):,} of its {f.size:,} bytes read: scan budget {budget.describe()}",
                )
            else:
                licences.observe(result.facts, f, data)
        except UNREADABLE_CONTENT as exc:
            result.content_failed(f, priority, exc)
        if not f.dirs and f.lower.startswith("readme") and not result.readme:
            result.readme = data[:README_HEAD].decode("utf-8", "replace")
        for finder in finders:
            try:
                found = finder.by_content(f, data)
            except UNREADABLE_CONTENT as exc:
                result.content_failed(f, priority, exc)
                continue
            result.hits.extend(found)
            lfs.update(h.rel for h in found if h.rule == "local.params.lfs-pointer" and h.rel)
    result.hits = finetuning.withdrawn(
        heldout.relabel(networks.withdrawn(data_finder.withdrawn(result.hits)))
    )
    result.hits = evaluated.in_tree(result.hits, {f.rel for f in result.walk.files})
    result.hits = vendored.restricted(result.hits, result.walk.files) + vendored.library_hits(
        result.walk.files
    )
    if not budget.reads_stopped:
        result.hits.extend(_headers(root, [f for f in headers if f.rel not in lfs], budget))
    # A small weights file is a Git LFS pointer or not: unread, it shows nothing either way.
    unread = set(result.not_read_rels)
    if unread:
        lfs.update(f.rel for f in result.walk.files if f.rel in unread and f.ext in params.WEIGHT_EXT)
    if lfs:  # a pointer is not the weights: drop the name rules' "included" for those files
        result.hits = [
            h
            for h in result.hits
            if not (h.rel in lfs and h.component in (FINAL, INTERMEDIATE) and h.presence == "included")
        ]
    return result


def _headers(root: str, files: list[FileInfo], budget: Budget) -> list[Hit]:
    out: list[Hit] = []
    done: dict[str, int] = {}
    for f in files:
        if done.get(f.ext, 0) >= HEADER_READS:
            continue
        done[f.ext] = done.get(f.ext, 0) + 1
        component = INTERMEDIATE if any(h.component == INTERMEDIATE for h in _name_hits(f)) else FINAL
        if f.ext == ".gguf":
            head = read_at(root, f.rel, 0, weights.GGUF_HEAD, budget)
            summary = weights.gguf_summary(head) if head else None
            if summary:
                out.append(hit(component, f, "local.params.gguf-header", 1.0, summary))
            continue
        head = read_at(root, f.rel, 0, 8, budget)
        n = weights.safetensors_header_length(head, f.size) if head else None
        if n is None or n > weights.SAFETENSORS_HEADER_MAX:
            continue
        header = read_at(root, f.rel, 8, n, budget)
        summary = weights.safetensors_summary(header) if header else None
        if summary:
            out.append(hit(component, f, "local.params.safetensors-header", 1.0, summary))
    return out


def _name_hits(f: FileInfo) -> list[Hit]:
    return params.by_name(f)
