"""Collected releases against a replayed Hub: components, states, licences as the Hub states them,
provenance, and the number of requests one assessment makes."""

from __future__ import annotations

import pytest

from openness.domain.release import Presence, Release
from openness.sources import hf
from openness.sources.registry import collect

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay


def comp(release: Release, name: str):  # type: ignore[no-untyped-def]
    c = release.component(name)
    assert c is not None, f"{name} missing from {[x.name for x in release.components]}"
    return c


def test_pythia_like_fully_open_model(pythia_hub: HubReplay) -> None:
    model, _ = hubdata.pythia()
    r = hf.collect("hf:EleutherAI/pythia-160m", fetch_for(pythia_hub))
    sha = model.sha
    assert r.name == "EleutherAI/pythia-160m" and r.version == sha
    final = comp(r, "Model parameters (Final)")
    assert final.presence is Presence.INCLUDED
    assert final.licence == "apache-2.0" and final.licence_declared
    assert f"EleutherAI/pythia-160m@{sha}:model.safetensors" in final.locations
    assert final.extra["parameters"] == 162_322_944
    assert any(e.locator == f"EleutherAI/pythia-160m@{sha}:README.md#license" for e in final.evidence)
    inter = comp(r, "Model parameters (Intermediate)")
    # step branches are revisions of this same repository: included, under its licence
    assert inter.presence is Presence.INCLUDED and inter.extra["checkpoints"] == 147
    assert inter.locations[0].endswith("/EleutherAI/pythia-160m/tree/step0")
    assert inter.licence == "apache-2.0"
    datasets = comp(r, "Datasets")
    assert datasets.presence is Presence.REFERENCED and datasets.licence == "mit"
    assert [loc.rsplit("/datasets/", 1)[1] for loc in datasets.locations] == [
        "EleutherAI/pile",
        "EleutherAI/pile-dedup",
    ]
    assert comp(r, "Data card").presence is Presence.REFERENCED
    paper = comp(r, "Research paper")
    assert paper.presence is Presence.REFERENCED
    assert paper.locations == ("https://arxiv.org/abs/2304.01373", "https://arxiv.org/abs/2101.00027")
    code = comp(r, "Training code")
    assert code.presence is Presence.REFERENCED
    assert code.locations == (
        "https://github.com/EleutherAI/gpt-neox",
        "https://github.com/EleutherAI/pythia",
    )
    # followed by default, but no network here: not read, so its licence is unread and the code the
    # Hub repo lacks is unknown, never absent
    assert code.licence is None and code.licence_unread
    assert comp(r, "Data preprocessing code").presence is Presence.UNKNOWN
    assert any(n.startswith("could not follow https://github.com/EleutherAI/gpt-neox: ") for n in r.notes)
    assert comp(r, "Model card").presence is Presence.INCLUDED
    arch = comp(r, "Model architecture")  # model_type gpt_neox: transformers' code, under its licence
    assert arch.presence is Presence.REFERENCED and arch.licence == "Apache-2.0" and arch.licence_declared
    assert arch.locations[0].startswith("https://github.com/huggingface/transformers/tree/v")
    assert arch.locations[0].endswith("/src/transformers/models/gpt_neox")
    assert arch.extra["model_type"] == "gpt_neox" and not arch.licence_unread
    meta = comp(r, "Model metadata")
    assert f"EleutherAI/pythia-160m@{sha}:tokenizer.json" in meta.locations
    assert r.licences["distribution"].name == "apache-2.0" and r.licences["distribution"].path == "LICENSE"
    assert r.extra["hf"]["licence_files"][0]["title"] == "Apache License"
    assert r.links["huggingface"].endswith(f"/tree/{sha}")
    assert any(sha in n for n in r.notes)
    # model info, card, refs, LICENSE, two dataset infos: a handful
    assert pythia_hub.count() == 6
    assert r.extra["hf"]["failed_requests"] == []
    assert "requests" not in r.extra["hf"], "request counts are diagnostics, not facts of the release"


def test_url_target_with_revision_goes_through_the_registry(hub: HubReplay) -> None:
    model, datasets = hubdata.pythia()
    model.revision = "step1000"
    hub.add_model(model)
    for d in datasets:
        hub.add_dataset(d)
    r = collect("https://huggingface.co/EleutherAI/pythia-160m/tree/step1000", fetch_for(hub))
    assert r.version == model.sha
    assert hub.count("/api/models/EleutherAI/pythia-160m/revision/step1000") == 1
    assert r.extra["hf"]["revision"] == "step1000"


