"""A local web server of the tests' own that serves each case the link checker must judge.

`serve()` starts it on 127.0.0.1 on a free port in a thread and yields its base URL; the
organization's own domain in these tests is `127.0.0.1`, so `localhost` (the same server)
stands for "another website". Nothing here leaves the machine.
"""

import contextlib
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ops.scale import one_page_pdf


def pdf_bytes(text: str) -> bytes:
    """A small valid one-page PDF whose text layer says `text` (ASCII)."""
    return one_page_pdf(text)


def encrypted_pdf_bytes() -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_bytes("Secret report 2570"))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def html(title, body, charset="utf-8"):
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><p>{body}</p></body></html>"
    )


PNG = b"\x89PNG\r\n\x1a\n" + zlib.compress(b"not really an image")


class Handler(BaseHTTPRequestHandler):
    pages = {
        "/": ("text/html; charset=utf-8", html("หน้าแรก อบต.ทดสอบ", "ยินดีต้อนรับ ปี 2570")),
        "/ok": (
            "text/html; charset=utf-8",
            html("ประกาศผลการจัดซื้อจัดจ้าง ปี 2570", "ข้อมูลปีงบประมาณ พ.ศ. 2570"),
        ),
        "/ok-thai-digits": (
            "text/html; charset=utf-8",
            html("แผนการดำเนินงาน", "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"),
        ),
        "/no-year": (
            "text/html; charset=utf-8",
            html("แผนการดำเนินงาน", "ประจำปีงบประมาณ พ.ศ. 2565"),
        ),
        "/soft-404": ("text/html; charset=utf-8", html("ไม่พบหน้าที่คุณต้องการ", "ขออภัย หน้านี้อาจถูกลบแล้ว")),
        "/login": (
            "text/html; charset=utf-8",
            '<html><head><title>เข้าสู่ระบบ</title></head><body><form method="post">'
            '<input name="user"><input type="password" name="pw"></form></body></html>',
        ),
        "/plan.pdf": ("text/html; charset=utf-8", html("plan", "นี่คือหน้าเว็บ ไม่ใช่ไฟล์ PDF 2570")),
        "/picture": ("image/png", PNG),
    }
    files = {
        "/report.pdf": ("application/pdf", pdf_bytes("Procurement report fiscal year 2570")),
        "/old-report.pdf": ("application/pdf", pdf_bytes("Procurement report fiscal year 2565")),
        "/locked.pdf": ("application/pdf", encrypted_pdf_bytes()),
        "/broken.pdf": ("application/pdf", b"%PDF-1.4\n1 0 obj << /Type /Catal"),
    }
    redirects = {
        "/moved-home": "/",
        "/members-only": "/login?next=/members-only",
        "/loop-a": "/loop-b",
        "/loop-b": "/loop-a",
    }
    # Tests may change what a path serves (a page that changes after its snapshot).
    overrides: dict = {}
    user_agents: list = []

    def log_message(self, *args):
        pass

    def _send(self, status, content_type, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: C901 - one branch per case reads best
        type(self).user_agents.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?")[0]
        port = self.server.server_address[1]
        if path in self.overrides:
            status, content_type, body = self.overrides[path]
            return self._send(status, content_type, body)
        if path in self.pages:
            content_type, text = self.pages[path]
            body = text if isinstance(text, bytes) else text.encode()
            return self._send(200, content_type, body)
        if path in self.files:
            content_type, body = self.files[path]
            return self._send(200, content_type, body)
        if path in self.redirects:
            return self._send(302, "text/html", b"", [("Location", self.redirects[path])])
        if path == "/off-site":
            target = f"http://localhost:{port}/ok"
            return self._send(302, "text/html", b"", [("Location", target)])
        if path == "/tis-620":
            text = html("ประกาศรายงานผลการจัดซื้อจัดจ้าง", "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐", "tis-620")
            return self._send(200, "text/html; charset=tis-620", text.encode("cp874"))
        if path == "/windows-874-no-header":
            text = html("รายงานผลการดำเนินงาน", "ปีงบประมาณ 2570", "windows-874")
            return self._send(200, "text/html", text.encode("cp874"))
        if path == "/slow":
            time.sleep(3)
            return self._send(200, "text/html", html("ช้า", "2570").encode())
        if path == "/drip":
            # Each byte well within the read timeout, the whole page far beyond it.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            return None
        if path == "/huge":
            # Announces 500 MB; the checker must not read it.
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(500 * 1024 * 1024))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(b"%PDF-1.4\n" + b"0" * 65536)
            return None
        if path == "/endless":
            # No length at all: streams until the client stops reading.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(b"<html><body>")
                for _ in range(2000):
                    self.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
            return None
        if path == "/to-metadata":
            return self._send(
                302, "text/html", b"", [("Location", "http://169.254.169.254/latest/meta-data/")]
            )
        if path == "/error":
            return self._send(500, "text/html", b"<h1>Internal Server Error</h1>")
        return self._send(404, "text/html", html("404 Not Found", "").encode())


@contextlib.contextmanager
def serve():
    Handler.overrides = {}
    Handler.user_agents = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
