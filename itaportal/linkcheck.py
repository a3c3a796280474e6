"""Opening an OIT answer's link the way an assessor would, safely, and saying in Thai what
is wrong with it.

`fetch(url)` is the network part: http(s) only, every host resolved and its addresses
checked (loopback, private, link-local, cloud metadata, reserved) before connecting, on the
first request and on every redirect, connecting to the checked address itself so a second
DNS answer cannot slip past; a user agent naming the portal; at most two requests at a time
per host in this process; a timeout per read and an overall deadline; a size limit. It
never raises for what the far side does: every outcome is a `Fetched` with an error code.

`check(url, ...)` fetches and judges: status, final URL, content type (sniffed from the
bytes, not only the header), size, title, and one verdict with its Thai message (VERDICTS).
HTML in TIS-620/windows-874 is decoded; a PDF's text is read with pypdf, encrypted or broken
ones included. Nothing here knows about answers or organizations: callers pass the
organization's own domains and the years the evidence must mention.

Settings: LINKCHECK_ALLOW_PRIVATE (only tests set it, to check against their own local
server), LINKCHECK_TIMEOUT (seconds per read), LINKCHECK_MAX_BYTES.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

USER_AGENT = (
    "ITA-Portal-LinkChecker/1.0 (checks OIT answer links of Thai local government; +{site})"
)
PER_HOST = 2
MAX_REDIRECTS = 10
DEFAULT_TIMEOUT = 15
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PDF_MAX_PAGES = 40

# verdict code -> (level for the page: success / danger / warning, Thai message template)
VERDICTS = {
    "ok": ("success", "ใช้ได้"),
    "broken": ("danger", "ลิงก์เสีย: {detail}"),
    "refused": (
        "danger",
        "ระบบไม่เปิดลิงก์นี้ เพราะชี้ไปยังที่อยู่ภายในเครือข่าย ({detail}) ซึ่งผู้ประเมินเปิดจากภายนอกไม่ได้",
    ),
    "soft_404": ("danger", "หน้าเว็บตอบว่า “ไม่พบหน้า” (soft 404) แม้สถานะจะเป็น 200: {detail}"),
    "homepage": (
        "danger",
        "ลิงก์พาไปที่หน้าแรกของเว็บไซต์ ไม่ใช่หน้าของข้อมูลข้อนี้ ผู้ประเมินต้องพบข้อมูลจากลิงก์โดยตรง",
    ),
    "off_domain": (
        "danger",
        "ลิงก์ออกนอกเว็บไซต์หลักของหน่วยงาน ({detail}) ผู้ประเมินนับเฉพาะข้อมูลบนเว็บไซต์หลัก",
    ),
    "login": ("danger", "หน้านี้ต้องเข้าสู่ระบบก่อน ผู้ประเมินจึงเปิดดูไม่ได้"),
    "wrong_type": ("danger", "ชนิดไฟล์ไม่ตรง: ลิงก์เป็น {expected} แต่ได้ {got}"),
    "period_missing": (
        "warning",
        "ไม่พบปีของข้อมูล ({detail}) ในเนื้อหาของหน้าหรือไฟล์ ตรวจว่าเป็นข้อมูลของช่วงเวลาที่ข้อนี้กำหนด",
    ),
    "too_large": (
        "warning",
        "ไฟล์หรือหน้านี้ใหญ่เกิน {detail} ระบบจึงไม่ได้อ่านทั้งหมดและตรวจเนื้อหาไม่ได้ ผู้ประเมินอาจเปิดได้ช้าหรือเปิดไม่ได้",
    ),
    "unreadable": ("warning", "เปิดได้ แต่ระบบอ่านเนื้อหาไม่ได้ ({detail}) กรุณาตรวจด้วยตนเอง"),
}
PROBLEMS = tuple(code for code in VERDICTS if code != "ok")

_HOST_SLOTS: dict[str, threading.BoundedSemaphore] = defaultdict(
    lambda: threading.BoundedSemaphore(PER_HOST)
)
_HOST_SLOTS_LOCK = threading.Lock()

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


class Refused(Exception):
    """The address is one the checker never opens."""


@dataclass
class Fetched:
    url: str
    final_url: str = ""
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    truncated: bool = False
    length: int | None = None  # Content-Length the server announced, if any
    error: str = ""  # "", "refused", "dns", "timeout", "tls", "connection", "redirects", "bad_url"
    detail: str = ""  # Thai text of the error
    redirects: list = field(default_factory=list)

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class Result:
    url: str
    status: int | None
    final_url: str
    content_type: str
    size: int | None
    title: str
    verdict: str
    message: str
    body: bytes = b""  # what was read (for a snapshot), never printed
    text: str = ""

    @property
    def level(self):
        return VERDICTS[self.verdict][0]

    @property
    def content_hash(self):
        """A digest that stays the same while what a reader sees stays the same: the
        normalised text of a page (its markup carries tokens and counters that change on
        every request), the bytes of any other file."""
        if self.text and self.content_type == "text/html":
            return hashlib.sha256(" ".join(self.text.split()).encode()).hexdigest()
        return hashlib.sha256(self.body).hexdigest()

    def as_dict(self):
        return {
            "url": self.url,
            "status": self.status,
            "final_url": self.final_url,
            "content_type": self.content_type,
            "size": self.size,
            "title": self.title,
            "verdict": self.verdict,
            "message": self.message,
        }


# -- the network part --------------------------------------------------------------------


def _allow_private():
    return bool(getattr(settings, "LINKCHECK_ALLOW_PRIVATE", False))


def _blocked(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or ip in ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
        or ip in ipaddress.ip_network("fd00:ec2::/32")  # cloud metadata over IPv6
    )


def resolve(host: str, port: int, allow_private: bool) -> str:
    """One address of `host` to connect to; Refused when any of its addresses is internal
    (a name that resolves to both is not trusted either)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise socket.gaierror("no address")
    if not allow_private:
        for address in addresses:
            if _blocked(address):
                raise Refused(address)
    return addresses[0]