def test_llama_like_gated_model_with_custom_licence(hub: HubReplay) -> None:
    model = hubdata.llama()
    hub.add_model(model)
    r = hf.collect("hf:meta-llama/Llama-2-7b-hf", fetch_for(hub))
    final = comp(r, "Model parameters (Final)")
    assert final.presence is Presence.INCLUDED  # listed by the Hub even when gated
    assert final.licence == "llama2"  # license: other → license_name, as the Hub states it
    assert any(e.locator.endswith("README.md#license_name") for e in final.evidence)
    assert final.licence_path == "LICENSE.txt"
    evals = comp(r, "Evaluation results")
    assert evals.presence is Presence.INCLUDED and evals.locations[0].endswith("README.md#model-index")
    assert comp(r, "Research paper").locations == ("https://arxiv.org/abs/2307.09288",)
    failed = r.extra["hf"]["failed_requests"]
    assert [f["kind"] for f in failed] == ["gated"]
    assert failed[0]["url"].endswith("/resolve/" + model.sha + "/LICENSE.txt")
    assert "accept the conditions" in failed[0]["hint"]
    notes = " ".join(r.notes)
    assert "gated (manual)" in notes and "partial" in notes and "--token" in notes
    assert r.extra["hf"]["licence_files"] == [{"path": "LICENSE.txt", "read": False}]


def test_llama_licence_file_read_when_access_is_granted(hub: HubReplay) -> None:
    hub.add_model(hubdata.llama(gated_files=False))
    r = hf.collect("hf:meta-llama/Llama-2-7b-hf", fetch_for(hub, token="hf_test"))
    files = r.extra["hf"]["licence_files"]
    assert files[0]["path"] == "LICENSE.txt" and files[0]["title"] == "LLAMA 2 COMMUNITY LICENSE AGREEMENT"
    assert r.extra["hf"]["failed_requests"] == []


def test_finetune_inherits_from_its_base(hub: HubReplay) -> None:
    base, datasets = hubdata.pythia()
    hub.add_model(base)
    for d in datasets:
        hub.add_dataset(d)
    hub.add_model(hubdata.finetune())
    hub.add_dataset(hubdata.Dataset("acme/chat-pairs", "cc-by-4.0"))
    r = hf.collect("hf:acme/pythia-160m-chat", fetch_for(hub))
    assert r.extra["hf"]["relation"] == "finetune"
    assert r.extra["hf"]["base_model"] == f"EleutherAI/pythia-160m@{base.sha}"
    # its own: weights and datasets (the fine-tuning data)
    assert comp(r, "Model parameters (Final)").extra.get("inherited_from") is None
    own = comp(r, "Datasets")
    assert own.licence == "cc-by-4.0" and "inherited_from" not in own.extra
    # inherited from the base, marked as such
    paper = comp(r, "Research paper")
    assert (
        paper.presence is Presence.REFERENCED
        and paper.extra["inherited_from"] == base.repo_id + "@" + base.sha
    )
    assert paper.evidence[0].rule == "hf.base_model.inherit"
    code = comp(r, "Training code")
    assert code.extra["relation"] == "finetune" and "gpt-neox" in code.locations[0]
    # never inherited: what describes the base's own training run
    assert comp(r, "Model parameters (Intermediate)").presence is Presence.ABSENT
    assert any("inherited from the base" in n for n in r.notes)


def test_adapter_needs_its_base(hub: HubReplay) -> None:
    hub.add_model(hubdata.llama())
    hub.add_model(hubdata.adapter())
    r = hf.collect("hf:acme/llama-2-7b-lora", fetch_for(hub))
    final = comp(r, "Model parameters (Final)")
    assert final.presence is Presence.INCLUDED and final.extra["adapter"] is True
    assert final.licence == "mit" and final.extra["needs_base"].startswith("meta-llama/Llama-2-7b-hf@")
    assert r.extra["hf"]["relation"] == "adapter"
    assert any("adapter weights only" in n and "llama2" in n for n in r.notes)
    assert any(n.startswith("base model: the repository is gated") for n in r.notes)
    assert comp(r, "Research paper").extra["inherited_from"].startswith("meta-llama/Llama-2-7b-hf@")


def test_gguf_quantisation(hub: HubReplay) -> None:
    base, datasets = hubdata.pythia()
    hub.add_model(base)
    for d in datasets:
        hub.add_dataset(d)
    hub.add_model(hubdata.gguf())
    r = hf.collect("hf:acme/pythia-160m-GGUF", fetch_for(hub))
    final = comp(r, "Model parameters (Final)")
    assert final.presence is Presence.INCLUDED and final.extra["formats"] == ["gguf"]
    assert r.extra["hf"]["relation"] == "quantized"
    assert comp(r, "Model metadata").presence is Presence.ABSENT
    assert comp(r, "Datasets").extra["inherited_from"].startswith("EleutherAI/pythia-160m@")
    assert any("quantised weights" in n for n in r.notes)


def test_broken_card_yaml_gives_unknown_not_absent(hub: HubReplay) -> None:
    hub.add_model(hubdata.broken_card())
    r = hf.collect("hf:acme/broken-card", fetch_for(hub))
    assert comp(r, "Model card").presence is Presence.INCLUDED
    for name in ("Datasets", "Data card", "Evaluation results", "Research paper"):
        assert comp(r, name).presence is Presence.UNKNOWN, name
    assert comp(r, "Model parameters (Final)").licence is None
    assert any("card YAML does not parse" in n for n in r.notes)
    assert r.extra["hf"]["card"] == "broken"


