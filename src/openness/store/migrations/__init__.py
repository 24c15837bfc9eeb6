"""Alembic's script folder for the registry (run by ``openness.store.database.migrate``)."""