def user_agent():
    return USER_AGENT.format(site=getattr(settings, "SITE_URL", ""))


def _host_slot(host):
    with _HOST_SLOTS_LOCK:
        return _HOST_SLOTS[host]


def _connection(scheme, host, port, address, timeout):
    def connect(_addr, timeout=timeout, source_address=None):
        return socket.create_connection((address, port), timeout, source_address)

    if scheme == "https":
        conn = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    # Connect to the address that was checked, not to a fresh lookup of the name; TLS
    # still verifies the certificate against the host name.
    conn._create_connection = connect
    return conn


def fetch(url, *, timeout=None, max_bytes=None, allow_private=None) -> Fetched:
    """GET `url` following redirects, safely and politely (see the module's docstring)."""
    timeout = timeout or getattr(settings, "LINKCHECK_TIMEOUT", DEFAULT_TIMEOUT)
    max_bytes = max_bytes or getattr(settings, "LINKCHECK_MAX_BYTES", DEFAULT_MAX_BYTES)
    allow_private = _allow_private() if allow_private is None else allow_private
    result = Fetched(url=url)
    deadline = time.monotonic() + timeout * 3
    current, seen = url, set()
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        result.final_url = current
        if parts.scheme not in ("http", "https") or not parts.hostname:
            result.error, result.detail = (
                "bad_url",
                "ที่อยู่ลิงก์ไม่ถูกต้อง (ต้องขึ้นต้นด้วย http:// หรือ https://)",
            )
            return result
        if current in seen:
            result.error, result.detail = "redirects", "เว็บไซต์เปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด"
            return result
        seen.add(current)
        try:
            # Thai domain names (IDN) go on the wire in their ASCII form.
            host = parts.hostname.lower().encode("idna").decode("ascii")
        except UnicodeError:
            result.error, result.detail = "bad_url", "ชื่อเว็บไซต์ในลิงก์ไม่ถูกต้อง"
            return result
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            result.error, result.detail = "bad_url", "หมายเลขพอร์ตในลิงก์ไม่ถูกต้อง"
            return result
        try:
            address = resolve(host, port, allow_private)
        except Refused as exc:
            result.error, result.detail = "refused", str(exc)
            return result
        except (OSError, UnicodeError):
            result.error, result.detail = "dns", f"ไม่พบชื่อเว็บไซต์ {host} (DNS)"
            return result
        # Thai words in a path or query are sent percent-encoded, as a browser does.
        path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
        if parts.query:
            path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
        with _host_slot(host):
            outcome = _request(
                parts.scheme, host, port, address, path, timeout, max_bytes, deadline
            )
        if isinstance(outcome, _Failure):
            result.error, result.detail = outcome.code, outcome.detail
            return result
        status, headers, body, truncated, length = outcome
        result.status, result.headers = status, headers
        result.body, result.truncated, result.length = body, truncated, length
        location = headers.get("location")
        if status in (301, 302, 303, 307, 308) and location:
            result.redirects.append(current)
            current = urljoin(current, location.strip())
            continue
        return result
    result.error, result.detail = "redirects", f"เว็บไซต์เปลี่ยนเส้นทางเกิน {MAX_REDIRECTS} ครั้ง"
    return result


