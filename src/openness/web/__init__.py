"""The web registry: FastAPI routes (``api.py``), server-rendered pages (``pages.py``), put together
with security headers, error bodies and health checks in ``app.py``. A shell around ``openness.store``
and ``openness.reports``; the core never imports it."""
