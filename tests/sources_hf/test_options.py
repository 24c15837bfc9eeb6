"""Token, endpoint, lazy import, progress bar, and the less common card shapes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from openness.domain.release import Presence
from openness.sources import hf

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay

ROOT = Path(__file__).resolve().parents[2]


def test_token_is_sent_only_when_given(pythia_hub: HubReplay) -> None:
    hf.collect("hf:EleutherAI/pythia-160m", fetch_for(pythia_hub))
    assert set(pythia_hub.authorizations) == {None}
    pythia_hub.reset()
    hf.collect("hf:EleutherAI/pythia-160m", fetch_for(pythia_hub, token="hf_abc", refresh=True))
    assert set(pythia_hub.authorizations) == {"Bearer hf_abc"}


def test_hf_token_variable_is_a_standard_place(
    pythia_hub: HubReplay, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_DISABLE_IMPLICIT_TOKEN", False)
    monkeypatch.setenv("HF_TOKEN", "hf_from_env")
    hf.collect("hf:EleutherAI/pythia-160m", fetch_for(pythia_hub))
    assert set(pythia_hub.authorizations) == {"Bearer hf_from_env"}


def test_endpoint_defaults_to_huggingface_hub_setting(
    pythia_hub: HubReplay, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "ENDPOINT", pythia_hub.endpoint)  # what HF_ENDPOINT sets at import
    r = hf.collect("hf:EleutherAI/pythia-160m", fetch_for(pythia_hub, endpoint=None))
    assert r.links["huggingface"].startswith(pythia_hub.endpoint)


def test_huggingface_hub_is_imported_only_for_hub_targets() -> None:
    code = (
        "import sys; from openness import service; "
        f"service.assess({str(ROOT / 'examples' / 'open-model.yml')!r}); "
        "bad = [m for m in ('huggingface_hub', 'httpx2') if m in sys.modules]; "
        "assert not bad, bad"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr


def test_progress_bar_on_a_terminal(pythia_hub: HubReplay, monkeypatch: pytest.MonkeyPatch) -> None:
    from openness.cli import batch
    from openness.frameworks.registry import Options

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    targets = ("hf:EleutherAI/pythia-160m", "hf:nobody/missing")
    results = list(batch._results(targets, Options(), False, fetch_for(pythia_hub), 2))
    assert len(results) == 2
    assert "assessing" in err.getvalue()


def test_eval_results_files_and_licence_link(hub: HubReplay) -> None:
    model = hubdata.Model(
        "acme/evals",
        files={
            "README.md": hubdata.card("license: other\nlicense_name: acme-open\nlicense_link: LICENSE.md\n"),
            "LICENSE.md": b"# ACME Open Licence\n",
            ".eval_results/mmlu.yaml": b"- task: mmlu\n",
            "model.safetensors": 10,
        },
        card_data={"license": "other", "license_name": "acme-open", "license_link": "LICENSE.md"},
    )
    hub.add_model(model)
    r = hf.collect("hf:acme/evals", fetch_for(hub))
    evals = r.component("Evaluation results")
    assert evals is not None and evals.presence is Presence.INCLUDED
    assert evals.locations == (f"acme/evals@{model.sha}:.eval_results/mmlu.yaml",)
    final = r.component("Model parameters (Final)")
    assert final is not None and final.licence == "acme-open" and final.licence_path == "LICENSE.md"
    rules = {e.rule: e.detail for e in final.evidence}
    assert rules["hf.licence.link"] == "license_link: LICENSE.md"
    assert r.extra["hf"]["licence_files"][0]["title"] == "ACME Open Licence"


def test_licence_file_stands_in_when_the_card_states_none(hub: HubReplay) -> None:
    model = hubdata.Model(
        "acme/no-tag",
        files={"README.md": hubdata.card("tags: [x]\n"), "LICENSE": hubdata.APACHE, "model.safetensors": 10},
        card_data={"tags": ["x"]},
    )
    hub.add_model(model)
    r = hf.collect("hf:acme/no-tag", fetch_for(hub))
    final = r.component("Model parameters (Final)")
    # a header only (title and version line): too little for the text matcher, read by its phrases
    assert final is not None and final.licence == "Apache-2.0"
    assert final.evidence[-1].rule == "hf.licence.file-text-phrases" and final.evidence[-1].confidence < 1
    assert any("LICENSE read as Apache-2.0" in n for n in r.notes)


def test_unreadable_base_is_noted_and_nothing_is_inherited(hub: HubReplay) -> None:
    hub.add_model(hubdata.finetune())
    hub.add_dataset(hubdata.Dataset("acme/chat-pairs", "cc-by-4.0"))
    r = hf.collect("hf:acme/pythia-160m-chat", fetch_for(hub))
    assert not any("inherited_from" in c.extra for c in r.components)
    assert any("base model EleutherAI/pythia-160m could not be read" in n for n in r.notes)
    assert r.extra["hf"]["failed_requests"][0]["kind"] == "not-found"


def test_merge_bases_are_named_not_assessed(hub: HubReplay) -> None:
    model = hubdata.Model(
        "acme/merged",
        files={
            "README.md": hubdata.card(
                "license: mit\nbase_model: [a/one, b/two]\nbase_model_relation: merge\n"
            ),
            "model.safetensors": 10,
        },
        card_data={"license": "mit", "base_model": ["a/one", "b/two"], "base_model_relation": "merge"},
    )
    hub.add_model(model)
    r = hf.collect("hf:acme/merged", fetch_for(hub))
    assert r.extra["hf"]["base_models"] == ["a/one", "b/two"] and r.extra["hf"]["relation"] == "merge"
    assert hub.count("/api/models/a/one") == 0