@dataclass
class _Failure:
    code: str
    detail: str


def _request(scheme, host, port, address, path, timeout, max_bytes, deadline):
    """(status, headers, body, truncated, length), or a _Failure."""
    conn = _connection(scheme, host, port, address, timeout)
    try:
        conn.request(
            "GET",
            path,
            headers={
                "User-Agent": user_agent(),
                "Accept": "text/html,application/pdf,*/*;q=0.8",
                "Accept-Language": "th,en;q=0.5",
            },
        )
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        try:
            length = int(headers.get("content-length", ""))
        except ValueError:
            length = None
        chunks, size, truncated = [], 0, False
        if response.status in (301, 302, 303, 307, 308) or (length and length > max_bytes):
            # A redirect's body is not the page, and a body known to be too large is not read.
            truncated = bool(length and length > max_bytes)
        else:
            while True:
                if time.monotonic() > deadline:
                    return _Failure("timeout", "เว็บไซต์ตอบช้าเกินไป (หมดเวลา)")
                # read1: one socket read at most, so a page sent a byte at a time meets the deadline.
                chunk = response.read1(min(65536, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    truncated = True
                    break
        return response.status, headers, b"".join(chunks)[:max_bytes], truncated, length
    except TimeoutError:
        return _Failure("timeout", "เว็บไซต์ตอบช้าเกินไป (หมดเวลา)")
    except ssl.SSLError as exc:
        return _Failure(
            "tls", f"ใบรับรองความปลอดภัย (TLS/HTTPS) ของเว็บไซต์ใช้ไม่ได้ ({exc.reason or exc})"
        )
    except (OSError, http.client.HTTPException) as exc:
        return _Failure("connection", f"เชื่อมต่อเว็บไซต์ไม่ได้ ({type(exc).__name__})")
    finally:
        conn.close()


# -- reading what came back --------------------------------------------------------------


class _Page(HTMLParser):
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.headings, self.parts = "", [], []
        self.password = False
        self._stack = []

    def handle_starttag(self, tag, attrs):
        if tag == "input" and (dict(attrs).get("type") or "").lower() == "password":
            self.password = True
        if tag in ("title", "h1", "h2") or tag in self.SKIP:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        top = self._stack[-1] if self._stack else ""
        if top in self.SKIP:
            return
        if top == "title":
            self.title += data
            return
        if top in ("h1", "h2"):
            self.headings.append(data.strip())
        self.parts.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.parts).split())


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode_html(body: bytes, content_type_header: str = "") -> str:
    """The page's text: the charset the header or a meta tag names (TIS-620 read as its
    superset windows-874), else UTF-8, else windows-874 (Thai sites that say nothing)."""
    match = re.search(r"charset=([\w-]+)", content_type_header or "", re.I)
    charset = match.group(1) if match else None
    if not charset:
        meta = _META_CHARSET.search(body[:4096])
        charset = meta.group(1).decode("ascii", "ignore") if meta else None
    candidates = [charset] if charset else []
    candidates += ["utf-8", "cp874"]
    for name in candidates:
        name = name.lower().replace("_", "-")
        if name in ("tis-620", "tis620", "iso-8859-11", "windows-874", "x-windows-874"):
            name = "cp874"
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp874", errors="replace")


