"""The registry's storage: SQLAlchemy 2 models, one Alembic schema history for SQLite and PostgreSQL,
and the queries the web app and the importer use. A shell around ``openness.service``; the core never
imports it."""
