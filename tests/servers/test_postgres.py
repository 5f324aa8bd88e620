"""The throw-away server leaves nothing behind, however the block that used it ends."""

import socket

import pytest

from tests.servers import postgres


@pytest.mark.postgresql
@pytest.mark.slow
def test_the_server_is_stopped_and_deleted_when_its_block_fails():
    reason = postgres.missing()
    if reason:
        pytest.skip(reason)
    with pytest.raises(RuntimeError, match="a test failed"):
        with postgres.running_postgres() as server:
            name = server.create_database()
            with socket.create_connection(("127.0.0.1", server.port), timeout=5):
                pass  # it serves
            raise RuntimeError("a test failed")
    assert name and not server.root.exists()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=5).close()
