"""A TCP relay on 127.0.0.1 that a test can cut and restore, to play a database outage.

It also counts what it relays, so the benchmark can read the bytes a browser receives
on the wire (after websocket compression), per connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass


@dataclass
class Traffic:
    """One relayed connection: how it began (the request line) and the bytes sent back."""

    request: bytes = b""
    to_client: int = 0


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, port: int = 0):
        self.target = (target_host, target_port)
        self.port = port
        self._server: socket.socket | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self.traffic: list[Traffic] = []
        # Set by stall(): connections are accepted and read, but nothing is passed on.
        self.stalled = threading.Event()

    def start(self) -> TcpProxy:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen()
        self.port = server.getsockname()[1]
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()
        return self

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            if self.stalled.is_set():
                with self._lock:
                    self._connections.append(client)
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
                continue
            upstream = socket.create_connection(self.target)
            traffic = Traffic()
            with self._lock:
                self._connections += [client, upstream]
                self.traffic.append(traffic)
            threading.Thread(target=self._pipe, args=(client, upstream, traffic, True),
                             daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, traffic, False),
                             daemon=True).start()

    @staticmethod
    def _swallow(client: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while client.recv(65536):
                pass

    def _pipe(self, source: socket.socket, sink: socket.socket, traffic: Traffic,
              from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                if self.stalled.is_set():
                    continue
                if from_client and not traffic.request:
                    traffic.request = data.split(b"\r\n", 1)[0]
                elif not from_client:
                    traffic.to_client += len(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def stall(self) -> None:
        """Keeps accepting and reading, but answers nothing: a server that hangs."""
        self.stalled.set()

    def stop(self) -> None:
        """Refuses new connections and cuts the open ones, as a crashed server would."""
        if self._server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
        with self._lock:
            for sock in self._connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._connections.clear()
