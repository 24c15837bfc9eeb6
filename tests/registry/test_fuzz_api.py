"""The API's OpenAPI schema fuzzed with schemathesis against the real server (uvicorn on loopback) on
SQLite and on PostgreSQL, seeded with the bundled examples: every operation, inputs that fit the schema
and inputs that do not, every answer checked — no 5xx, status codes, content types, headers and bodies
as the schema says. Bounded: ``EXAMPLES`` inputs per operation and mode, so it runs in seconds in CI.

schemathesis's own pytest plugin does not run under this pytest, so the operations are driven through
its Python API (each operation's Hypothesis strategy, ``Case.call_and_validate``)."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.generation.modes import GenerationMode  # noqa: E402

from tests.registry.conftest import Site  # noqa: E402

EXAMPLES = 25


def _fuzz(operation: Any, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate()

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_every_input_as_its_schema_says(site: Site, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_url(site.server.base + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5  # the v1, v2 and badge operations at least
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not list(operation.iter_parameters()):
            continue  # nothing to make invalid (the health probes)
        _fuzz(operation, mode)
