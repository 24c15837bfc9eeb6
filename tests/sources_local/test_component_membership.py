"""Files in the tree that belong to no component of the release: lookup tables in a data folder, data
mixed for a fine-tuned variant users may build, a tokeniser calling its encoder, caption statistics,
and a wrapper that hands a built model to another runtime. Layouts as real releases have them (class
lists beside image loaders, a chat variant's data script, a native-runtime bridge); code and texts are
our own."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp

ARCH, DATASETS, PREP = "Model architecture", "Datasets", "Data preprocessing code"


def test_class_lists_and_index_maps_are_not_training_data(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", "All rights reserved.\n")
    b.write(tmp_path, "data/birds_clsidx_to_label.txt", "".join(f"{i}: 'bird {i}'\n" for i in range(200)))
    b.write(tmp_path, "runs/data/order_maps.tsv", "step\tseed\tgroup\n" + "0\t1\t[0, 2]\n" * 50)
    b.write(tmp_path, "data/class_index.json", '{"0": "sparrow", "1": "finch"}\n')
    assert comp(collect(str(tmp_path)), DATASETS).presence is Presence.ABSENT
    b.write(tmp_path, "data/bird_calls.jsonl", '{"audio": "a.flac", "species": "finch"}\n' * 30)
    datasets = comp(collect(str(tmp_path)), DATASETS)
    assert datasets.presence is Presence.INCLUDED and datasets.locations == ("data/bird_calls.jsonl",)


def test_a_large_index_file_is_still_judged_as_data(tmp_path: Path) -> None:
    b.write(tmp_path, "data/caption_index.tsv", "id\tcaption\n" + "7\ta red kite over a field\n" * 60_000)
    assert comp(collect(str(tmp_path)), DATASETS).presence is Presence.INCLUDED


MIX = (
    "import json\nfrom datasets import load_dataset\n\n"
    "chats = load_dataset('someone/chat-logs', split='train')\n"
    "with open('mix.json', 'w') as out:\n    json.dump(list(chats), out)\n"
)


def test_data_mixed_for_a_chat_fine_tune_is_not_the_models_preprocessing(tmp_path: Path) -> None:
    b.write(tmp_path, "finetune/chatvariant/prepare_chat_mix.py", MIX)
    b.write(tmp_path, "finetune/chatvariant/sft.sh", "python sft.py --data mix.json\n")
    assert comp(collect(str(tmp_path)), PREP).presence is Presence.ABSENT
    b.write(tmp_path, "scripts/prepare_pretraining_shards.py", MIX)
    prep = comp(collect(str(tmp_path)), PREP)
    assert prep.presence is Presence.INCLUDED
    assert "scripts/prepare_pretraining_shards.py" in prep.locations


TOKENISER = (
    "import tiktoken\n\n\nclass BytePairText:\n    def __init__(self):\n"
    "        self.enc = tiktoken.get_encoding('gpt2')\n\n"
    "    def encode(self, text):\n        return self.enc.encode_ordinary(text)\n"
)
STATS = (
    "import tiktoken\n\nenc = tiktoken.get_encoding('gpt2')\n"
    "lengths = [len(enc.encode_ordinary(c)) for c in open('captions.txt')]\n"
    "print('mean caption length', sum(lengths) / len(lengths))\n"
)
SHARDS = (
    "import numpy as np\nimport tiktoken\n\nenc = tiktoken.get_encoding('gpt2')\n"
    "ids = enc.encode_ordinary(open('corpus.txt').read())\n"
    "np.array(ids, dtype=np.uint16).tofile('train_tokens.bin')\n"
)


def test_tokenising_is_preprocessing_only_where_tokens_are_written(tmp_path: Path) -> None:
    b.write(tmp_path, "src/kitepkg/tokenizer.py", TOKENISER)
    b.write(tmp_path, "tools/caption_length_stats.py", STATS)
    assert comp(collect(str(tmp_path)), PREP).presence is Presence.ABSENT
    b.write(tmp_path, "tools/shard_corpus.py", SHARDS)
    prep = comp(collect(str(tmp_path)), PREP)
    assert prep.presence is Presence.INCLUDED and prep.locations == ("tools/shard_corpus.py",)


BRIDGE = (
    "import ctypes\nimport torch\n\nlib = ctypes.cdll.LoadLibrary('libfastrun.so')\n\n\n"
    "def create(model, dtype='float16'):\n"
    "    for name, m in model.named_modules():\n"
    "        if isinstance(m, torch.nn.Linear):\n            lib.add_linear(name.encode())\n"
    "    for key, value in model.state_dict().items():\n"
    "        lib.add_weight(key.encode(), value.numpy().ctypes.data_as(ctypes.c_void_p))\n"
)
NETWORK = (
    "import torch\nfrom torch import nn\n\n\nclass KiteNet(nn.Module):\n    def __init__(self):\n"
    "        super().__init__()\n        self.proj = nn.Linear(8, 8)\n\n"
    "    def forward(self, x):\n        return self.proj(x)\n\n\n"
    "def export(model):\n    return model.state_dict()\n"
)


def test_a_bridge_to_another_runtime_defines_no_architecture(tmp_path: Path) -> None:
    b.write(tmp_path, "native/package/fastrun/hf_model.py", BRIDGE)
    assert comp(collect(str(tmp_path)), ARCH).presence is Presence.ABSENT
    b.write(tmp_path, "kite/model.py", NETWORK)
    arch = comp(collect(str(tmp_path)), ARCH)
    assert arch.presence is Presence.INCLUDED and arch.locations == ("kite/model.py",)


DISCRIMINATOR = (
    "import torch.nn as nn\n\n\nclass PatchDiscriminator(nn.Module):\n    def __init__(self):\n"
    "        super().__init__()\n        self.conv = nn.Conv2d(3, 64, 4)\n"
)
PERCEPTUAL = (
    "import torch.nn as nn\n\n\nclass FeatureDistance(nn.Module):\n    pass\n\n\n"
    "class ChannelWeights(nn.Module):\n    pass\n"
)


def test_losses_and_discriminators_train_the_network_they_are_not_it(tmp_path: Path) -> None:
    b.write(tmp_path, "kite/model.py", NETWORK)
    b.write(tmp_path, "kite/autoencoding/similarity/model/__init__.py", "")
    b.write(tmp_path, "kite/autoencoding/similarity/model/model.py", DISCRIMINATOR)
    b.write(tmp_path, "kite/autoencoding/similarity/loss/feature_distance.py", PERCEPTUAL)
    release = collect(str(tmp_path))
    assert comp(release, ARCH).locations == ("kite/model.py",)
    training = comp(release, "Training code")
    assert training.presence is Presence.INCLUDED
    assert {
        "kite/autoencoding/similarity/model/model.py",
        "kite/autoencoding/similarity/loss/feature_distance.py",
    } <= set(training.locations)


def test_a_network_beside_a_discriminator_stays_architecture(tmp_path: Path) -> None:
    mixed = NETWORK + "\n\nclass PatchDiscriminator(nn.Module):\n    pass\n"
    b.write(tmp_path, "kite/gan.py", mixed)
    assert comp(collect(str(tmp_path)), ARCH).locations == ("kite/gan.py",)
