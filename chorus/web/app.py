"""The local web app: events list with search, event pages, article pages, JSON API.

``create_app(db_path)`` builds a FastAPI app over the SQLite store (or an
events.json file); ``serve(db, host, port)`` runs it with uvicorn, bound to
127.0.0.1 unless told otherwise.

Article text is untrusted, so: every template autoescapes; highlights are
built by splitting the text at offsets and escaping each piece; links from
article data are only ever http(s); and every response carries a strict
Content-Security-Policy (no inline script or style at all). Unknown ids give
404, bad query values 400/422, never 500.

Rendered pages are cached per URL and dropped when the data changes, so a
busy reader costs one render per page per digest.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from chorus.model import SCHEMA

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
PAGE_SIZE = 50
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SecurityHeaders:
    """ASGI middleware: every HTTP response gets the CSP and friends, errors included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class PageCache:
    """Rendered bodies keyed by URL, cleared whenever the data's version changes."""

    def __init__(self, size: int = 512):
        self.size = size
        self._d: "OrderedDict[Any, Any]" = OrderedDict()
        self._version: Any = object()
        self._lock = threading.Lock()

    def get(self, version: Any, key: Any, make: Callable[[], Any]) -> Any:
        with self._lock:
            if version != self._version:
                self._d.clear()
                self._version = version
            if key in self._d:
                self._d.move_to_end(key)
                return self._d[key]
        value = make()
        if value is None:  # misses (unknown ids) are not kept: they must not push real pages out
            return None
        with self._lock:
            if version == self._version:
                self._d[key] = value
                while len(self._d) > self.size:
                    self._d.popitem(last=False)
        return value


def article_href(aid: str) -> str:
    return "/articles/" + quote(aid, safe="")


def span_href(aid: str, start: int, end: int) -> str:
    return f"{article_href(aid)}#s-{start}-{end}"


