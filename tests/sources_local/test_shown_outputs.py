"""What a README shows the model produced: a block given as the output of the example above it, a
comment in an example with its output, a picture right below an example that saves one, a picture of
what the text says the model makes; and notebooks saved with what the model produced (not plots,
tables or logs). READMEs and notebooks are our own words, laid out as real releases lay them out."""

from __future__ import annotations

import json
from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp, rules

SAMPLES = "Sample model outputs"
RESULTS = "Evaluation results"
FENCE = "```"


def _samples(root: Path) -> set[str]:
    c = comp(collect(str(root)), SAMPLES)
    return rules(c) if c.presence is Presence.INCLUDED else set()


def test_block_given_as_the_examples_output(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        f"# Parrot-7B\n\n## Use it\n\n{FENCE}python\nids = model.generate(**batch, max_new_tokens=64)\n"
        f"print(tok.decode(ids[0]))\n{FENCE}\n\nRunning this prints something like the text below:\n\n"
        f"{FENCE}\nA parrot can learn hundreds of words when it is young.\n{FENCE}\n",
    )
    assert "local.samples.readme-shown-output" not in _samples(tmp_path)  # "prints" alone is no intro
    b.write(
        tmp_path,
        "README.md",
        f"# Parrot-7B\n\n## Use it\n\n{FENCE}python\nids = model.generate(**batch, max_new_tokens=64)\n"
        f"print(tok.decode(ids[0]))\n{FENCE}\n\nThis snippet will print an answer similar to this one:\n\n"
        f"{FENCE}\nA parrot can learn hundreds of words when it is young.\n{FENCE}\n",
    )
    assert "local.samples.readme-shown-output" in _samples(tmp_path)


def test_a_listing_of_files_or_a_command_is_not_an_output(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        f"# Tool\n\n{FENCE}bash\npython fetch.py --all\n{FENCE}\n\n"
        "This should output a folder structure like the following:\n\n"
        f"{FENCE}\nckpt/\n  step1000/\n{FENCE}\n\n{FENCE}bash\nmake build\n{FENCE}\n\n"
        f"You will see the output below:\n\n{FENCE}\npython run.py --fast\n{FENCE}\n",
    )
    assert _samples(tmp_path) == set()


def test_expected_output_comment_in_an_example(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        f"# Embedder\n\n{FENCE}python\nscores = model(inputs)\nprint(scores)\n# Expected output:\n"
        f"# tensor([[0.98, 0.02]])\n{FENCE}\n",
    )
    assert "local.samples.example-output-comment" in _samples(tmp_path)


def test_picture_below_an_example_that_saves_one(tmp_path: Path) -> None:
    b.write(tmp_path, "pics/owl.jpg", b"\xff\xd8\xff")
    b.write(tmp_path, "pics/scheme.jpg", b"\xff\xd8\xff")
    b.write(
        tmp_path,
        "README.md",
        "# Painter\n\n![](./pics/scheme.jpg)\n\n## I. Text to image\n\n"
        f"{FENCE}python\nresult = paint(prompt='an owl with antlers', seed=7)\nshow(result)\n"
        f"result.save('owl.png')\n{FENCE}\n![](./pics/owl.jpg)\n",
    )
    c = comp(collect(str(tmp_path)), SAMPLES)
    assert "local.samples.image-after-example" in rules(c)
    assert c.locations == ("pics/owl.jpg",)  # the scheme above the example is not an output


def test_picture_of_what_the_text_says_the_model_makes(tmp_path: Path) -> None:
    b.write(tmp_path, "assets/outlines1.png", b"\x89PNG")
    b.write(tmp_path, "assets/overview.png", b"\x89PNG")
    b.write(
        tmp_path,
        "README.md",
        "# Outliner\n\n![Overview](assets/overview.png?raw=true)\n\n"
        "The model draws crisp object outlines from a click or a box.\n\n"
        '<p>\n  <img src="assets/outlines1.png?raw=true" width="40%" />\n</p>\n',
    )
    c = comp(collect(str(tmp_path)), SAMPLES)
    assert c.locations == ("assets/outlines1.png",)
    assert "local.samples.image-of-what-it-makes" in rules(c)


def test_numbered_sample_and_demo_under_a_parent_heading(tmp_path: Path) -> None:
    b.write(tmp_path, "assets/000.jpg", b"\xff\xd8\xff")
    b.write(tmp_path, "figs/chat_demo.png", b"\x89PNG")
    b.write(
        tmp_path,
        "README.md",
        "# Models\n\n![sample1](assets/000.jpg)\n\n## Demo\n\n### Start a worker\n\n"
        "Run the worker.\n\n"
        '<p align="center"><img src="figs/chat_demo.png" width="100%"></p>\n',
    )
    c = comp(collect(str(tmp_path)), SAMPLES)
    assert set(c.locations) == {"assets/000.jpg", "figs/chat_demo.png"}


def test_hosted_chart_counts_only_when_its_caption_says_result(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Speech\n\n![Approach](https://example.org/approach.png)\n\n## Accuracy by language\n\n"
        "![WER per language](https://example.org/assets/5d1e)\n",
    )
    results = comp(collect(str(tmp_path)), RESULTS)
    assert results.presence is Presence.INCLUDED and results.locations == ("README.md",)
    b.write(tmp_path, "README.md", "# Speech\n\n## Results\n\n![Approach](https://example.org/x.png)\n")
    assert comp(collect(str(tmp_path)), RESULTS).presence is Presence.ABSENT


def _notebook(source: list[str], outputs: list[dict[str, object]]) -> str:
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": outputs, "source": source}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def test_notebook_of_plots_is_not_samples_one_of_captions_is(tmp_path: Path) -> None:
    plot = {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": ["<Figure>"]}}
    b.write(
        tmp_path,
        "analysis/curves.ipynb",
        _notebook(["for model in models:\n", "    plot_curve(model.split('-')[0])\n"], [plot]),
    )
    assert _samples(tmp_path) == set()
    said = {"output_type": "stream", "name": "stdout", "text": ["caption: a dog on a beach\n"]}
    b.write(
        tmp_path,
        "demo.ipynb",
        _notebook(["# infer_speed(x) unused\n", "out = model.generate(image)\n", "print(out)\n"], [said]),
    )
    assert "local.samples.notebook-outputs" in _samples(tmp_path)


def test_links_to_where_the_samples_are_published(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "docs/SONGWRITER.md",
        "# Songwriter\n\nListen on our [sample page][songwriter_samples].\n\n"
        "Send problems to [developers.example.com/songwriter_output_feedback]"
        "(https://developers.example.com/songwriter_output_feedback).\n\n"
        "[songwriter_samples]: https://labs.example.org/papers/songwriter/\n",
    )
    b.write(
        tmp_path,
        "README.md",
        "# Writer\n\nWe also [released a dataset](https://github.com/acme/writer-output-dataset) "
        "of its texts.\n",
    )
    c = comp(collect(str(tmp_path)), SAMPLES)
    assert c.presence is Presence.REFERENCED
    assert set(c.locations) == {
        "https://labs.example.org/papers/songwriter/",
        "https://github.com/acme/writer-output-dataset",
    }