def sniff(body: bytes, header_type: str) -> str:
    """What the bytes are: 'application/pdf', 'text/html', an office/zip/image type, or the
    header's type when the bytes do not say."""
    head = body[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<!--", b"<body")) or (
        b"<html" in lowered
    ):
        return "text/html"
    if head.startswith(b"PK\x03\x04"):
        return header_type if header_type and "html" not in header_type else "application/zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "application/msword"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return header_type if header_type.startswith("image/") else "image"
    return header_type or "application/octet-stream"


class PdfUnreadable(Exception):
    """`detail` in Thai; `broken` when the file is damaged rather than locked."""

    def __init__(self, detail, broken=False):
        super().__init__(detail)
        self.broken = broken


def pdf_text(body: bytes) -> tuple[str, str]:
    """(title, text of the first pages) of a PDF; PdfUnreadable when it is encrypted with a
    password or damaged."""
    import pypdf  # only the checker needs it: imported here to keep the core light
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise PdfUnreadable("ไฟล์ PDF ถูกเข้ารหัสด้วยรหัสผ่าน")
            except (DependencyError, NotImplementedError, FileNotDecryptedError):
                raise PdfUnreadable("ไฟล์ PDF ถูกเข้ารหัส") from None
        title = ""
        try:
            title = str((reader.metadata or {}).get("/Title") or "")
        except Exception:  # metadata of a damaged file: the text may still be readable
            title = ""
        texts = []
        for page in reader.pages[:PDF_MAX_PAGES]:
            texts.append(page.extract_text() or "")
        return title, " ".join(" ".join(texts).split())
    except PdfUnreadable:
        raise
    except FileNotDecryptedError:
        raise PdfUnreadable("ไฟล์ PDF ถูกเข้ารหัส") from None
    except (PdfReadError, Exception) as exc:  # pypdf raises many kinds on damaged files
        raise PdfUnreadable(f"ไฟล์ PDF เสีย ({type(exc).__name__})", broken=True) from None


# -- judging -----------------------------------------------------------------------------

_NOT_FOUND = re.compile(
    r"\b404\b|not\s+found|ไม่พบหน้า|ไม่พบเพจ|ไม่พบข้อมูลที่|หน้านี้ไม่มีอยู่|ไม่มีหน้านี้|ไม่พบเนื้อหา|page\s+doesn.?t\s+exist",
    re.I,
)
_LOGIN_PATH = re.compile(
    r"(^|/)(login|signin|sign-in|log-in|wp-login\.php|servicelogin|auth)\b", re.I
)
_HOME_PATHS = {"", "/", "/index.php", "/index.html", "/index.htm", "/home", "/main", "/th", "/th/"}
_EXPECTED = {
    ".pdf": "application/pdf",
    ".doc": "office",
    ".docx": "office",
    ".xls": "office",
    ".xlsx": "office",
}
_TYPE_NAMES = {
    "application/pdf": "ไฟล์ PDF",
    "office": "ไฟล์เอกสาร (Word/Excel)",
    "text/html": "หน้าเว็บ HTML",
}


def _host_allowed(url, domains):
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def is_homepage(url) -> bool:
    parts = urlsplit(url)
    return (
        parts.path.rstrip("/").lower() in {p.rstrip("/") for p in _HOME_PATHS} and not parts.query
    )


def year_forms(year: int) -> list[str]:
    return [str(year), str(year).translate(THAI_DIGITS)]


def _result(fetched, verdict, *, detail="", title="", content_type="", text="", **fmt):
    level, template = VERDICTS[verdict]
    return Result(
        url=fetched.url,
        status=fetched.status,
        final_url=fetched.final_url,
        content_type=content_type or fetched.content_type,
        size=fetched.length if fetched.truncated and fetched.length else len(fetched.body) or None,
        title=" ".join(title.split())[:500],
        verdict=verdict,
        message=template.format(detail=detail, **fmt),
        body=fetched.body,
        text=text,
    )


def check(url, *, domains=(), years=(), fetched=None, **fetch_options) -> Result:
    """Fetch `url` and give its verdict (see _judge); whatever goes wrong inside the
    checker itself is a verdict too, so a night's run never stops at one odd link."""
    try:
        return _judge(url, domains=domains, years=years, fetched=fetched, **fetch_options)
    except Exception as exc:  # the checker's own failure, reported on the link
        return _result(
            Fetched(url=url, final_url=url),
            "broken",
            detail=f"ระบบตรวจลิงก์นี้ไม่สำเร็จ ({type(exc).__name__}) กรุณาเปิดตรวจด้วยตนเอง",
        )


