"""Third-party code copied into a release: a supporting library under its own licence file, never the
network or the training code of the released model. Layouts as real releases have them (a quantisation
library under ``inference/…/dependencies/``, a tokeniser under ``pkg/thirdparty/``); code ours, licence
texts from the SPDX list."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp

ARCH, TRAINING, INFERENCE = "Model architecture", "Training code", "Inference code"
SUPPORTING = "Supporting libraries and tools"
NET = "import torch\nfrom torch import nn\n\n\nclass QuantLinear(nn.Module):\n    pass\n"
LOOP = "for batch in loader:\n    loss = model(batch)\n    loss.backward()\n    optimizer.step()\n"


def _release(root: Path) -> None:
    b.write(root, "LICENSE", b.APACHE)
    b.write(root, "kite/model.py", NET.replace("QuantLinear", "KiteNet"))
    b.write(root, "scripts/train.py", LOOP)


def test_a_vendored_library_is_supporting_under_its_own_licence(tmp_path: Path) -> None:
    _release(tmp_path)
    lib = "inference/quantise/dependencies/QuantLib"
    b.write(tmp_path, f"{lib}/LICENSE", b.MIT)
    b.write(tmp_path, f"{lib}/quantlib/nn_modules/qlinear.py", NET)
    b.write(tmp_path, f"{lib}/examples/lora_tuning.py", LOOP)
    b.write(tmp_path, f"{lib}/quantlib/run_generation.py", "out = model.generate(ids)\n")
    release = collect(str(tmp_path))
    arch, training = comp(release, ARCH), comp(release, TRAINING)
    assert arch.locations == ("kite/model.py",) and training.locations == ("scripts/train.py",)
    assert arch.licence == "Apache-2.0" and training.licence == "Apache-2.0"
    assert f"{lib}/quantlib/run_generation.py" in comp(release, INFERENCE).locations
    supporting = comp(release, SUPPORTING)
    assert supporting.presence is Presence.INCLUDED and f"{lib}/LICENSE" in supporting.locations
    assert supporting.licence == "MIT"


def test_a_skipped_third_party_tokeniser_is_found_by_its_licence(tmp_path: Path) -> None:
    _release(tmp_path)
    b.write(tmp_path, "kite/thirdparty/WordBPE/LICENSE", b.MIT)
    b.write(tmp_path, "kite/thirdparty/WordBPE/wordbpe/bpe_tokenizer.py", "def bpe(word):\n    return word\n")
    b.write(
        tmp_path,
        "kite/text/tokenizer.py",
        "from kite.thirdparty.WordBPE.wordbpe.bpe_tokenizer import bpe\n\n\nclass Tokenizer:\n    pass\n",
    )
    supporting = comp(collect(str(tmp_path)), SUPPORTING)
    assert supporting.locations == ("kite/thirdparty/WordBPE/LICENSE",)
    assert supporting.licence == "MIT"


def test_vendored_code_without_a_licence_file_is_no_library_of_its_own(tmp_path: Path) -> None:
    _release(tmp_path)
    b.write(tmp_path, "external/helpers/quantlib/qlinear.py", NET)
    release = collect(str(tmp_path))
    assert comp(release, SUPPORTING).presence is Presence.ABSENT
    assert comp(release, ARCH).locations == ("kite/model.py",)


def test_third_party_data_in_a_data_folder_stays_data(tmp_path: Path) -> None:
    _release(tmp_path)
    b.write(tmp_path, "data/external/LICENSE", b.CC_BY)
    b.write(tmp_path, "data/external/street_scenes.jsonl", '{"image": "a.jpg", "caption": "a kite"}\n' * 40)
    release = collect(str(tmp_path))
    assert comp(release, "Datasets").locations == ("data/external/street_scenes.jsonl",)
    assert comp(release, SUPPORTING).presence is Presence.ABSENT
