"""The TCP relay counts what it relays per connection (the benchmark's bytes on the wire)."""

from __future__ import annotations

import socket
import threading
import time

from tests.tcp_proxy import TcpProxy

REPLY = b"x" * 70_000  # more than one recv() of the relay


def _server() -> tuple[socket.socket, int]:
    """A one-shot server: reads a request, answers REPLY, closes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve():
        for _ in range(2):
            connection, _ = listener.accept()
            with connection:
                connection.recv(1024)
                connection.sendall(REPLY)

    threading.Thread(target=serve, daemon=True).start()
    return listener, listener.getsockname()[1]


def _fetch(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(request)
        received = b""
        while chunk := client.recv(65536):
            received += chunk
    return received


def test_relay_counts_bytes_to_the_client_per_connection_and_its_request_line():
    listener, port = _server()
    proxy = TcpProxy("127.0.0.1", port).start()
    try:
        assert _fetch(proxy.port, b"GET /_stcore/stream HTTP/1.1\r\nHost: x\r\n\r\n") == REPLY
        assert _fetch(proxy.port, b"GET /static/app.js HTTP/1.1\r\n\r\n") == REPLY
        deadline = time.monotonic() + 5
        while sum(t.to_client for t in proxy.traffic) < 2 * len(REPLY):
            assert time.monotonic() < deadline, proxy.traffic
            time.sleep(0.05)
    finally:
        proxy.stop()
        listener.close()
    assert [t.request for t in proxy.traffic] == [b"GET /_stcore/stream HTTP/1.1",
                                                  b"GET /static/app.js HTTP/1.1"]
    assert [t.to_client for t in proxy.traffic] == [len(REPLY), len(REPLY)]
