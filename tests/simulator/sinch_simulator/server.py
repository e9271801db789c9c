# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP plumbing: a threading HTTP/1.1 server (keep-alive, exact Content-Length) around a
:class:`~.simulator.Simulator`, and ``start_simulator`` for use from pytest.
"""

import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import admin
from .simulator import Simulator

IDLE_TIMEOUT = 120  # seconds an idle keep-alive connection stays open
MAX_LINE = 65537  # longest chunk-size or trailer line read
POLL_INTERVAL = 0.1  # seconds; bounds how long stop() waits for the serving loop


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SinchSimulator/1.0"
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True  # small responses must not wait for delayed ACKs (40 ms each)

    def do_GET(self):
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def log_message(self, format, *args):
        """Silence per-request stderr lines; ``/_sim/log`` is the request log."""

    def _serve(self):
        try:
            body = self._read_body()
        except ValueError:
            self._send(400, {"Connection": "close"}, b'{"error":"malformed request body framing"}')
            return
        raw_path, dummy, query_string = self.path.partition("?")
        sim = self.server.simulator
        if raw_path == "/_sim" or raw_path.startswith("/_sim/"):
            outcome = admin.handle(sim, self.command, raw_path, body)
        else:
            outcome = sim.process(self.command, raw_path, query_string, self.headers, body)
        if outcome.close_without_response:
            self._abort()
        else:
            self._send(outcome.status, outcome.headers, outcome.body, outcome.trickle_rate)

    def _read_body(self):
        """Read exactly the request body (Content-Length or chunked), keeping the connection in sync."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline(MAX_LINE).split(b";")[0], 16)
                if size == 0:
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline(MAX_LINE)  # the CRLF after the chunk
            while self.rfile.readline(MAX_LINE).strip():  # trailer fields, ignored
                pass
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        return self.rfile.read(length)

    def _send(self, status, headers, body, trickle_rate=None):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body is not None and trickle_rate:
            # A trickle fault: ``trickle_rate`` bytes a second, each piece flushed on its own.
            try:
                for start in range(0, len(body), trickle_rate):
                    self.wfile.write(body[start:start + trickle_rate])
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as it should
                self.close_connection = True
        elif body is not None:
            self.wfile.write(body)

    def _abort(self):
        """Close the connection with a TCP reset and no response at all."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.server.aborted.add(self.connection)
        self.close_connection = True


class SimulatorServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that can also close its open keep-alive connections on stop."""

    daemon_threads = True

    def __init__(self, address, simulator):
        super().__init__(address, _Handler)
        self.simulator = simulator
        self.aborted = set()  # sockets to reset instead of closing gracefully
        self._connections = set()
        self._connections_lock = threading.Lock()

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        if request in self.aborted:
            self.aborted.discard(request)
            request.close()  # no FIN first: with SO_LINGER 0 the peer sees a reset
            return
        super().shutdown_request(request)

    def close_connections(self):
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the peer


class SimulatorHandle:
    """A simulator serving in a background thread. ``url`` has no trailing slash."""

    def __init__(self, server, thread):
        self.server = server
        self.simulator = server.simulator
        self._thread = thread
        host, port = server.server_address[:2]
        self.url = "http://%s:%d" % ("127.0.0.1" if host in ("0.0.0.0", "") else host, port)

    def stop(self):
        self.server.shutdown()
        self.server.close_connections()
        self.server.server_close()
        self._thread.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def start_simulator(fixture=None, extra_numbers=0, host="127.0.0.1", port=0, extra_applications=0):
    """Start a simulator on ``host:port`` (0: a free port) in a daemon thread; return its handle."""
    server = SimulatorServer((host, port), Simulator(fixture, extra_numbers, extra_applications))
    thread = threading.Thread(target=server.serve_forever, args=(POLL_INTERVAL,), name="sinch-simulator", daemon=True)
    thread.start()
    return SimulatorHandle(server, thread)
