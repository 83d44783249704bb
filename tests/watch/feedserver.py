"""A real HTTP server on loopback whose routes the tests change between cycles: feeds
with ETags (answering 304 to a matching If-None-Match), 500s, a route that answers too
slowly, and a 50 MB body sent in chunks."""

from __future__ import annotations

import contextlib
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BIG = 50 * 1024 * 1024


@dataclass
class Route:
    """What a path answers: a body with an ETag, a status, a delay, or a huge body."""

    body: bytes = b""
    status: int = 200
    delay: float = 0.0
    huge: bool = False
    content_type: str = "application/rss+xml"

    @property
    def etag(self) -> str:
        return f"\"{zlib.crc32(self.body):08x}\""


@dataclass
class FeedServer:
    """The routes by path and a log of (path, If-None-Match, status) per request."""

    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, str | None, int]] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # bytes sent per path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def rss(title: str, items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, description) items."""
    entries = "".join(
        f"<item><title>{t}</title><description>{d}</description>"
        f"<link>http://example.org/{i}</link><pubDate>Mon, 05 Feb 2024 10:00:00 GMT</pubDate>"
        "</item>"
        for i, (t, d) in enumerate(items)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"{entries}</channel></rss>").encode()  # fmt: skip


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            route = server.routes.get(self.path)
            tag = self.headers.get("If-None-Match")
            status = 404 if route is None else route.status
            if route is not None and status == 200 and tag == route.etag:
                status = 304
            server.log.append((self.path, tag, status))
            if route is not None and route.delay:
                time.sleep(route.delay)
            if route is not None and route.huge:
                self._huge()
                return
            self._answer(route, status)

        def _answer(self, route: Route | None, status: int) -> None:
            body = route.body if route is not None and status == 200 else b""
            self.send_response(status)
            if route is not None and status in (200, 304):
                self.send_header("ETag", route.etag)
            if route is not None:
                self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (the timeout test)
                self.wfile.write(body)

        def _huge(self) -> None:
            """50 MB without a Content-Length, in 64 KB chunks, until the client leaves."""
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<!-- padding -->" * 4096
            sent = 0
            try:
                while sent < BIG:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            server.sent[self.path] = sent

    return Handler


@contextmanager
def serving() -> Iterator[FeedServer]:
    """A running :class:`FeedServer` on 127.0.0.1 (a free port)."""
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
