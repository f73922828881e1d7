"""The workshop's web server: three views, their live streams and the JSON actions (Starlette).

Live updates use server-sent events, not WebSockets: the views only need the server to tell them
what changed (answers travel the other way as ordinary POST requests, which get a status code, go
through the CSRF and size checks like any request, and are acknowledged one by one). EventSource
reconnects by itself after a dropped connection or a server restart, works through any proxy that
passes HTTP, and needs no extra dependency on the server.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..i18n.editions import SOURCE_LANGUAGE
from .room import MAX_TEXT, Room
from .security import (
    COOKIE,
    CSP,
    HEADERS,
    REPORT_CSP,
    RequestProblem,
    check_origin,
    csrf_token,
    new_participant_id,
    participant_cookie,
    participant_from,
    read_json,
    same_token,
)
from .words import Words, workshop_words

HERE = Path(__file__).parent
KEEPALIVE_SECONDS = 15
COALESCE_SECONDS = 0.05
"""A burst of answers wakes the projector once per 50 ms, not once per answer."""
REPORT_FILE = re.compile(r"^[a-z0-9-]+\.(html|pdf|csv|json)$")
TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}
TYPES["json"] = "application/json"


class WorkshopServer:
    """What the routes need: the room, the join address, how to write the report, and the room's words."""

    def __init__(
        self,
        room: Room,
        join_url: str,
        qr_svg: str,
        make_report: Callable[[], list[Path]],
        title: str,
        words: Words | None = None,
    ):
        self.room, self.join_url, self.qr_svg, self.make_report, self.title = room, join_url, qr_svg, make_report, title
        self.words = words or workshop_words(SOURCE_LANGUAGE)
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
        )

    @property
    def secret(self) -> str:
        return self.room.store.meta("secret")

    @property
    def token(self) -> str:
        return self.room.store.meta("token")

    def page(self, name: str, status: int = 200, **values) -> HTMLResponse:
        """A view in the room's language: its template gets the view's strings as `t` (and `shared`), and
        its script the same strings as JSON (`script_strings`), so that no text is written in the script."""
        part = name.removesuffix(".html")
        words = self.words
        strings = {"t": words.table[part], "shared": words.table["shared"], "script_strings": words.for_page(part)}
        html = self.templates.get_template(name).render(
            title=self.title, lang=words.language, count=words.count, text_limit=MAX_TEXT, **strings, **values
        )
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def create_app(workshop: WorkshopServer) -> Starlette:
    room = workshop.room

    def participant(request: Request) -> str:
        found = participant_from(workshop.secret, request.cookies.get(COOKIE))
        if found is None:
            raise RequestProblem(403, "Your browser's workshop cookie is missing or not valid: reload the page.")
        return found

    def presenter(request: Request) -> None:
        given = request.headers.get("x-presenter-token") or request.query_params.get("token")
        if not same_token(given, workshop.token):
            raise RequestProblem(403, "This needs the presenter's address (with its token).")

    async def join(request: Request) -> Response:
        found = participant_from(workshop.secret, request.cookies.get(COOKIE))
        who = found or new_participant_id()
        response = workshop.page("participant.html", csrf=csrf_token(workshop.secret, who))
        if found is None:
            cookie = participant_cookie(workshop.secret, who)
            response.set_cookie(COOKIE, cookie, max_age=2 * 24 * 3600, httponly=True, samesite="lax")
        return response

    async def now(request: Request) -> Response:
        return JSONResponse(room.participant_view(participant(request)))

    async def answer(request: Request) -> Response:
        check_origin(request)
        who = participant(request)
        if not same_token(request.headers.get("x-csrf-token"), csrf_token(workshop.secret, who)):
            raise RequestProblem(403, "The page's security token is missing or wrong: reload the page.")
        value = room.answer(who, await read_json(request))
        return JSONResponse({"received": True, "answer": value})

    async def participant_events(request: Request) -> Response:
        who = participant(request)
        return _stream(request, room, lambda: room.participant_view(who), everything=False)

    async def projector(request: Request) -> Response:
        return workshop.page("projector.html", join_url=workshop.join_url)

    async def projector_events(request: Request) -> Response:
        return _stream(request, room, room.projector_view, everything=True)

    async def qr(request: Request) -> Response:
        return Response(workshop.qr_svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})

    async def presenter_page(request: Request) -> Response:
        try:
            presenter(request)
        except RequestProblem as problem:
            return workshop.page("refused.html", status=problem.status)
        return workshop.page("presenter.html", token=workshop.token, join_url=workshop.join_url)

    async def presenter_events(request: Request) -> Response:
        presenter(request)
        return _stream(request, room, room.presenter_view, everything=True)

    async def act(request: Request) -> Response:
        check_origin(request)
        presenter(request)
        data = await read_json(request)
        action = request.path_params["action"]
        if action == "report":
            files = await run_in_threadpool(workshop.make_report)
            return JSONResponse({"files": [path.name for path in files]})
        room.act(action, data)
        return JSONResponse({"done": action})

    async def report_file(request: Request) -> Response:
        presenter(request)
        name = request.path_params["name"]
        path = room.store.folder / "report" / name
        if not REPORT_FILE.match(name) or not path.is_file():
            raise RequestProblem(404, "There is no such report file: make the report first.")
        headers = {"Content-Security-Policy": REPORT_CSP, "Cache-Control": "no-store"}
        return FileResponse(path, media_type=TYPES[path.suffix[1:]], headers=headers)

    routes = [
        Route("/", join),
        Route("/api/now", now),
        Route("/api/answer", answer, methods=["POST"]),
        Route("/events", participant_events),
        Route("/projector", projector),
        Route("/events/projector", projector_events),
        Route("/qr.svg", qr),
        Route("/presenter", presenter_page),
        Route("/events/presenter", presenter_events),
        Route("/api/presenter/{action}", act, methods=["POST"]),
        Route("/presenter/report/{name}", report_file),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    handlers = {RequestProblem: _refusal, HTTPException: _http_error, Exception: _server_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.add_middleware(_SecurityHeaders)
    return app


def _stream(request: Request, room: Room, view: Callable[[], dict], everything: bool) -> StreamingResponse:
    """Server-sent events: the view now, then again each time it changes; a comment keeps the line open."""

    async def events() -> AsyncIterator[str]:
        yield "retry: 1000\n\n"
        last = None
        while True:
            current = json.dumps(view(), ensure_ascii=False)
            if current != last:
                yield f"data: {current}\n\n"
                last = current
            if not await room.signals.wait(everything, KEEPALIVE_SECONDS):
                if await request.is_disconnected():
                    return
                yield ": keepalive\n\n"
            elif everything:
                await asyncio.sleep(COALESCE_SECONDS)

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


async def _refusal(request: Request, problem: RequestProblem) -> Response:
    return JSONResponse({"error": problem.message}, status_code=problem.status, headers={"Cache-Control": "no-store"})


async def _http_error(request: Request, error: HTTPException) -> Response:
    messages = {404: "Not found.", 405: "This address does not take that kind of request."}
    message = messages.get(error.status_code, error.detail)
    return JSONResponse({"error": message}, status_code=error.status_code, headers=error.headers)


async def _server_error(request: Request, error: Exception) -> Response:
    return JSONResponse({"error": "Something went wrong on the trainer's laptop."}, status_code=500)


class _SecurityHeaders:
    """Adds the security headers (and a CSP without inline script) to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", CSP.encode()))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)
