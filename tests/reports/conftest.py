"""Fixtures for report tests: the real headless Chromium (``browser``) and the artefacts folder are
session fixtures of ``tests/conftest.py``, shared with the registry's browser tests (one Playwright per
test session: a second sync Playwright in the same thread cannot start)."""
