"""Articles from links: public http(s) addresses only, every redirect checked, a time limit and a size cap."""
from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Callable, Collection
from urllib.parse import urljoin, urlsplit

from .candidate import Candidate, IngestError, make_candidate
from .files import MAX_FILE_BYTES, extract_html

FETCH_TIMEOUT = 15.0  # seconds, for the whole download
MAX_REDIRECTS = 5
USER_AGENT = "NewsLens/0.1 (article reader; +https://github.com/)"


@dataclass
class Fetched:
    url: str  # the final URL after redirects
    content_type: str
    charset: str | None
    data: bytes


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be fetched from, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attr, why in (("is_unspecified", "unspecified"), ("is_loopback", "loopback"), ("is_link_local", "link-local"),
                      ("is_multicast", "multicast"), ("is_reserved", "reserved"), ("is_private", "private")):
        if getattr(ip, attr):
            return why
    if not ip.is_global:
        return "non-public"
    return None


def check_url(
    url: str, *, allow_private: bool | Collection[str] = False,
    resolve: Callable[..., list] = socket.getaddrinfo,
) -> tuple[str, str, int, str]:
    """(scheme, host, port, ip to connect to) for a fetchable http(s) URL; raises IngestError otherwise.

    Every address the host resolves to must be public (not loopback, private, link-local, multicast,
    reserved). `allow_private=True` (or a set of exact addresses) lifts that, for tests against a local server.
    """
    url = (url or "").strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(f"only http:// and https:// links can be fetched, not {scheme + '://' if scheme else repr(url[:60])}")
    try:
        host = parts.hostname
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise IngestError(f"the link is malformed ({exc})") from exc
    if not host:
        raise IngestError("the link has no host name")
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise IngestError(f"cannot find the server {host!r} ({getattr(exc, 'strerror', None) or exc})") from exc
    addrs = []
    for info in infos:
        try:
            ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        except ValueError:
            raise IngestError(f"{host!r} resolves to an address News Lens cannot check ({info[4][0]})") from None
        addrs.append(ip)
    if not addrs:
        raise IngestError(f"cannot find the server {host!r}")
    for ip in addrs:
        why = _refusal(ip)
        allowed = allow_private is True or (not isinstance(allow_private, bool) and str(ip) in set(allow_private))
        if why and not allowed:
            raise IngestError(f"refusing to fetch {host!r}: it resolves to a {why} address ({ip}); only public web addresses are fetched")
    return scheme, host, port, str(addrs[0])


def _connection(scheme: str, host: str, port: int, ip: str, timeout: float) -> http.client.HTTPConnection:
    """A connection to `host` that connects to the already-checked address `ip` (no second DNS lookup)."""
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn._create_connection = lambda addr, t=timeout, src=None: socket.create_connection((ip, port), t, src)  # type: ignore[attr-defined]
    return conn


def fetch_url(
    url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_FILE_BYTES,
    allow_private: bool | Collection[str] = False,
) -> Fetched:
    """GET an http(s) URL: public addresses only (every redirect checked again), a time limit and a size cap."""
    deadline = time.monotonic() + timeout
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, ip = check_url(current, allow_private=allow_private)
        parts = urlsplit(current)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = _connection(scheme, host, port, ip, timeout=max(0.5, deadline - time.monotonic()))
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1",
                                               "Accept-Encoding": "identity"})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                loc = resp.getheader("Location")
                if not loc:
                    raise IngestError(f"{host} answered with a redirect without a target")
                current = urljoin(current, loc)
                continue
            if resp.status != 200:
                raise IngestError(f"{host} answered {resp.status} {resp.reason}")
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise IngestError(f"the page is too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            chunks, total = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise IngestError(f"{host} took longer than {timeout:g} seconds")
                chunk = resp.read(65536)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise IngestError(f"the page is too large (more than {max_bytes:,} bytes)")
                chunks.append(chunk)
            ctype = resp.getheader("Content-Type") or ""
            mime = ctype.split(";", 1)[0].strip().lower()
            m = re.search(r"charset=[\"']?([\w.:-]+)", ctype, re.I)
            return Fetched(url=current, content_type=mime, charset=m.group(1).lower() if m else None, data=b"".join(chunks))
        except IngestError:
            raise
        except (socket.timeout, TimeoutError) as exc:
            raise IngestError(f"{host} did not answer within {timeout:g} seconds") from exc
        except ssl.SSLError as exc:
            raise IngestError(f"secure connection to {host} failed ({exc.reason or exc.__class__.__name__})") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise IngestError(f"could not fetch from {host} ({exc.__class__.__name__}: {str(exc)[:100]})") from exc
        finally:
            conn.close()
    raise IngestError(f"too many redirects (more than {MAX_REDIRECTS})")


def read_url(
    url: str, *, title: str | None = None, published: str | None = None, source: str | None = None,
    force_language: bool = False, timeout: float = FETCH_TIMEOUT, allow_private: bool | Collection[str] = False,
) -> Candidate:
    """Fetch a link and make a Candidate of its article text."""
    got = fetch_url(url, timeout=timeout, allow_private=allow_private)
    if got.content_type not in ("text/html", "application/xhtml+xml", "text/plain", ""):
        raise IngestError(f"the link is a {got.content_type} file, not a web page or text")
    if b"\x00" in got.data[:8192]:
        raise IngestError("the link returned binary data, not a web page or text")
    charset = got.charset or "utf-8"
    try:
        text = got.data.decode(charset).lstrip("\ufeff")
    except LookupError as exc:
        raise IngestError(f"the page declares an unknown character set {charset!r}") from exc
    except UnicodeDecodeError as exc:
        raise IngestError(f"the page is not valid {charset} text (bad byte at position {exc.start})") from exc
    info: dict = {"url": got.url}
    if got.content_type != "text/plain":
        text, info = extract_html(text, url=got.url)
    host = urlsplit(got.url).hostname or ""
    cand = make_candidate(
        text, title=title or info.get("title"), published=published or info.get("published"),
        source=source or info.get("source"), url=got.url, origin=url, force_language=force_language,
    )
    cand.source = cand.source or host.removeprefix("www.") or None
    return cand


def looks_like_url(s: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", s.strip()))
