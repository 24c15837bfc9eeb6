"""Fuzz the readers the folder scan uses (card front matter, config.json, package.json, pyproject.toml,
Cargo.toml, setup.cfg, safetensors headers) through the real folder collector: each generated folder is
written to disk, scanned, assessed and rendered. One broken file must never sink the assessment."""

from __future__ import annotations

import json
import shutil
import struct
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from openness import service
from openness.reports import json_report, markdown
from openness.sources import local

from .harness import check, fuzz_settings
from .strategies import deep, mostly_benign, nasty_text, safe_text, simple_json, yaml_value

SURFACE = "folder"

json_hostile = st.one_of(
    st.integers(1, 200).map(lambda n: deep(n)),
    st.just(deep(5000)),
    st.just('{"a":' * 3000 + "1" + "}" * 3000),
    st.just("9" * 5000),
    st.just('{"license": ' + "1" * 5000 + "}"),
    st.just('{"license": 1e999, "architectures": [NaN, Infinity]}'),
    st.just('{"license": "\\ud800", "model_type": "\\u0000"}'),
    st.just('{"license": ["MIT"], "architectures": "x"}'),
    st.just('{"license": {"type": "MIT"}}'),
    simple_json.map(json.dumps),
    nasty_text,
)


@st.composite
def json_files(draw: st.DrawFn) -> str:
    doc = {
        "license": draw(mostly_benign(safe_text, nasty_text)),
        "architectures": draw(st.lists(mostly_benign(safe_text, nasty_text), max_size=2)),
        "model_type": draw(mostly_benign(safe_text, nasty_text)),
    }
    return draw(mostly_benign(st.just(json.dumps(doc)), json_hostile))


toml_hostile = st.one_of(
    st.just("[project]\nlicence = " + "[" * 5000 + "]" * 5000),
    st.just("x = " + "{a = " * 2000 + "1" + "}" * 2000),
    st.just("[project]\nlicense = 1979-13-45\n"),
    st.just("[project]\nlicense = 2024-02-30T25:00:00Z\n"),
    st.just("[project]\nlicense = " + "9" * 5000 + "\n"),
    st.just('[project]\nlicense = "\\ud800"\n'),
    st.just("[project]\nlicense = {text = 3}\n"),
    st.just("[project]\nlicense = {file = 'LICENSE'}\n"),
    st.just('[tool.poetry]\nlicense = ["MIT"]\n'),
    st.just("[package]\nlicense = true\n"),
    nasty_text,
)


@st.composite
def toml_files(draw: st.DrawFn) -> str:
    value = draw(mostly_benign(safe_text, nasty_text))
    return draw(
        mostly_benign(st.just(f"[project]\nname = 'x'\nlicense = {json.dumps(value)}\n"), toml_hostile)
    )


@st.composite
def cards(draw: st.DrawFn) -> str:
    keys = ["license", "license_name", "datasets", "base_model", "library_name", "date", "tags", "language"]
    lines = [f"{k}: {draw(yaml_value)}" for k in draw(st.lists(st.sampled_from(keys), unique=True))]
    body = draw(st.sampled_from(["# Model\n", "Trained on https://example.org/data.\n", "", "\x00\x1b[2J\n"]))
    return draw(
        mostly_benign(
            st.just("---\n" + "\n".join(lines) + "\n---\n" + body),
            st.one_of(
                nasty_text,
                st.just("---\n" + "a:\n " * 2000 + "---\n"),
                yaml_value.map("---\n{}\n---\n".format),
            ),
        )
    )


def safetensors_header(draw: st.DrawFn) -> bytes:
    header = draw(
        mostly_benign(st.just('{"w": {"dtype": "BF16", "shape": [2], "data_offsets": [0, 4]}}'), json_hostile)
    )
    raw = header.encode("utf-8", "surrogatepass")
    size = draw(st.sampled_from([len(raw), len(raw), 2**64 - 1, 0, len(raw) + 10**6]))
    return struct.pack("<Q", size) + raw + b"\0" * 4


@st.composite
def folders(draw: st.DrawFn) -> dict[str, bytes]:
    """A release folder: a few of the files the finders read, each with generated content."""
    files: dict[str, bytes] = {}
    makers = {
        "README.md": lambda: draw(cards()).encode("utf-8", "surrogatepass"),
        "config.json": lambda: draw(json_files()).encode("utf-8", "surrogatepass"),
        "package.json": lambda: draw(json_files()).encode("utf-8", "surrogatepass"),
        "pyproject.toml": lambda: draw(toml_files()).encode("utf-8", "surrogatepass"),
        "Cargo.toml": lambda: (
            draw(toml_files()).replace("[project]", "[package]").encode("utf-8", "surrogatepass")
        ),
        "setup.cfg": lambda: b"[metadata]\nlicense = " + draw(nasty_text).encode("utf-8", "surrogatepass"),
        "model.safetensors": lambda: safetensors_header(draw),
        "LICENSE": lambda: draw(
            mostly_benign(st.just("MIT License\n\nPermission is hereby granted"), nasty_text)
        ).encode("utf-8", "surrogatepass"),
        "train.py": lambda: (
            b"import torch\noptimizer.step()\n# SPDX-License-Identifier: "
            + draw(nasty_text).encode("utf-8", "surrogatepass")
        ),
    }
    for name in draw(st.lists(st.sampled_from(sorted(makers)), min_size=1, unique=True)):
        files[name] = makers[name]()
        if draw(st.integers(0, 9)) == 5:  # raw bytes that are not UTF-8
            files[name] += draw(st.binary(min_size=1, max_size=4))
    return files


_ROOT = Path(tempfile.mkdtemp(prefix="openness-fuzz-folder-"))


def scan(files: dict[str, bytes]) -> None:
    folder = _ROOT / "release"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    release = local.collect(str(folder))
    assessment = service.assess_release(release, str(folder))
    json_report.dumps(json_report.to_dict(assessment)).encode("utf-8")
    markdown.render(assessment, True).encode("utf-8")


@fuzz_settings()
@given(folders())
def test_generated_folders(files: dict[str, bytes]) -> None:
    check(SURFACE, files, lambda: scan(files))