def test_remote_code_is_listed_never_run(hub: HubReplay, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hub.add_model(hubdata.remote_code())
    r = hf.collect("hf:acme/custom-arch", fetch_for(hub))
    arch = comp(r, "Model architecture")
    assert arch.presence is Presence.INCLUDED and arch.licence == "mit"
    assert any(loc.endswith(":modeling_custom.py") for loc in arch.locations)
    assert any(e.rule == "hf.config.auto_map" for e in arch.evidence)
    assert comp(r, "Inference code").presence is Presence.INCLUDED
    # code files are never downloaded, let alone run
    assert hub.count("/acme/custom-arch/resolve/") == 1  # README.md only


def test_collect_still_reads_mot_yaml(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "open-model.yml"
    assert collect(str(example)).components


def test_broken_card_leaves_the_licence_unknown_not_absent(hub: HubReplay) -> None:
    """The card that would state the licence could not be read: MOF says unknown, not unlicensed."""
    from openness.frameworks.mof import Mode, Status, evaluate

    hub.add_model(hubdata.broken_card())
    r = hf.collect("hf:acme/broken-card", fetch_for(hub))
    weights = r.component("Model parameters (Final)")
    assert weights is not None and weights.licence is None and weights.licence_unread
    finding = evaluate(r).finding("Model parameters (Final)")
    assert finding is not None and finding.status is Status.UNKNOWN and "could not be read" in finding.reason
    # the MOT has no such state
    assert evaluate(r, Mode.MOT_COMPATIBLE).finding("Model parameters (Final)").status is Status.UNLICENSED  # type: ignore[union-attr]


def test_remote_code_architecture_wins_over_the_library_and_other_py_files_are_not_architecture(
    hub: HubReplay,
) -> None:
    model = hubdata.remote_code()
    # a model_type transformers knows, but auto_map points at the repo's own code: the repo's code counts
    model.config = {**model.config, "model_type": "llama"}
    model.files["convert_checkpoint.py"] = b"print('convert')\n"
    hub.add_model(model)
    r = hf.collect("hf:acme/custom-arch", fetch_for(hub))
    arch = comp(r, "Model architecture")
    assert arch.presence is Presence.INCLUDED and arch.licence == "mit"
    assert not any(loc.endswith("convert_checkpoint.py") for loc in arch.locations)
    assert any(loc.endswith("configuration_custom.py") for loc in comp(r, "Inference code").locations)


@pytest.mark.parametrize(
    ("model_type", "folder"),
    [
        ("llama", "llama"),
        ("t5", "t5"),
        ("bert", "bert"),
        ("whisper", "whisper"),
        ("olmo", "olmo"),
        ("xlm-roberta", "xlm_roberta"),
    ],
)
def test_a_library_architecture_is_referenced_to_transformers_under_its_licence(
    hub: HubReplay, model_type: str, folder: str
) -> None:
    model, _ = hubdata.pythia()
    model.config = {"architectures": ["X"], "model_type": model_type}
    model.files["README.md"] = hubdata.card("license: apache-2.0\n")
    hub.add_model(model)
    r = hf.collect("hf:EleutherAI/pythia-160m", fetch_for(hub))
    arch = comp(r, "Model architecture")
    assert arch.presence is Presence.REFERENCED and arch.licence == "Apache-2.0"
    assert arch.locations[0].endswith(f"/src/transformers/models/{folder}")
    assert any(e.rule == "hf.config.model-type-in-library" and "recorded" in e.detail for e in arch.evidence)
    # no code in the repo: the library that runs the model is its inference code too
    inference = comp(r, "Inference code")
    assert inference.presence is Presence.REFERENCED and inference.licence == "Apache-2.0"
    assert inference.locations == arch.locations


def test_a_model_type_the_table_does_not_list_is_unknown_with_its_licence_unread(hub: HubReplay) -> None:
    model, _ = hubdata.pythia()
    model.config = {"architectures": ["X"], "model_type": "not_a_transformers_type"}
    hub.add_model(model)
    arch = comp(hf.collect("hf:EleutherAI/pythia-160m", fetch_for(hub)), "Model architecture")
    assert arch.presence is Presence.UNKNOWN and arch.licence is None and arch.licence_unread


def test_the_transformers_table_carries_its_source_version_and_date() -> None:
    import json
    from importlib import resources

    data = json.loads(
        resources.files("openness.sources.hf").joinpath("data", "transformers_model_types.json").read_text()
    )
    assert data["library"] == "transformers" and data["licence"] == "Apache-2.0"
    assert data["version"][0].isdigit() and data["date"][:2] == "20" and "auto_mappings.py" in data["source"]
    assert len(data["model_types"]) > 300  # every model type of a recent release, not a hand-picked few
