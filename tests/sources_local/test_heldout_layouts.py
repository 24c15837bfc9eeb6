"""Rules added after the held-out check of issue 9 (eight real repositories judged by hand before openness
ran on them): each test builds the layout that showed the cause, with code and texts our own."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp


def test_a_link_to_the_librarys_old_documentation_is_no_model_page(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Wren\n\n## Tokenizer\n\nWe recommend the pretrained [GPT-2 tokenizer]"
        "(https://huggingface.co/transformers/model_doc/gpt2.html#transformers.GPT2Tokenizer)"
        " with this repo.\n",
    )
    release = collect(str(tmp_path))
    assert comp(release, "Model card").presence is Presence.ABSENT
    assert comp(release, "Model parameters (Final)").presence is Presence.ABSENT


def test_a_model_repository_page_below_its_name_is_still_a_model_page(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Wren\n\n## Weights\n\nThe weights are on the Hub: [wren-1b](https://huggingface.co/wren-lab/wren-1b/tree/main).\n",
    )
    release = collect(str(tmp_path))
    assert comp(release, "Model parameters (Final)").presence is Presence.REFERENCED
    assert comp(release, "Model card").presence is Presence.REFERENCED


def test_the_plain_licence_file_governs_beside_one_named_for_a_vendored_part(tmp_path: Path) -> None:
    from openness.licences.texts import reference_texts

    texts = reference_texts()
    assert texts is not None
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(tmp_path, "LICENSE_ccfast", texts.texts["BSD-3-Clause"])
    b.write(
        tmp_path,
        "README.md",
        "# Tern segmenter\n\n## Checkpoints\n\n"
        "- [tern_large.pt](https://dl.example.org/tern/tern_large.pt)\n\n"
        "## License\n\nThe Tern model checkpoints and the Tern training code are licensed under "
        "[Apache 2.0](./LICENSE), however the [Gull Sans](https://github.com/example/gull-sans) typeface "
        "and the [Petrel Emoji](https://github.com/example/petrel) set bundled with the web demo's "
        "front-end code are made available under the [SIL Open Font License, version 1.1]"
        "(https://openfontlicense.org/open-font-license-official-text/).\n\n"
        "## Third-party code\n\nThe connected-components kernel is adapted from ccfast "
        "(see LICENSE_ccfast).\n",
    )
    final = comp(collect(str(tmp_path)), "Model parameters (Final)")
    assert final.presence is Presence.REFERENCED
    assert final.licence == "Apache-2.0"


def test_a_licence_written_for_models_beside_the_plain_file_stays_the_models(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(tmp_path, "Llama 2 LICENSE AGREEMENT", b.LLAMA)
    b.write(
        tmp_path,
        "README.md",
        "# Osprey chat\n\n## Weights\n\n- [osprey-7b](https://dl.example.org/osprey/osprey-7b.pt)\n\n"
        "## License\n\nThe code and the model weights of Osprey are licensed under the terms in the "
        "[LICENSE](./LICENSE) file and the model licence agreement beside it.\n",
    )
    final = comp(collect(str(tmp_path)), "Model parameters (Final)")
    assert final.licence is not None and "llama-2" in final.licence


def test_a_sentence_closed_by_a_bracket_ends_there(tmp_path: Path) -> None:
    readme = (
        "# Finch-LoRA\n\nThe adapter answers about as well as the full fine-tune. (See the examples shown "
        "below.) More tuning could give better performance; we invite users to try it and report their "
        "results.\n\n## Examples\n\n**Question**: Name three birds.\n\n**Finch-LoRA**: Robin, wren, finch.\n"
    )
    b.write(tmp_path, "README.md", readme)
    assert comp(collect(str(tmp_path)), "Evaluation results").presence is Presence.ABSENT
    b.write(
        tmp_path,
        "README.md",
        readme + "\n(For evaluation results, see Section 4 of the paper.) Weights follow.\n",
    )
    assert comp(collect(str(tmp_path)), "Evaluation results").presence is Presence.REFERENCED


def test_a_harness_results_record_is_results_not_evaluation_data(tmp_path: Path) -> None:
    record = (
        '{\n  "results": {\n    "piqa": {\n      "acc": 0.7612,\n      "acc_stderr": 0.0099\n    },\n'
        '    "winogrande": {\n      "acc": 0.6402\n    }\n  },\n  "config": {"model": "heron-3b", '
        '"num_fewshot": 0}\n}\n'
    )
    b.write(tmp_path, "evals/heron-3b.json", record)
    b.write(tmp_path, "evals/leaderboard_runs/heron-3b-piqa.json", record)
    release = collect(str(tmp_path))
    assert comp(release, "Evaluation data").presence is Presence.ABSENT
    results = comp(release, "Evaluation results")
    assert results.presence is Presence.INCLUDED and "evals/heron-3b.json" in results.locations


def test_questions_kept_in_an_evaluation_folder_stay_evaluation_data(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "evals/heron_quiz.json",
        '[{"question": "Which bird nests in reeds?", "answer": "heron"}]\n',
    )
    assert comp(collect(str(tmp_path)), "Evaluation data").presence is Presence.INCLUDED


def _notebook(cells: list[tuple[list[str], list[dict[str, object]]]]) -> str:
    import json

    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "execution_count": i, "metadata": {}, "outputs": outs, "source": src}
                for i, (src, outs) in enumerate(cells, 1)
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
        sort_keys=True,
    )


def test_progress_bars_on_stderr_are_no_model_output(tmp_path: Path) -> None:
    bars = {"name": "stderr", "output_type": "stream", "text": ["100%|##########| 50/50 [00:03<00:00]\n"]}
    source = ["pieces = [generate_speech(line) for line in script]\n"]
    b.write(tmp_path, "notebooks/long_speech.ipynb", _notebook([(source, [bars])]))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.ABSENT
    said = {"name": "stdout", "output_type": "stream", "text": ["The heron waded into the reeds at dawn.\n"]}
    b.write(tmp_path, "notebooks/long_speech.ipynb", _notebook([(source, [bars, said])]))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.INCLUDED


def test_lines_that_only_report_the_run_are_no_model_output(tmp_path: Path) -> None:
    """Rule run-report-not-output: how long the generation took is not what the model produced."""
    source = ["t0 = time.time()\n", "audio = generate_speech(text)\n", "print(time.time() - t0)\n"]
    timing = {"name": "stdout", "output_type": "stream", "text": ["took 41s to generate 5s of audio\n"]}
    wall = {"name": "stdout", "output_type": "stream", "text": ["CPU times: user 3 s\n", "Wall time: 2 s\n"]}
    b.write(tmp_path, "notebooks/speech_on_cpu.ipynb", _notebook([(source, [timing, wall])]))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.ABSENT
    said = {"name": "stdout", "output_type": "stream", "text": ["took the long way home, said the heron\n"]}
    b.write(tmp_path, "notebooks/speech_on_cpu.ipynb", _notebook([(source, [timing, said])]))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.INCLUDED


def test_an_example_the_reader_is_asked_to_run_is_no_shown_output(tmp_path: Path) -> None:
    """Rule run-this-not-output: 'Run the following code to generate speech samples:' introduces the next
    example, not what the one above gave."""
    first = "```sh\npip install chirp-tts\n```\n"
    block = "```py\nfrom chirp import ChirpModel\n\nmodel = ChirpModel.load('chirp-small')\n```\n"
    readme = "# Chirp\n\nText to speech.\n\n## Usage\n\n" + first + "\n{intro}\n\n" + block
    run_this = "Run the following Python code to generate speech samples:"
    b.write(tmp_path, "README.md", readme.format(intro=run_this))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.ABSENT
    shown = "```\n[chirp] 'Hello, my heron is tall' -> 4.2 s of speech at 24 kHz\n```\n"
    readme = "# Chirp\n\nText to speech.\n\n## Usage\n\n" + block + "\n{intro}\n\n" + shown
    b.write(tmp_path, "README.md", readme.format(intro="This will output the following:"))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.INCLUDED


def test_a_cell_running_the_prediction_script_shows_what_the_model_wrote(tmp_path: Path) -> None:
    printed = {
        "name": "stdout",
        "output_type": "stream",
        "text": ["Prompt: the heron\n", "Output: the heron stood still in the shallow water\n"],
    }
    source = ["!python3 main.py --predict --prompt prompt.txt --model heron_xl\n"]
    b.write(tmp_path, "Heron_example_notebook.ipynb", _notebook([(source, [printed])]))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.INCLUDED


def test_a_folder_of_small_array_presets_is_not_the_weights(tmp_path: Path) -> None:
    for i in range(25):
        b.write(tmp_path, f"chirp/assets/voices/voice_{i:02d}.npz", b"PK\x03\x04" + bytes(40_000 + i))
    b.write(tmp_path, "chirp/model.py", "import torch.nn as nn\n\n\nclass Chirp(nn.Module):\n    pass\n")
    assert comp(collect(str(tmp_path)), "Model parameters (Final)").presence is Presence.ABSENT
    b.write(tmp_path, "weights/chirp_small.npz", b"PK\x03\x04" + bytes(2_000_000))
    final = comp(collect(str(tmp_path)), "Model parameters (Final)")
    assert final.presence is Presence.INCLUDED and final.locations == ("weights/chirp_small.npz",)


def test_answers_labelled_with_the_models_name_under_an_examples_heading(tmp_path: Path) -> None:
    readme = (
        "# 🐦 Finch-LoRA\n\nA LoRA adapter for instruction following.\n\n## Example outputs\n\n"
        "**Instruction**: Name three birds that wade.\n\n**Finch-LoRA**: Herons, egrets and storks.\n\n"
        "**Baseline**: Ducks.\n\n---\n\n**Instruction**: Add 2 and 3.\n\n**Finch-LoRA**: 2 plus 3 is 5.\n"
    )
    b.write(tmp_path, "README.md", readme)
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.INCLUDED
    b.write(tmp_path, "README.md", readme.replace("## Example outputs", "## Prompt format"))
    assert comp(collect(str(tmp_path)), "Sample model outputs").presence is Presence.ABSENT


RECORDS_SCRIPT = """import tensorflow as tf


