"""Validate strategy documents in a small web service, with the standard library only.

POST a document to /validate?format=toml (or json, yaml). The answer is JSON:
200 with the report (`ok`, counts, findings), or 422 with the problems that kept
the document from loading, each with its JSON path.

Run from anywhere: python examples/web_service.py
It starts the service on a free port, sends it two documents, prints the answers
and stops. To keep it running: python examples/web_service.py --serve 8000
"""

import json
import sys
import threading
import urllib.error
import urllib.request
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import romstrategy as rs

HERE = Path(__file__).resolve().parent
MAX_BYTES = 1_000_000  # refuse larger bodies before reading them


# --8<-- [start:handler]
class ValidateHandler(BaseHTTPRequestHandler):
    """POST /validate?format=toml|json|yaml with a strategy document as the body."""

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/validate":
            return self._answer(HTTPStatus.NOT_FOUND, {"error": "POST to /validate"})
        format = parse_qs(url.query).get("format", ["json"])[0]
        if format not in ("json", "toml", "yaml", "yml"):
            return self._answer(HTTPStatus.BAD_REQUEST, {"error": f"unknown format {format!r}"})
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BYTES:
            return self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too large"})
        try:
            strategy = rs.loads(self.rfile.read(length), format, max_bytes=MAX_BYTES)
        except rs.DocumentError as error:  # bad documents are the client's problem: 422
            problems = [{"path": p.path, "message": p.message} for p in error.problems]
            return self._answer(HTTPStatus.UNPROCESSABLE_ENTITY, {"problems": problems})
        return self._answer(HTTPStatus.OK, rs.validate(strategy).to_dict())

    def _answer(self, status: HTTPStatus, body: object) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the demo's output quiet."""


# --8<-- [end:handler]


def post(url: str, body: bytes) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def demo() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ValidateHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/validate"
    try:
        status, answer = post(f"{base}?format=toml", (HERE / "broken_plan.toml").read_bytes())
        print(status, "ok:", answer["ok"], "counts:", answer["counts"])
        assert status == 200
        assert answer["ok"] is False

        status, answer = post(f"{base}?format=json", b'{"schema_version": 1, "id": "x"}')
        print(status, answer["problems"])
        assert status == 422
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
        print(f"serving on http://127.0.0.1:{port}/validate")
        ThreadingHTTPServer(("127.0.0.1", port), ValidateHandler).serve_forever()
    else:
        demo()
