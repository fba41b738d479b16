"""Rebuild ``examples/web-archive/norvale-today-mediator.warc.gz``.

The WARC holds one HTTP response record whose payload is the HTML page
``saltmere-strike/norvale-today-mediator.html``, as a crawler would have
captured it, plus a warcinfo record. It is the same page as the HTML file, so
the corpus also tests that an exact copy arriving in another format is
recognised as a duplicate.

Record ids and dates are fixed, so rebuilding gives the same records.

Usage: python scripts/make_warc.py
"""

from __future__ import annotations

import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parents[1] / "examples"
SOURCE = HERE / "saltmere-strike" / "norvale-today-mediator.html"
TARGET = HERE / "web-archive" / "norvale-today-mediator.warc.gz"
URL = "https://norvaletoday.example/business/2025/05/15/saltmere-strike-mediator"
CAPTURED = "2025-05-15T15:40:12Z"


def _rid(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, URL + '#' + name)}>"


def build() -> Path:
    payload = SOURCE.read_bytes()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        info = writer.create_warcinfo_record(
            TARGET.name,
            {"software": "chorus scripts/make_warc.py", "format": "WARC File Format 1.1",
             "description": "Demo capture for the Chorus example corpus (fictional outlet)."},
        )
        info.rec_headers.replace_header("WARC-Record-ID", _rid("warcinfo"))
        info.rec_headers.replace_header("WARC-Date", CAPTURED)
        writer.write_record(info)
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        rec = writer.create_warc_record(
            URL, "response", payload=BytesIO(payload), http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": _rid("response"), "WARC-Date": CAPTURED},
        )
        writer.write_record(rec)
    return TARGET


if __name__ == "__main__":
    print(build())