def shard(docs, encoder, path):
    with tf.io.TFRecordWriter(path) as writer:
        for doc in docs:
            ids = encoder.encode(doc) + [0]
            feature = tf.train.Feature(int64_list=tf.train.Int64List(value=ids))
            example = tf.train.Example(features=tf.train.Features(feature={"text": feature}))
            writer.write(example.SerializeToString())
"""


def test_a_script_encoding_documents_into_tfrecords_prepares_training_data(tmp_path: Path) -> None:
    b.write(tmp_path, "data/make_records.py", RECORDS_SCRIPT)
    prep = comp(collect(str(tmp_path)), "Data preprocessing code")
    assert prep.presence is Presence.INCLUDED and prep.locations == ("data/make_records.py",)


def test_encoding_text_to_print_lengths_prepares_no_data(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "scripts/lengths.py",
        "def lengths(docs, encoder):\n    for doc in docs:\n        print(len(encoder.encode(doc)))\n",
    )
    assert comp(collect(str(tmp_path)), "Data preprocessing code").presence is Presence.ABSENT


def test_an_evaluation_script_encoding_prompts_and_saving_scores_prepares_no_data(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "eval/evaluate_quiz.py",
        "import json\n\n\ndef run(model, tokenizer, items, out):\n    scores = []\n"
        "    for item in items:\n        ids = tokenizer.encode(item['question'])\n"
        "        scores.append(model.score(ids, item['answer']))\n"
        "    with open(out, 'w') as f:\n        json.dump(scores, f)\n",
    )
    assert comp(collect(str(tmp_path)), "Data preprocessing code").presence is Presence.ABSENT


def test_a_table_whose_columns_name_evaluation_splits_holds_results(tmp_path: Path) -> None:
    readme = (
        "# Tern\n\n## Checkpoints\n\nThe table below lists the checkpoints released in May.\n\n"
        "| **Model** | **Size (M)** | **Reed test (J&F)** | **Pond val (J&F)** |\n"
        "| :-: | :-: | :-: | :-: |\n| tern_small | 46 | 71.5 | 70.2 |\n| tern_large | 224 | 76.8 | 74.1 |\n"
    )
    b.write(tmp_path, "README.md", readme)
    assert comp(collect(str(tmp_path)), "Evaluation results").presence is Presence.INCLUDED
    b.write(tmp_path, "README.md", readme.replace("Reed test", "Depth").replace("Pond val", "Width"))
    assert comp(collect(str(tmp_path)), "Evaluation results").presence is Presence.ABSENT


def test_a_harness_the_readme_says_evaluated_the_model_is_its_evaluation_code(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(
        tmp_path,
        "README.md",
        "# Heron-3B\n\n## Results\n\nThe zero-shot evaluations below were performed with the "
        "[quill-eval-harness](https://github.com/example-lab/quill-eval-harness/tree/v0.3) at a fixed commit."
        "\n\n| Model | PIQA | ARC-e |\n|---|---|---|\n| Heron-3B | 76.1 | 70.4 |\n\n"
        "## License\n\nAll code in this repository is licensed under the Apache License 2.0.\n",
    )
    code = comp(collect(str(tmp_path)), "Evaluation code")
    assert code.presence is Presence.REFERENCED
    assert code.licence is None  # the harness's own terms, not the repository's Apache-2.0


def test_a_code_link_beside_evaluation_words_that_is_no_evaluation_tool_is_not(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Heron-3B\n\nWe evaluated Heron with care; training used [fastloader]"
        "(https://github.com/example-lab/fastloader) to stream the data.\n",
    )
    assert comp(collect(str(tmp_path)), "Evaluation code").presence is Presence.ABSENT


def test_evaluation_code_adapted_from_a_harness_does_not_reference_it(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Tern\n\nThird-party code: the evaluation software is heavily adapted from "
        "[`pond-bench`](https://github.com/example/pond-bench) (with its licence in LICENSE_POND).\n",
    )
    assert comp(collect(str(tmp_path)), "Evaluation code").presence is Presence.ABSENT


def test_a_code_header_naming_licence_files_above_it_brings_their_licences(tmp_path: Path) -> None:
    from openness.licences.texts import reference_texts

    texts = reference_texts()
    assert texts is not None
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(tmp_path, "tern_eval/LICENSE", texts.texts["BSD-3-Clause"])
    b.write(tmp_path, "tern_eval/LICENSE_POND", b.MIT)
    header = (
        "# Copyright (c) Tern authors. Licensed under the license in the LICENSE file of tern_eval.\n"
        "# Adapted from pond-bench, with its license found in the LICENSE_POND file.\n\n"
        "def j_and_f(pred, gold):\n    return (pred == gold).mean()\n"
    )
    b.write(tmp_path, "tern_eval/utils/tern_benchmark.py", header)
    code = comp(collect(str(tmp_path)), "Evaluation code")
    assert code.presence is Presence.INCLUDED
    assert code.licence is not None and "MIT" in code.licence and "BSD-3-Clause" in code.licence


def test_the_readme_of_a_folder_named_for_a_dataset_is_its_data_card(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "reeds_dataset/README.md",
        "# The Reeds Video (RV) Dataset\n\n## Overview\n\n4,000 videos of wading birds with masks.\n\n"
        "| split | videos |\n|---|---|\n| train | 3,800 |\n| test | 200 |\n",
    )
    assert comp(collect(str(tmp_path)), "Data card").presence is Presence.INCLUDED
    b.write(tmp_path, "reeds_dataset/README.md", "# Loader helpers\n\nFunctions to read masks.\n")
    assert comp(collect(str(tmp_path)), "Data card").presence is Presence.ABSENT


def test_a_download_module_fetching_yaml_configs_beside_weights_references_metadata(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "kite/models/download.py",
        "import requests\n\nMODEL_PATHS = {\n"
        '    "encoder": "https://files.example.org/kite/encoder.pt",\n'
        '    "prior": "https://files.example.org/kite/prior.pt",\n}\nCONFIG_PATHS = {\n'
        '    "encoder": "https://files.example.org/kite/encoder_config.yaml",\n'
        '    "prior": "https://files.example.org/kite/prior_config.yaml",\n}\n\n\n'
        "def fetch(url, path):\n    with open(path, 'wb') as f:\n"
        "        f.write(requests.get(url).content)\n",
    )
    release = collect(str(tmp_path))
    assert comp(release, "Model parameters (Final)").presence is Presence.REFERENCED
    assert comp(release, "Model metadata").presence is Presence.REFERENCED


def test_a_script_the_readme_evaluation_section_links_is_evaluation_code(tmp_path: Path) -> None:
    readme = (
        "# Kite diffusion\n\n## Sampling\n\nRun [`sample.py`](sample.py).\n\n"
        "## Evaluation (FID, precision, recall)\n\nWe include a [`sample_many.py`](sample_many.py) script "
        "that samples 50K images in parallel and writes an `.npz` for the metric suite.\n\n"
        "## License\n\nMIT.\n"
    )
    b.write(tmp_path, "README.md", readme)
    b.write(tmp_path, "sample.py", "import torch\n")
    b.write(tmp_path, "sample_many.py", "import torch\n")
    code = comp(collect(str(tmp_path)), "Evaluation code")
    assert code.presence is Presence.INCLUDED and code.locations == ("sample_many.py",)


def test_a_script_the_evaluation_section_links_but_the_tree_lacks_is_not_there(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Kite\n\n## Evaluation\n\nSee [`score.py`](score.py), to be released.\n",
    )
    assert comp(collect(str(tmp_path)), "Evaluation code").presence is Presence.ABSENT


LOOP = "for batch in loader:\n    loss = model(**batch).loss\n    loss.backward()\n    optimizer.step()\n"


def test_fine_tuning_code_the_readme_says_trained_the_released_model_is_its_training_code(
    tmp_path: Path,
) -> None:
    b.write(tmp_path, "finetune.py", LOOP)
    b.write(
        tmp_path,
        "README.md",
        "# Finch-LoRA\n\n## Training (`finetune.py`)\n\nA short LoRA fine-tuning script.\n",
    )
    assert comp(collect(str(tmp_path)), "Training code").presence is Presence.ABSENT
    b.write(
        tmp_path,
        "README.md",
        "# Finch-LoRA\n\n## Official weights\n\nThe released adapter was trained on May 2 with the "
        "following command:\n\n```bash\npython finetune.py \\\n    --base_model='wren-7b' \\\n"
        "    --num_epochs=10\n```\n",
    )
    training = comp(collect(str(tmp_path)), "Training code")
    assert training.presence is Presence.INCLUDED and training.locations == ("finetune.py",)


def test_a_task_module_fetching_a_test_split_from_a_url_references_evaluation_data(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "tasks.py",
        "import requests\n\nquiz_src_uri = 'http://files.example.org/data/reedquiz_test.jsonl'\n\n\n"
        "def load():\n    return requests.get(quiz_src_uri).text.splitlines()\n",
    )
    data = comp(collect(str(tmp_path)), "Evaluation data")
    assert data.presence is Presence.REFERENCED
    assert data.locations == ("http://files.example.org/data/reedquiz_test.jsonl",)
    b.write(tmp_path, "tests/test_tasks.py", "URL = 'http://files.example.org/fixtures/tiny_test.jsonl'\n")
    assert len(comp(collect(str(tmp_path)), "Evaluation data").locations) == 1


def test_checkpoint_sets_each_under_a_bracketed_licence_are_read_together(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(
        tmp_path,
        "README.md",
        "# Wren LM\n\n| Size | Base | Tuned |\n|---|---|---|\n"
        "| 3B | [checkpoint](https://huggingface.co/wren-lab/wren-base-3b) "
        "| [checkpoint](https://huggingface.co/wren-lab/wren-tuned-3b) |\n\n## Licenses\n\n"
        "- Base model checkpoints (`Wren-Base`) are licensed under the Creative Commons license "
        "([CC BY-SA-4.0](https://creativecommons.org/licenses/by-sa/4.0/)). Give credit to the authors.\n\n"
        "- Fine-tuned checkpoints (`Wren-Tuned`) are licensed under the Non-Commercial Creative Commons "
        "license ([CC BY-NC-SA-4.0](https://creativecommons.org/licenses/by-nc-sa/4.0/)).\n\n"
        "- All code in this repository is licensed under the Apache License 2.0.\n",
    )
    final = comp(collect(str(tmp_path)), "Model parameters (Final)")
    assert final.presence is Presence.REFERENCED
    assert final.licence == "CC-BY-NC-SA-4.0 AND CC-BY-SA-4.0"


def test_a_dataset_folder_readme_states_the_licence_of_the_data_it_links(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.APACHE)
    folder_readme = (
        "# The Reeds Video (RV) Dataset\n\n## Download the dataset\n\nVisit [here]"
        "(https://data.example.org/reeds-video/downloads/) to download the training and test sets.\n\n"
        "## License\n\nThe videos and annotations in the Reeds dataset are released under CC BY 4.0.\n"
    )
    b.write(tmp_path, "reeds_dataset/README.md", folder_readme)
    b.write(tmp_path, "README.md", "# Tern\n\nA segmenter.\n")
    found = [c for c in collect(str(tmp_path)).components if c.presence is Presence.REFERENCED]
    data = [c for c in found if c.name in ("Datasets", "Evaluation data")]
    assert data and all(c.licence == "CC-BY-4.0" for c in data)
