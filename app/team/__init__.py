# Team mode: members share requests through a PostgreSQL server; each keeps a local store.