class Site:
    """The app's reads and renders, independent of the HTTP framework."""

    def __init__(self, source):
        from chorus.render.html import make_environment

        self.source = source
        self.env = make_environment(TEMPLATES)
        self.cache = PageCache()

    # ---- data -----------------------------------------------------------------
    def _index(self) -> dict:
        """Per data version: light rows for the events list, and article -> events."""
        def make() -> dict:
            from chorus.render.view import event_lead, event_outlets, language_code, language_name, other_language

            rows, by_article = [], {}
            events = self.source.events()
            every = self.source.articles([a for ev in events for a in ev.get("articles") or []])
            for ev in events:
                ids = [a for a in ev.get("articles") or []]
                arts = {a: every[a] for a in ids if a in every}
                rows.append({
                    "id": ev["id"],
                    "title": ev.get("title") or event_lead(ev) or ev["id"],
                    "first_published": ev.get("first_published"),
                    "last_published": ev.get("last_published"),
                    "outlets": event_outlets(ev, arts),
                    "n_articles": len(ids),
                    "independent_sources": ev.get("independent_sources") or 0,
                    "lead": event_lead(ev),
                    "languages": sorted({n for n in (other_language(a) for a in arts.values()) if n}),
                    # language codes of its articles (English for undetermined or unknown), for the filter
                    "language_codes": sorted({language_code(a) for a in arts.values()}),
                })
                for a in ids:
                    by_article.setdefault(a, []).append(ev["id"])
            rows.sort(key=lambda r: (r["last_published"] or "", r["first_published"] or ""), reverse=True)
            codes = sorted({c for r in rows for c in r["language_codes"]})
            return {"rows": rows, "by_article": by_article,
                    "outlets": sorted({o for r in rows for o in r["outlets"]}),
                    "languages": [(c, language_name(c)) for c in codes] if len(codes) > 1 else []}

        return self.cache.get(self.source.version(), ("index",), make)

    def find_events(self, q: str = "", date_from: str = "", date_to: str = "", outlet: str = "",
                    lang: str = "") -> list[dict]:
        """Rows of the events that match the search words and filters, best first when searching."""
        for d in (date_from, date_to):
            if d and not _DATE.match(d):
                raise ValueError(f"dates are YYYY-MM-DD, got {d!r}")
        rows = self._index()["rows"]
        if q.strip():
            order = {eid: i for i, eid in enumerate(self.source.search(q))}
            rows = sorted((r for r in rows if r["id"] in order), key=lambda r: order[r["id"]])
        if date_from:
            rows = [r for r in rows if (r["last_published"] or r["first_published"] or "") >= date_from]
        if date_to:
            rows = [r for r in rows if r["first_published"] and r["first_published"] <= date_to]
        if outlet:
            rows = [r for r in rows if outlet in r["outlets"]]
        if lang:
            rows = [r for r in rows if lang in r["language_codes"]]
        return rows

    def event_view(self, event: dict) -> dict:
        from chorus.render.view import build_event_view

        arts = self.source.articles(list(event.get("articles") or []))
        return build_event_view(event, arts, span_href, article_href)

    # ---- pages ----------------------------------------------------------------
    def render(self, name: str, **ctx) -> str:
        return self.env.get_template(name).render(**ctx)

    def index_page(self, q: str, date_from: str, date_to: str, outlet: str, lang: str, page: int) -> str:
        key = ("index-page", q, date_from, date_to, outlet, lang, page)

        def make():
            rows = self.find_events(q, date_from, date_to, outlet, lang)
            pages = max(1, -(-len(rows) // PAGE_SIZE))
            return self.render(
                "index.html", rows=rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], total=len(rows),
                page=page, pages=pages, q=q, date_from=date_from, date_to=date_to, outlet=outlet,
                outlets=self._index()["outlets"], lang=lang, languages=self._index()["languages"], title="Events")

        return self.cache.get(self.source.version(), key, make)

    def event_page(self, event_id: str) -> str | None:
        def make():
            ev = self.source.event(event_id)
            if ev is None:
                return None
            view = self.event_view(ev)
            return self.render("event.html", ev=view, title=view["title"])

        return self.cache.get(self.source.version(), ("event", event_id), make)

    def article_page(self, article_id: str) -> str | None:
        def make():
            from chorus.render.highlight import highlight
            from chorus.render.view import other_language, outlet_name

            art = self.source.article(article_id)
            if art is None:
                return None
            spans, events = set(), []
            for eid in self._index()["by_article"].get(article_id, []):
                ev = self.source.event(eid)
                if ev is None:
                    continue
                view = self.event_view(ev)
                spans.update(view["targets"].get(article_id, ()))
                events.append({"id": eid, "title": view["title"]})
            dup = art.get("duplicate_of")
            return self.render(
                "article.html", article=art, text_html=highlight(art.get("text") or "", spans),
                events=events, duplicate_of=dup, outlet=outlet_name(art), title=art.get("title") or article_id,
                language=other_language(art))

        return self.cache.get(self.source.version(), ("article", article_id), make)

    # ---- API ------------------------------------------------------------------
    def api_events(self, q: str, date_from: str, date_to: str, outlet: str, lang: str = "", offset: int = 0,
                   limit: int = 0) -> bytes:
        def make():
            ids = [r["id"] for r in self.find_events(q, date_from, date_to, outlet, lang)]
            page = ids[offset: offset + limit] if limit else ids[offset:]
            events = [e for e in (self.source.event(i) for i in page) if e is not None]
            return _json({"schema": SCHEMA, "total": len(ids), "events": events})

        key = ("api-events", q, date_from, date_to, outlet, lang, offset, limit)
        return self.cache.get(self.source.version(), key, make)

    def api_event(self, event_id: str) -> bytes | None:
        def make():
            ev = self.source.event(event_id)
            return None if ev is None else _json(ev)

        return self.cache.get(self.source.version(), ("api-event", event_id), make)

    def api_article(self, article_id: str) -> bytes | None:
        def make():
            a = self.source.article(article_id)
            return None if a is None else _json(a)

        return self.cache.get(self.source.version(), ("api-article", article_id), make)


def _json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def create_app(db_path: Path | str):
    """The FastAPI app serving the store at ``db_path`` (or an events.json file)."""
    from fastapi import FastAPI, Query
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException

    from chorus.web.data import open_source

    site = Site(open_source(db_path))
    app = FastAPI(title="Chorus", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Events, their analyses and their articles, in the shape of events.json "
                              "(see docs/events-json.md).")
    app.state.site = site

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status)

    def error(request, status: int, message: str):
        # The 500 handler runs outside the middleware stack, so headers are set here too.
        headers = {k.decode(): v.decode() for k, v in SECURITY_HEADERS}
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
        body = site.render("error.html", status=status, message=message, title=f"Error {status}")
        return HTMLResponse(body, status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request, exc: HTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "Not found"
        return error(request, exc.status_code, msg)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request, exc: RequestValidationError):
        return error(request, 422, "Invalid request: " + "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()))

    @app.exception_handler(Exception)
    async def server_error(request, exc: Exception):  # last resort: a page, with headers, not a trace
        return error(request, 500, "Internal error")

    def filters(q, date_from, date_to, outlet, lang=""):
        for d in (date_from, date_to):
            if d and not _DATE.match(d):
                raise HTTPException(400, f"Dates are written YYYY-MM-DD (got {d[:20]!r}).")
        return q[:200], date_from, date_to, outlet[:200], lang[:20]

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def index(q: str = Query("", max_length=500), date_from: str = Query("", alias="from", max_length=20),
              date_to: str = Query("", alias="to", max_length=20), outlet: str = Query("", max_length=500),
              lang: str = Query("", max_length=20), page: int = Query(1, ge=1, le=100000)):
        return html(site.index_page(*filters(q, date_from, date_to, outlet, lang), page))

    @app.api_route("/events/{event_id}", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str):
        body = site.event_page(event_id)
        if body is None:
            raise HTTPException(404, "No event with this id.")
        return html(body)

    @app.api_route("/articles/{article_id}", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str):
        body = site.article_page(article_id)
        if body is None:
            raise HTTPException(404, "No article with this id.")
        return html(body)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_doc():
        return html(site.cache.get(None, ("api-doc",), lambda: site.render("api.html", title="JSON API")))

    @app.get("/api/events", summary="Events (optionally searched and filtered)",
             description="`{\"schema\": \"chorus.events/1\", \"events\": [...]}`; each event exactly as in "
                         "events.json. `q` searches (all words must match), `from`/`to` (YYYY-MM-DD) keep "
                         "events overlapping the range, `outlet` keeps events with an article from it, "
                         "`lang` (a language code: `en`, `de`, ...) events with an article in it; "
                         "`offset`/`limit` page through them (`limit=0`: all). `total` counts every match.")
    def api_events(q: str = Query("", max_length=500), date_from: str = Query("", alias="from", max_length=20),
                   date_to: str = Query("", alias="to", max_length=20), outlet: str = Query("", max_length=500),
                   lang: str = Query("", max_length=20),
                   offset: int = Query(0, ge=0), limit: int = Query(0, ge=0, le=100000)):
        body = site.api_events(*filters(q, date_from, date_to, outlet, lang), offset, limit)
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}", summary="One event, as in events.json",
             responses={404: {"description": "No event with this id"}})
    def api_event(event_id: str):
        body = site.api_event(event_id)
        if body is None:
            raise HTTPException(404, "No event with this id.")
        return Response(body, media_type="application/json")

    @app.get("/api/articles/{article_id}", summary="One article, as in events.json",
             responses={404: {"description": "No article with this id"}})
    def api_article(article_id: str):
        body = site.api_article(article_id)
        if body is None:
            raise HTTPException(404, "No article with this id.")
        return Response(body, media_type="application/json")

    @app.get("/static/report.css", include_in_schema=False)
    def report_css():
        from chorus.render.html import report_css as css

        return Response(css(), media_type="text/css", headers={"cache-control": "max-age=3600"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env():
    """App factory for ``uvicorn --factory`` (several workers): the database is ``$CHORUS_DB``."""
    return create_app(os.environ.get("CHORUS_DB", "chorus.db"))


def serve(db: Path | str = "chorus.db", host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          log_level: str = "warning") -> None:
    """Run the app with uvicorn on ``host:port`` (loopback unless told otherwise)."""
    import uvicorn

    from chorus.web.data import open_source

    open_source(db)  # fail here, with a clear message, when the database is missing
    print(f"chorus: serving {db} at http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr, flush=True)
    if workers > 1:
        os.environ["CHORUS_DB"] = str(db)
        uvicorn.run("chorus.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level)
    else:
        uvicorn.run(create_app(db), host=host, port=port, log_level=log_level)
