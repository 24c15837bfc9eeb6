"""Structured logs: one JSON object per line on stderr, for the registry's server and its workers.

    from openness import jsonlog
    jsonlog.event("job.done", job=12, target="hf:org/name", seconds=3.2)

writes ``{"time": "...", "level": "info", "event": "job.done", "job": 12, ...}``. Every record of the
``openness`` and ``uvicorn`` loggers goes through the same formatter once ``setup()`` has run (``openness
serve`` runs it in each worker process), so a log shipper reads one format. Field values that JSON
cannot hold are written as their ``str``; a traceback, when there is one, is one field (``exception``),
never lines of its own.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LOGGER = "openness"
FIELDS = "openness_fields"
"""The attribute of a log record that holds an event's fields."""
_RESERVED = ("time", "level", "event", "logger")


class JsonLines(logging.Formatter):
    """A log record as one JSON line: time (UTC, ISO 8601), level, event (the message), logger, and the
    event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            "logger": record.name,
        }
        for key, value in (getattr(record, FIELDS, None) or {}).items():
            out[key if key not in _RESERVED else f"field_{key}"] = value
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str, ensure_ascii=False, separators=(",", ":"))


def event(name: str, level: int = logging.INFO, /, *, exc_info: bool = False, **fields: Any) -> None:
    """Log one event with its fields (``name`` is a short dotted word: ``request``, ``job.failed``);
    ``exc_info=True`` inside an ``except`` adds the traceback as the ``exception`` field."""
    logger = logging.getLogger(LOGGER)
    if logger.isEnabledFor(level):
        logger.log(level, name, exc_info=exc_info, extra={FIELDS: fields})


def handler(stream: TextIO | None = None) -> logging.Handler:
    out = logging.StreamHandler(stream or sys.stderr)
    out.setFormatter(JsonLines())
    return out


def setup(level: int = logging.INFO, stream: TextIO | None = None) -> None:
    """Send the ``openness`` and ``uvicorn`` loggers to stderr as JSON lines (idempotent: a second call
    replaces the first's handler)."""
    for name in (LOGGER, "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler(stream)] if name != "uvicorn.error" else []
        logger.setLevel(level)
        logger.propagate = name == "uvicorn.error"  # its records go up to "uvicorn"'s handler


def uvicorn_config(level: str = "info") -> dict[str, Any]:
    """A ``log_config`` for uvicorn: its own messages (start, stop, errors) as JSON lines; its access log
    stays off (the registry logs each request itself, with a request id and the duration)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLines}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            LOGGER: {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
        },
    }
