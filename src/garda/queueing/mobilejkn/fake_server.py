"""A fake BPJS WS Antrean FKTP that really listens on localhost, checks the signature headers
and encrypts its answers as BPJS does. For tests and local trials only; it can be taken
down and brought back on the same port to play an outage."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from garda.queueing.mobilejkn.crypto import encrypt_response, signature

POLI_REFERENCE = [
    {"kodepoli": "001", "namapoli": "UMUM"},
    {"kodepoli": "002", "namapoli": "GIGI & MULUT"},
    {"kodepoli": "003", "namapoli": "KIA"},
]


class FakeBpjsServer:
    def __init__(
        self,
        *,
        cons_id: str = "1234",
        secret: str = "rahasia",  # noqa: S107  # the fake's own test secret
        user_key: str = "uk",
    ) -> None:
        self.cons_id = cons_id
        self.secret = secret
        self.user_key = user_key
        self.received: list[tuple[str, str, Any]] = []  # (method, path, body)
        self.port = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/antreanfktp"

    def up(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # stdlib's name
                """Quiet: tests read `received`, not stderr."""

            def do_GET(self) -> None:  # the stdlib's naming
                fake._handle(self, None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                fake._handle(self, body)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def down(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeBpjsServer:
        self.up()
        return self

    def __exit__(self, *exc: object) -> None:
        self.down()

    def calls(self, path_suffix: str) -> list[Any]:
        with self._lock:
            return [body for _m, path, body in self.received if path.endswith(path_suffix)]

    def _answer(self, handler: BaseHTTPRequestHandler, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _handle(self, handler: BaseHTTPRequestHandler, body: Any) -> None:
        timestamp = handler.headers.get("X-timestamp", "")
        expected = signature(self.cons_id, self.secret, timestamp)
        if (
            handler.headers.get("X-cons-id") != self.cons_id
            or handler.headers.get("X-signature") != expected
            or handler.headers.get("user_key") != self.user_key
        ):
            self._answer(handler, {"metadata": {"code": 201, "message": "Signature tidak valid"}})
            return
        path = handler.path.split("/antreanfktp/", 1)[-1]
        with self._lock:
            self.received.append((handler.command, path, body))
        response: Any = None
        if path.startswith("ref/poli/"):
            response = POLI_REFERENCE
        elif path.startswith("ref/dokter/"):
            response = [{"kodedokter": 101, "namadokter": "dr. Demo", "jampraktek": "08:00-12:00"}]
        if response is None:
            self._answer(handler, {"metadata": {"code": 200, "message": "Ok."}})
            return
        encrypted = encrypt_response(
            json.dumps(response), cons_id=self.cons_id, secret=self.secret, timestamp=timestamp
        )
        self._answer(handler, {"response": encrypted, "metadata": {"code": 200, "message": "OK"}})
