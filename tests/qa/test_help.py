"""Help text names its argument the way the usage line does, and shows an example."""

from __future__ import annotations

import re

from click.testing import CliRunner

from openness.cli.main import cli


def test_explain_help_explains_the_words_of_its_usage_line() -> None:
    text = CliRunner().invoke(cli, ["explain", "--help"]).output
    usage = re.search(r"Usage: .*", text)
    assert usage is not None
    for word in re.findall(r"[A-Z]{4,}", usage.group(0)):
        if word != "OPTIONS":
            assert text.count(word) > 1, f"{word} is in the usage line but never explained"
    assert "SUBJECT" not in text or "SUBJECT" in usage.group(0)
    assert 'openness explain "Model card"' in text
