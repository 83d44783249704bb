"""One conditional GET of a feed or page: ETag and Last-Modified sent back, the body
capped in bytes and the whole request bounded in seconds."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from dateline.errors import DatelineError


class FetchError(DatelineError):
    """A source could not be fetched (refused, timed out, an HTTP error, too large)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """``max_bytes`` per body and ``timeout`` seconds per request (connect to last byte)."""

    max_bytes: int = 5_000_000
    timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body (``None`` when the server answered 304 Not Modified) and the
    validators to send next time."""

    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str | None = None


def fetch(url: str, etag: str | None, last_modified: str | None, limits: Limits) -> Fetched:
    """GET ``url`` with the validators of the last fetch; raise :class:`FetchError`."""
    headers = {"User-Agent": "dateline-watch", "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(limits.timeout)
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, trust_env=False) as client:
            return _get(client, url, headers, limits)
    except httpx.TimeoutException:
        raise FetchError(f"no answer within {limits.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from None


def _get(client: httpx.Client, url: str, headers: dict[str, str], limits: Limits) -> Fetched:
    deadline = time.monotonic() + limits.timeout
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return Fetched(None, headers.get("If-None-Match"), headers.get("If-Modified-Since"))
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
        _refuse_announced_size(response, limits.max_bytes)
        body = _read_capped(response, limits, deadline)
        return Fetched(
            body,
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
            response.headers.get("Content-Type"),
        )


def _refuse_announced_size(response: httpx.Response, limit: int) -> None:
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > limit:
        raise FetchError(f"body of {int(announced):,} bytes; the limit is {limit:,}")


def _read_capped(response: httpx.Response, limits: Limits, deadline: float) -> bytes:
    """The body, stopped as soon as it passes ``max_bytes`` or the deadline."""
    chunks: list[bytes] = []
    held = 0
    for chunk in response.iter_raw():
        held += len(chunk)
        if held > limits.max_bytes:
            raise FetchError(f"body over the limit of {limits.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"no complete answer within {limits.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
