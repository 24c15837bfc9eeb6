"""Text from a release is never fatal, never drives a terminal and never carries credentials."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness import service
from openness.cli.main import cli
from openness.domain.release import Component, Evidence, Release
from openness.domain.text import LONG_LIMIT, SHORT_LIMIT, clean, cut, redact_url, redact_urls

SECRET = "s3cr3t-t0ken"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://user:{SECRET}@github.com/o/r.git", "https://github.com/o/r.git"),
        (f"https://{SECRET}@gitlab.com/o/r", "https://gitlab.com/o/r"),
        (f"https://oauth2:{SECRET}@host:8443/o/r?ref=main", "https://host:8443/o/r?ref=main"),
        (f"https://h/o/r?token={SECRET}", "https://h/o/r"),
        (f"https://h/o/r?a=1&access_token={SECRET}&b=2", "https://h/o/r?a=1&b=2"),
        (f"https://h/o/r?private_token={SECRET}#x", "https://h/o/r#x"),
        (f"https://h/cb#access_token={SECRET}&state=1", "https://h/cb#state=1"),
        (f"https://h/o?X-Amz-Signature={SECRET}&X-Amz-Credential={SECRET}", "https://h/o"),
        (f"https://h/o?api%5Fkey={SECRET}", "https://h/o"),
        (f"https://u:{SECRET}@[::1/o/r", "https://[::1/o/r"),  # broken IPv6 host: still redacted
        (f"https://u:{SECRET}@h:99999/o", "https://h:99999/o"),  # port out of range: still redacted
        ("https://huggingface.co/org/name", "https://huggingface.co/org/name"),
        ("user@host:o/r.git", "user@host:o/r.git"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_redact_urls_in_text() -> None:
    text = f"cloned https://x:{SECRET}@github.com/o/r.git and read ?token={SECRET} nowhere else"
    assert SECRET in text.split("nowhere")[0].split("read")[1]  # a bare query outside a URL stays text
    assert redact_urls(text).startswith("cloned https://github.com/o/r.git and")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\ud800b", "a\\ud800b"),
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("a\x00b\x7f\x9b", "a\\x00b\\x7f\\x9b"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("line\nbreak", "line\\x0abreak"),
        ("MIT\n", "MIT"),  # a block scalar's last line break
    ],
)
def test_clean_escapes_visibly_and_encodes(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    clean(raw).encode("utf-8")
    assert clean(clean(raw)) == clean(raw)


def test_cut_marks_what_was_left_out_and_is_stable() -> None:
    text = cut("x" * 5_000_000, SHORT_LIMIT)
    assert len(text) <= SHORT_LIMIT and text.endswith("more characters)") and "4,998," in text
    assert cut(text, SHORT_LIMIT) == text


def test_domain_values_are_clean() -> None:
    release = Release(
        name="\ud800" + "n" * 100_000,
        links={"repository": f"https://u:{SECRET}@github.com/o/r"},
        components=(
            Component(
                "Model card",
                licence="L" * 4_900_000,
                locations=(f"https://h/x?token={SECRET}",),
                evidence=(Evidence("local", "a\x1b]0;title\x07", "r", 1.0, "d\ud800" * 50_000),),
            ),
        ),
        extra={"k\x1b": ["\ud800", {"t": f"https://h?token={SECRET}"}]},
        notes=("n\x1b[2J",),
    )
    dumped = json.dumps(service_json(release), ensure_ascii=False)
    dumped.encode("utf-8")
    assert SECRET not in dumped and "\x1b" not in dumped
    assert len(release.name) <= SHORT_LIMIT and len(release.components[0].licence or "") <= SHORT_LIMIT
    assert len(release.components[0].evidence[0].detail) <= LONG_LIMIT
    assert len(dumped) < 200_000  # a 4.9 MB licence name no longer becomes hundreds of MB of JSON


def service_json(release: Release) -> object:
    from openness.domain.serialize import release_to_dict

    return release_to_dict(release)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "markdown", "table"])
def test_every_format_writes_a_release_with_a_lone_surrogate(tmp_path: Path, fmt: str) -> None:
    good = tmp_path / "good.yml"
    bad = tmp_path / "bad.yml"
    record = "release:\n  name: {name}\n  components:\n    - name: Datasets\n      license: MIT\n"
    good.write_text(record.format(name="fine"))
    bad.write_text(record.format(name='"x\\udc80y\\x1b[2J"').replace("\\udc80", "\\u00e9"))
    folder = tmp_path / "surrogate\udc80name"
    folder.mkdir()
    (folder / "weights.safetensors").write_bytes(b"\x00" * 16)
    targets = [str(good), str(bad), str(folder)]
    result = CliRunner().invoke(cli, ["assess", "-f", fmt, *targets])
    assert result.exit_code == 0, result.output
    result.stdout_bytes.decode("utf-8")  # valid UTF-8
    assert "\x1b[2J" not in result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert len(rows) == 3 and all("error" not in r for r in rows)


def test_terminal_escape_sequences_in_file_names_are_escaped(tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    (root / "model\x1b]0;pwned\x07\x1b[2J.safetensors").write_bytes(b"\x00" * 16)
    a = service.assess(str(root))
    text = json.dumps([e.locator for c in a.release.components for e in c.evidence])
    assert "\x1b" not in text and "\\\\x1b]0;pwned" in text
    result = CliRunner().invoke(cli, ["assess", "-f", "table", "--explain", str(root)])
    assert result.exit_code == 0 and "\x1b" not in result.output


def test_table_cuts_a_huge_field_visibly(tmp_path: Path) -> None:
    p = tmp_path / "big.yml"
    p.write_text(
        "release:\n  name: "
        + "B" * 200_000
        + "\n  license:\n    distribution:\n      name: "
        + "L" * 200_000
        + "\n"
    )
    result = CliRunner().invoke(cli, ["assess", "-f", "table", str(p)])
    assert result.exit_code == 0 and "more characters)" in result.output
    assert len(result.output) < 100_000


def test_no_credential_from_gitmodules_or_card_links_reaches_any_output(tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    (root / ".gitmodules").write_text(
        f'[submodule "train"]\n\tpath = train\n\turl = https://ci:{SECRET}@github.com/org/train.git\n'
    )
    (root / "README.md").write_text(
        "---\nlicense: mit\n---\n# Model\n\n"
        f"Code: https://{SECRET}@github.com/org/code and data https://data.example.org/set?token={SECRET}\n"
        f"Paper: https://arxiv.org/abs/2401.00001?access_token={SECRET}\n"
    )
    (root / "model.safetensors").write_bytes(b"\x00" * 16)
    for fmt in ("json", "markdown", "table"):
        result = CliRunner().invoke(cli, ["assess", "-f", fmt, "--explain", str(root)])
        assert result.exit_code == 0, result.output
        assert SECRET not in result.output
    assert (
        "github.com/org" in CliRunner().invoke(cli, ["assess", "-f", "json", "--explain", str(root)]).output
    )


def test_unicode_line_separators_never_split_a_jsonl_row(tmp_path: Path) -> None:
    p = tmp_path / "r.yml"
    record = 'release:\n  name: "a\\u2028b\\u2029c\\x85d"\n  components:\n    - name: Datasets\n'
    p.write_text(record + '      description: "x\\u2028y"\n')
    result = CliRunner().invoke(cli, ["assess", "-f", "jsonl", str(p), "a\u2028b"])
    assert result.exit_code == 2  # the second target does not exist
    assert len(result.stdout.splitlines()) == 2  # str.splitlines splits on U+2028 too: none is left raw


def test_markdown_escapes_html_and_code_fences(tmp_path: Path) -> None:
    p = tmp_path / "x``y.yml"
    p.write_text("release:\n  name: '<img src=x onerror=alert(1)> | a'\n")
    result = CliRunner().invoke(cli, ["assess", "-f", "markdown", str(p)])
    assert result.exit_code == 0
    assert "<img" not in result.output and "&lt;img src=x onerror=alert(1)&gt; \\| a" in result.output
    assert f"Target: ``` {p} ```" in result.output  # a fence longer than any backtick run in the target


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("git@ghp_S3CR3Tx@::1]:abc", "git@::1]:abc"),
        ("hf:user:S3CR3Tx@x/y", "hf:x/y"),
        ("hf:oauth2:S3CR3Tx@hf.co/org/repo.git@x", "hf:hf.co/org/repo.git@x"),
        ("ext::user:S3CR3Tx@github.com/org", "ext::github.com/org"),
        ("file.git@v1", "file.git@v1"),
        ("hf:org/name@rev", "hf:org/name@rev"),
        ("git@github.com:org/repo", "git@github.com:org/repo"),
        ("https://github.com/org/repo@v1.0", "https://github.com/org/repo@v1.0"),
    ],
)
def test_a_target_is_shown_without_its_user_info(target: str, shown: str) -> None:
    from openness.domain.text import redact_target

    assert redact_target(target) == shown


def test_a_nul_in_the_from_file_name_is_one_line() -> None:
    from click.testing import CliRunner

    from openness.cli.main import cli

    result = CliRunner().invoke(cli, ["assess", "--from-file", "\x00"])
    assert result.exit_code == 2 and "NUL" in result.stderr and "internal error" not in result.stderr
