"""Alembic migrations for the Attaché database, shipped inside the package."""
