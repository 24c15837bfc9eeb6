"""Requests per Hub assessment, and wall time of a batch of 100 replayed models.

Serves constructed Hub responses from the loopback replay server used by the tests (no network),
then measures:
  1. requests one assessment makes, per kind of repo (fully open, gated, fine-tune, adapter, GGUF);
  2. a batch of 100 models: openness with 1 and with 8 targets in flight (cold cache), and again
     with a warm cache;
  3. the named peer: the same reads made with huggingface_hub's own HfApi (model_info with files
     metadata, list_repo_refs, hf_hub_download of the card, dataset_info), one model after another.

Run:  .venv/bin/python benchmarks/hf/bench_batch.py [--models 100] [--latency 0.02]
``--latency`` adds a delay to every reply, as a real Hub would (default 20 ms).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# Hub reads only, as the peer makes: linked code is not followed (follow_code=False below), arXiv not read.
os.environ.setdefault("OPENNESS_ARXIV_ENDPOINT", "off")

from tests.sources_hf import hubdata  # noqa: E402
from tests.sources_hf.replay import HubReplay  # noqa: E402

from openness.service import Assessment, assess_concurrently  # noqa: E402
from openness.sources import hf  # noqa: E402
from openness.sources.options import CollectOptions  # noqa: E402


def _fleet(hub: HubReplay, n: int) -> list[str]:
    base, datasets = hubdata.pythia()
    hub.add_model(base)
    for d in datasets:
        hub.add_dataset(d)
    ids = []
    for i in range(n):
        m, _ = hubdata.pythia()
        m.repo_id = f"bench/pythia-{i:03d}"
        hub.add_model(m)
        ids.append(f"hf:{m.repo_id}")
    return ids


def _with_latency(hub: HubReplay, latency: float) -> None:
    for replies in hub.routes.values():
        for r in replies:
            r.delay = latency


def _per_kind(hub: HubReplay, cache: str) -> list[tuple[str, int]]:
    hub.add_model(hubdata.llama())
    hub.add_model(hubdata.finetune())
    hub.add_dataset(hubdata.Dataset("acme/chat-pairs", "cc-by-4.0"))
    hub.add_model(hubdata.adapter())
    hub.add_model(hubdata.gguf())
    rows = []
    for label, target in [
        ("fully open (Pythia-like)", "hf:EleutherAI/pythia-160m"),
        ("gated, custom licence (Llama-like)", "hf:meta-llama/Llama-2-7b-hf"),
        ("fine-tune (+ its base)", "hf:acme/pythia-160m-chat"),
        ("adapter (+ its base)", "hf:acme/llama-2-7b-lora"),
        ("GGUF quantisation (+ its base)", "hf:acme/pythia-160m-GGUF"),
    ]:
        hub.reset()  # request counts are diagnostics, not part of a release: read them from the replay
        hf.collect(
            target, CollectOptions(endpoint=hub.endpoint, refresh=True, cache_dir=cache, follow_code=False)
        )
        rows.append((label, hub.count()))
    return rows


def _batch(ids: list[str], fetch: CollectOptions, jobs: int) -> tuple[float, int]:
    start = time.perf_counter()
    results = list(assess_concurrently(ids, collect_options=fetch, jobs=jobs))
    elapsed = time.perf_counter() - start
    assert all(isinstance(r, Assessment) for r in results), [
        r for r in results if not isinstance(r, Assessment)
    ]
    return elapsed, len(results)


def _peer(ids: list[str], endpoint: str) -> float:
    """The same reads through HfApi, one model after another (what a plain script would do)."""
    from huggingface_hub import HfApi, hf_hub_download

    api = HfApi(endpoint=endpoint, token=False)
    tmp = tempfile.mkdtemp(prefix="hf-peer-")
    start = time.perf_counter()
    for target in ids:
        repo = target[3:]
        info = api.model_info(repo, files_metadata=True)
        api.list_repo_refs(repo)
        hf_hub_download(repo, "README.md", revision=info.sha, cache_dir=tmp, endpoint=endpoint, token=False)
        hf_hub_download(repo, "LICENSE", revision=info.sha, cache_dir=tmp, endpoint=endpoint, token=False)
        for ds in (info.card_data or {}).get("datasets") or []:
            api.dataset_info(ds)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.02)
    args = parser.parse_args()
    os.environ.pop("HF_TOKEN", None)
    hub = HubReplay()
    hub.start()
    try:
        ids = _fleet(hub, args.models)
        with tempfile.TemporaryDirectory() as cache:
            print("Requests per assessment (cold cache):")
            for label, n in _per_kind(hub, cache):
                print(f"  {label:38s} {n:3d}")
        _with_latency(hub, args.latency)
        print(f"\nBatch of {len(ids)} models, {args.latency * 1000:.0f} ms per reply:")
        rows = []
        for jobs in (1, 8):
            with tempfile.TemporaryDirectory() as cache:
                hub.reset()
                hub.max_in_flight = 0
                fetch = CollectOptions(endpoint=hub.endpoint, cache_dir=cache, follow_code=False)
                cold, n = _batch(ids, fetch, jobs)
                sent, peak = hub.count(), hub.max_in_flight
                hub.reset()
                warm, _ = _batch(ids, fetch, jobs)
                rows.append((f"openness, {jobs} in flight, cold cache", cold, sent, peak))
                rows.append((f"openness, {jobs} in flight, warm cache", warm, hub.count(), 0))
        hub.reset()
        peer = _peer(ids, hub.endpoint)
        rows.append(("peer: huggingface_hub HfApi, sequential", peer, hub.count(), 1))
        print(f"  {'':42s} {'seconds':>8s} {'requests':>9s} {'peak':>5s} {'vs peer':>8s}")
        for label, secs, sent, peak in rows:
            print(f"  {label:42s} {secs:8.2f} {sent:9d} {peak:5d} {peer / secs if secs else 0:7.1f}x")
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
