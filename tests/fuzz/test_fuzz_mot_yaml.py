"""Fuzz the MOT YAML reader: generated records, well formed and broken, read, assessed and rendered
(JSON, Markdown, the MOT YAML export) — a result or one clear input error, never anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from openness import service
from openness.domain.components import COMPONENTS
from openness.reports import json_report, markdown
from openness.reports import mot_yaml as mot_report
from openness.sources import mot_yaml

from .harness import check, fuzz_settings
from .strategies import YAML_VALUES, mostly_benign, nasty_text, yaml_value

SURFACE = "mot-yaml"
NAMES = [c.name for c in COMPONENTS]
RELEASE_KEYS = ["name", "version", "date", "type", "architecture", "treatment", "origin", "producer"]
COMPONENT_KEYS = ["description", "license", "license_path", "component_path"]


@st.composite
def records(draw: st.DrawFn) -> str:
    """The text of a MOT record: the schema's shape with hostile values and line-level damage."""
    v = lambda: draw(yaml_value)  # noqa: E731
    lines = ["framework:", "  name: Model Openness Framework", f"  version: {v()}", f"  date: {v()}"]
    lines += ["release:", f"  name: {draw(st.sampled_from(['tiny', 'x']) | yaml_value)}"]
    for key in draw(st.lists(st.sampled_from([*RELEASE_KEYS[1:], "repository", "extra_field"]))):
        lines.append(f"  {key}: {v()}")
    if draw(st.booleans()):
        lines.append("  license:")
        for scope in draw(st.lists(st.sampled_from(["distribution", "code", "data", "document", "x"]))):
            lines += [f"    {scope}:", f"      name: {v()}", f"      path: {v()}"]
    elif draw(st.booleans()):
        lines.append(f"  license: {v()}")
    lines.append("  components:" if draw(st.integers(0, 5)) else f"  components: {v()}")
    for _ in range(draw(st.integers(0, 5))):
        name = draw(mostly_benign(st.sampled_from(NAMES), yaml_value))
        lines.append(f"    - name: {name}")
        for key in draw(st.lists(st.sampled_from(COMPONENT_KEYS), unique=True)):
            lines.append(f"      {key}: {v()}")
    # line-level damage: drop, repeat or re-indent a line, or splice in raw hostile text
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "indent", "splice", "anchor"]))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = " " * draw(st.integers(0, 7)) + lines[i].lstrip()
        elif action == "splice":
            lines.insert(i, draw(nasty_text | st.sampled_from(YAML_VALUES)))
        else:
            lines[i] = lines[i] + " &a" if ":" in lines[i] else lines[i]
        if not lines:
            lines = ["release:"]
    return "\n".join(lines) + "\n"


def assess_text(text: str) -> None:
    release = mot_yaml.parse(text, "record.yml")
    assessment = service.assess_release(release, "record.yml")
    json_report.dumps(json_report.to_dict(assessment)).encode("utf-8")
    markdown.render(assessment, True).encode("utf-8")
    mot_report.render(release).encode("utf-8")


@fuzz_settings()
@given(records())
def test_generated_records(text: str) -> None:
    check(SURFACE, text, lambda: assess_text(text))


@fuzz_settings(0.3)
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    check(SURFACE, text, lambda: assess_text(text))


_FOLDER = Path(tempfile.mkdtemp(prefix="openness-fuzz-mot-"))


@fuzz_settings(0.3)
@given(
    records().map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=8), st.integers(0, 400)
)
def test_bytes_on_disk(data: bytes, noise: bytes, at: int) -> None:
    """Records with raw bytes spliced in (invalid UTF-8, BOMs, NULs), read from a file by ``load``."""
    path = _FOLDER / "record.yml"
    path.write_bytes(data[:at] + noise + data[at:])

    def run() -> None:
        release = mot_yaml.load(path)
        assessment = service.assess_release(release, str(path))
        json_report.dumps(json_report.to_dict(assessment)).encode("utf-8")

    check(SURFACE, data[:200], run)
