"""The PDF layer's static-only fetcher: nothing outside the static folder is fetched."""

import io
import shutil
import socket
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.fixtures.pdf import page_text
from volunteer_hub import pdf

REPO = Path(__file__).resolve().parents[1]

# The static-only fetcher, exercised without Flask through render_pdf_html.


def write_png(path, colour):
    Image.new("RGB", (8, 8), colour).save(path)


@pytest.fixture
def static_dir(tmp_path):
    """static/ with the PDF style sheet and an image; secrets and a link outside."""
    static = tmp_path / "app" / "static"
    (static / "pdf").mkdir(parents=True)
    shutil.copy(REPO / "static" / "pdf" / "pdf.css", static / "pdf" / "pdf.css")
    write_png(static / "ok.png", (0, 200, 0))
    write_png(tmp_path / "secret.png", (255, 0, 0))
    (tmp_path / "secret.css").write_text("body { color: red }")
    (static / "escape.png").symlink_to(tmp_path / "secret.png")
    return static


@pytest.fixture
def listener():
    """A local server socket that would see any connection the renderer made."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield server


@pytest.fixture
def network_attempts(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network use in a PDF test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture
def fetches(monkeypatch):
    """Every URL WeasyPrint asked for, with whether it was served or refused."""
    calls = []
    original = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except pdf.FetchRefused:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return response

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", spy)
    return calls


BLUE_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC"  # noqa: E501


HOSTILE_HTML = """<!doctype html><html lang="en"><head><title>Fetch test</title>
<link rel="stylesheet" href="pdf/pdf.css">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="../../secret.css">
<link rel="attachment" href="file:///etc/passwd" title="passwd">
<style>@import url("http://127.0.0.1:{port}/import.css");</style>
</head><body><p>Safe 安全</p>
<img src="ok.png"><img src="{blue}">
<img src="http://127.0.0.1:9/x.png"><img src="http://127.0.0.1:{port}/y.png">
<img src="https://example.com/z.png"><img src="ftp://127.0.0.1/w.png">
<img src="../../secret.png"><img src="%2e%2e/%2e%2e/secret.png">
<img src="escape.png"><img src="file://otherhost/etc/hosts">
</body></html>"""


def test_renders_without_fetching_anything_outside_static(
    static_dir, listener, network_attempts, fetches
):
    port = listener.getsockname()[1]
    html = HOSTILE_HTML.format(port=port, blue=BLUE_PNG)
    reader = PdfReader(io.BytesIO(pdf.render_pdf_html(html, static_dir=static_dir)))

    served = {url for url, outcome in fetches if outcome == "served"}
    refused = [url for url, outcome in fetches if outcome == "refused"]
    base = static_dir.resolve().as_uri() + "/"
    outside = static_dir.resolve().parents[1].as_uri() + "/"
    assert served == {base + "pdf/pdf.css", base + "ok.png", BLUE_PNG}
    assert set(refused) == {
        "file:///etc/passwd",
        outside + "secret.css",
        f"http://127.0.0.1:{port}/import.css",
        "http://127.0.0.1:9/x.png",
        f"http://127.0.0.1:{port}/y.png",
        "https://example.com/z.png",
        "ftp://127.0.0.1/w.png",
        outside + "secret.png",
        base + "%2e%2e/%2e%2e/secret.png",
        base + "escape.png",
        "file://otherhost/etc/hosts",
    }
    assert network_attempts == []
    with pytest.raises(BlockingIOError):
        listener.accept()

    assert "Safe 安全" in page_text(reader.pages[0])
    assert reader.attachments == {}
    colours = {
        image.image.convert("RGB").getpixel((0, 0)) for image in reader.pages[0].images
    }
    assert colours == {(0, 200, 0), (0, 0, 255)}


def test_fetcher_serves_static_files_and_data_uris(static_dir):
    fetcher = pdf.StaticOnlyFetcher(static_dir)
    css = fetcher.fetch(fetcher.base_url + "pdf/pdf.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    text = fetcher.fetch("data:text/plain;charset=utf-8,%E7%87%9A")
    assert text.read().decode(text.charset) == "燚"
    svg = fetcher.fetch("data:image/svg+xml;base64,PHN2Zy8+")
    assert (svg.content_type, svg.read()) == ("image/svg+xml", b"<svg/>")
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.com/",
        "ftp://example.com/x",
        "gopher://example.com/x",
        "javascript:alert(1)",
        "//example.com/x.png",
        "file:///etc/passwd",
        "file://evil.example/etc/passwd",
        "file:static/pdf/pdf.css",
        "{base}../secret.png",
        "{base}%2e%2e/secret.png",
        "{base}escape.png",
        "{base}pdf",
        "{base}missing.png",
        "{base}ok.png%00.css",
        "data:image/png;base64",
        "data:image/png;base64,@@@",
    ],
)
def test_fetcher_refuses(static_dir, url):
    fetcher = pdf.StaticOnlyFetcher(static_dir)
    url = url.format(base=fetcher.base_url)
    with pytest.raises(pdf.FetchRefused):
        fetcher.fetch(url)
    with pytest.raises(pdf.FetchRefused):
        fetcher.open(url)
    assert fetcher.refused == [url, url]
