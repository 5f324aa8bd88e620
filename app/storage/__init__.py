"""Storage: the only place that opens database sessions. Works on SQLite and PostgreSQL."""
