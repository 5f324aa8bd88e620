"""Alembic environment: runs on the engine Promptly opened, batch mode for SQLite."""

from alembic import context

from app.storage.schema import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
