"""Alembic environment: runs on the engine Promptly opened, batch mode for SQLite."""

from alembic import context

from app.storage.schema import metadata

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    # A batch operation copies a table and drops the old one; with foreign keys on, SQLite
    # would cascade that drop to the rows pointing at it (every request's history). The pragma
    # only takes effect outside a transaction, so it goes straight to the driver.
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if sqlite:
            connection.rollback()
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