def _judge(url, *, domains=(), years=(), fetched=None, **fetch_options) -> Result:
    """Fetch `url` and give its verdict. `domains`: the organization's own website domains
    (empty: the domain rule is not applied); `years`: Buddhist Era years of which at least
    one must appear in the page's or the PDF's text (empty: not checked)."""
    fetched = fetched or fetch(url, **fetch_options)
    domains = [d.lower() for d in domains]
    if fetched.error == "refused":
        return _result(fetched, "refused", detail=fetched.detail)
    if fetched.error:
        return _result(fetched, "broken", detail=fetched.detail)
    if fetched.status == 401 or _LOGIN_PATH.search(urlsplit(fetched.final_url).path):
        return _result(fetched, "login")
    if fetched.status >= 400:
        return _result(fetched, "broken", detail=f"เว็บไซต์ตอบรหัส {fetched.status}")
    if fetched.truncated:
        limit = getattr(settings, "LINKCHECK_MAX_BYTES", DEFAULT_MAX_BYTES)
        return _result(fetched, "too_large", detail=f"{limit // (1024 * 1024)} MB")
    kind = sniff(fetched.body, fetched.content_type)
    title, text = "", ""
    if kind == "text/html":
        page = _Page()
        try:
            page.feed(decode_html(fetched.body, fetched.headers.get("content-type", "")))
            page.close()
        except Exception:  # html.parser copes with almost anything; a crash is no verdict
            pass
        title, text = page.title.strip(), page.text
        if page.password:
            return _result(fetched, "login", title=title, content_type=kind, text=text)
    off = [u for u in [url, *fetched.redirects, fetched.final_url] if not _host_allowed(u, domains)]
    if domains and off:
        host = urlsplit(off[0]).hostname or off[0]
        return _result(
            fetched, "off_domain", detail=host, title=title, content_type=kind, text=text
        )
    expected = _EXPECTED.get(_extension(url))
    if expected and not (
        kind == expected or (expected == "office" and kind not in ("text/html", "application/pdf"))
    ):
        return _result(
            fetched,
            "wrong_type",
            title=title,
            content_type=kind,
            text=text,
            expected=_TYPE_NAMES[expected],
            got=_TYPE_NAMES.get(kind, kind),
        )
    if kind == "text/html":
        headline = " ".join([title, *page.headings[:3]])
        found = _NOT_FOUND.search(headline)
        if found:
            return _result(
                fetched,
                "soft_404",
                detail=title or found.group(0),
                title=title,
                content_type=kind,
                text=text,
            )
        if is_homepage(fetched.final_url):
            return _result(fetched, "homepage", title=title, content_type=kind, text=text)
    elif kind == "application/pdf":
        try:
            title, text = pdf_text(fetched.body)
        except PdfUnreadable as exc:
            verdict = "broken" if exc.broken else "unreadable"
            return _result(fetched, verdict, detail=str(exc), content_type=kind)
        if not text:
            return _result(
                fetched,
                "unreadable",
                detail="PDF ไม่มีข้อความ อาจเป็นภาพสแกน จึงตรวจปีของข้อมูลไม่ได้",
                title=title,
                content_type=kind,
            )
    else:
        return _result(
            fetched, "unreadable", detail=f"ไฟล์ชนิด {kind} ตรวจปีของข้อมูลไม่ได้", content_type=kind
        )
    if years:
        haystack = f"{title} {text}"
        if not any(form in haystack for year in years for form in year_forms(year)):
            wanted = " หรือ ".join(f"{y} / {str(y).translate(THAI_DIGITS)}" for y in years)
            return _result(
                fetched,
                "period_missing",
                detail=f"พ.ศ. {wanted}",
                title=title,
                content_type=kind,
                text=text,
            )
    return _result(fetched, "ok", title=title, content_type=kind, text=text)


def _extension(url):
    path = urlsplit(url).path.lower()
    match = re.search(r"\.[a-z0-9]{2,5}$", path)
    return match.group(0) if match else ""
