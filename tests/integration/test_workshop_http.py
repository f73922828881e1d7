"""The workshop server over HTTP, started as the trainer starts it: bad input gets a clear 4xx (never a
500), only the presenter controls the session, participants see no result before the reveal, and an
answer acknowledged before a SIGKILL is still counted after the restart."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from workshopkit import (
    AFTER,
    CONFIDENCE,
    FORMATS,
    FREE_TEXT,
    SINGLE,
    Participant,
    act,
    copy_course,
    go_to,
    start_server,
)

from build_tools.workshop.security import COOKIE


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_server(copy_course(tmp_path_factory.mktemp("workshop-http") / "course"))
    yield running
    running.stop()


@pytest.fixture
def phone(server):
    participant = Participant(server)
    yield participant
    participant.close()


def refused(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    assert words in response.json()["error"]
    assert "Traceback" not in response.text


# --- answers -----------------------------------------------------------------------------------


def test_an_answer_is_received_and_can_be_changed_until_the_poll_closes(server, phone):
    go_to(server, 2)
    assert phone.answer(SINGLE, "own-policy").json() == {"received": True, "answer": "own-policy"}
    assert phone.answer(SINGLE, "complement").status_code == 200
    now = phone.client.get("/api/now").json()
    assert now["mine"] == "complement" and now["status"] == "open"
    assert act(server, "close").status_code == 200
    refused(phone.answer(SINGLE, "own-policy"), 409, "closed")
    assert phone.client.get("/api/now").json()["mine"] == "complement"


def test_a_poll_that_is_not_current_refuses_answers(server, phone):
    go_to(server, 2)
    refused(phone.answer(AFTER, "accept-and-brief"), 409, "closed")


@pytest.mark.parametrize(
    ("poll", "value", "status", "words"),
    [
        ("no-such#poll", "x", 404, "no such poll"),
        (SINGLE, "no-such-option", 422, "not one of"),
        (SINGLE, 3, 400, "one choice"),
        (SINGLE, ["complement"], 400, "one choice"),
        (SINGLE, None, 400, "one choice"),
        (SINGLE, {"a": 1}, 400, "one choice"),
    ],
)
def test_wrong_answers_are_refused_with_a_reason(server, phone, poll, value, status, words):
    go_to(server, 2)
    refused(phone.answer(poll, value), status, words)


def test_choices_of_a_multiple_answer_poll_are_checked(server, phone):
    go_to(server, 6)
    assert phone.answer(FORMATS, ["mentoring", "simulation"]).status_code == 200
    refused(phone.answer(FORMATS, "mentoring"), 400, "list")
    refused(phone.answer(FORMATS, []), 422, "one or more")
    refused(phone.answer(FORMATS, ["mentoring", "mentoring"]), 422, "each once")
    refused(phone.answer(FORMATS, ["mentoring", 1]), 400, "list")


def test_free_text_is_capped_and_cleaned(server, phone):
    go_to(server, 1)
    refused(phone.answer(FREE_TEXT, "x" * 281), 422, "at most 280")
    refused(phone.answer(FREE_TEXT, "   \n "), 422, "Write something")
    refused(phone.answer(FREE_TEXT, 42), 400, "written answer")
    assert phone.answer(FREE_TEXT, " two\n\nlines\x00 ").json()["answer"] == "two\nlines"  # a line break stays


@pytest.mark.parametrize(
    ("body", "headers", "status", "words"),
    [
        (b"{not json", {}, 400, "not valid JSON"),
        (b"[1, 2]", {}, 400, "JSON object"),
        (b'"text"', {}, 400, "JSON object"),
        (json.dumps({"poll": SINGLE}).encode(), {}, 400, "nothing else"),
        (json.dumps({"poll": SINGLE, "answer": "complement", "extra": 1}).encode(), {}, 400, "nothing else"),
        (json.dumps({"poll": 5, "answer": "complement"}).encode(), {}, 400, "nothing else"),
        (b'{"poll": "' + b"x" * 5000 + b'"}', {}, 413, "too large"),
        (b'{"poll": 1}', {"Content-Type": "text/plain"}, 415, "JSON"),
        (b'{"poll": 1}', {"Content-Type": "application/x-www-form-urlencoded"}, 415, "JSON"),
    ],
    ids=["malformed", "array", "string", "missing", "extra", "poll-type", "oversized", "text-plain", "form"],
)
def test_malformed_requests_get_a_clear_4xx(server, phone, body, headers, status, words):
    go_to(server, 2)
    sent = {"Content-Type": "application/json", "X-CSRF-Token": phone.csrf, **headers}
    refused(phone.client.post("/api/answer", content=body, headers=sent), status, words)


def test_an_oversized_body_without_a_length_is_cut_off(server, phone):
    go_to(server, 2)

    def chunks():
        for _ in range(64):
            yield b"x" * 1024

    sent = {"Content-Type": "application/json", "X-CSRF-Token": phone.csrf}
    refused(phone.client.post("/api/answer", content=chunks(), headers=sent), 413, "too large")


def test_a_tampered_cookie_is_refused_and_the_page_gives_a_new_one(server, phone):
    go_to(server, 2)
    cookie = phone.client.cookies[COOKIE]
    who, signature = cookie.split(".")
    other = "B" if who[-1] == "A" else "A"
    flipped = "1" if signature[-1] == "0" else "0"
    for bad in (f"{who[:-1]}{other}.{signature}", f"{who}.{signature[:-1]}{flipped}", "nonsense", "", f"{cookie}.x"):
        phone.client.cookies.clear()
        phone.client.cookies.set(COOKIE, bad)
        refused(phone.answer(SINGLE, "complement"), 403, "cookie")
        refused(phone.client.get("/api/now"), 403, "cookie")
    fresh = phone.client.get("/")
    assert fresh.status_code == 200 and COOKIE in fresh.cookies


def test_no_cookie_no_answer(server):
    go_to(server, 2)
    response = httpx.post(f"{server.url}api/answer", json={"poll": SINGLE, "answer": "complement"})
    refused(response, 403, "cookie")


def test_answers_need_the_pages_csrf_token_and_the_same_origin(server, phone):
    go_to(server, 2)
    refused(phone.answer(SINGLE, "complement", **{"X-CSRF-Token": ""}), 403, "security token")
    refused(phone.answer(SINGLE, "complement", **{"X-CSRF-Token": "0" * 32}), 403, "security token")
    refused(phone.answer(SINGLE, "complement", Origin="http://evil.example"), 403, "another site")
    assert phone.answer(SINGLE, "complement", Origin=server.url.rstrip("/")).status_code == 200


# --- the presenter -----------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["", "wrong", "x" * 32])
def test_every_presenter_action_needs_the_token(server, token):
    for action in ("open", "close", "reveal", "next", "previous", "pause", "hands", "report", "hide"):
        refused(act(server, action, token=token), 403, "presenter")
    assert httpx.get(f"{server.url}presenter?token={token}").status_code == 403
    assert httpx.get(f"{server.url}events/presenter?token={token}").status_code == 403
    assert httpx.get(f"{server.url}presenter/report/report.html?token={token}").status_code == 403


def test_the_token_is_compared_in_constant_time(monkeypatch):
    from build_tools.workshop import security

    calls = []
    monkeypatch.setattr(security.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or a == b)
    assert security.same_token("abc", "abc") and not security.same_token(None, "abc")
    assert calls == [(b"abc", b"abc"), (b"", b"abc")]


def test_presenter_actions_refuse_bad_details(server):
    go_to(server, 2)
    refused(act(server, "dance"), 404, "no presenter action")
    refused(act(server, "goto", position=99), 422, "position from 1")
    refused(act(server, "goto", position="2"), 422, "position from 1")
    refused(act(server, "hands", counts={"no-such": 3}), 422, "not one of")
    refused(act(server, "hands", counts={"complement": -1}), 422, "whole number")
    refused(act(server, "hands", counts=[1]), 400, "counts")
    refused(act(server, "hide", ref="nobody"), 404, "no such free-text answer")
    response = httpx.post(
        f"{server.url}api/presenter/open",
        json={},
        headers={"X-Presenter-Token": server.token, "Origin": "http://evil.example"},
    )
    refused(response, 403, "another site")


def test_participants_cannot_read_results_before_the_reveal(server, phone):
    go_to(server, 2)
    assert phone.answer(SINGLE, "complement").status_code == 200
    projector = httpx.Client(base_url=server.url)
    for view in (phone.client.get("/api/now").json(), _first_event(projector, "/events/projector")):
        assert "result" not in view and "counts" not in json.dumps(view) and "correct" not in json.dumps(view)
    assert act(server, "reveal").status_code == 200
    revealed = _first_event(projector, "/events/projector")
    assert revealed["result"]["correct"] == ["complement"] and revealed["result"]["counts"]["complement"] >= 1
    assert "result" not in phone.client.get("/api/now").json()  # the phone never gets the counts
    act(server, "conceal")


def _first_event(client: httpx.Client, path: str) -> dict:
    with client.stream("GET", path, timeout=10) as stream:
        for line in stream.iter_lines():
            if line.startswith("data: "):
                return json.loads(line[len("data: ") :])
    raise AssertionError("no event")


# --- static files and headers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2fsecurity.py",
        "/static/....//app.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
    ],
)
def test_no_directory_traversal_in_static_files(server, path):
    response = httpx.get(server.url.rstrip("/") + path)
    assert response.status_code in (400, 404), response.status_code
    assert "def create_app" not in response.text and "root:" not in response.text


def test_security_headers_and_a_csp_without_inline_script(server):
    for path in ("/", "/projector", f"/presenter?token={server.token}", "/static/participant.js", "/api/now"):
        headers = httpx.get(server.url.rstrip("/") + path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
    page = httpx.get(server.url).text
    assert "<script>" not in page and " on" not in page.split("<body", 1)[1].split(">", 1)[0]


def test_the_cookie_is_http_only_and_same_site(server):
    header = httpx.get(server.url).headers["set-cookie"]
    assert "HttpOnly" in header and "SameSite=lax" in header  # lax: a scanned QR code keeps the phone's id


# --- nothing lost --------------------------------------------------------------------------------


def test_answers_acknowledged_before_a_sigkill_are_counted_after_the_restart(tmp_path):
    root = copy_course(tmp_path / "course")
    server = start_server(root)
    try:
        go_to(server, 4)
        phones = [Participant(server) for _ in range(40)]
        acknowledged: list[str] = []
        lock = threading.Lock()

        def answer_all(group):
            for phone in group:
                try:
                    response = phone.answer("mediation-and-its-neighbours#live-poll", "mediation")
                except httpx.HTTPError:
                    continue  # never acknowledged: may or may not be counted
                if response.status_code == 200:
                    with lock:
                        acknowledged.append(phone.client.cookies[COOKIE].split(".")[0])

        threads = [threading.Thread(target=answer_all, args=(phones[i::4],)) for i in range(4)]
        for thread in threads:
            thread.start()
        while len(acknowledged) < 10 and any(thread.is_alive() for thread in threads):
            threads[0].join(0.01)
        server.kill()  # in the middle of the burst
        for thread in threads:
            thread.join()
        assert acknowledged, "no answer was acknowledged before the kill"
        server = start_server(root, port=server.port)
        counted = {a["participant"] for a in _answers(server)}
        assert set(acknowledged) <= counted
        # the phones carry on with their cookies and tokens after the restart
        assert phones[0].answer("mediation-and-its-neighbours#live-poll", "facilitation").status_code == 200
        for phone in phones:
            phone.close()
    finally:
        server.stop()


def _answers(server) -> list[dict]:
    files = act(server, "report").json()["files"]
    assert "answers.json" in files
    return json.loads((server.folder / "report" / "answers.json").read_text(encoding="utf-8"))["answers"]


def test_the_session_resumes_with_its_position_and_states(tmp_path):
    root = copy_course(tmp_path / "course")
    server = start_server(root)
    go_to(server, 3)
    token = server.token
    server.stop()
    server = start_server(root, port=server.port)
    try:
        assert server.token == token
        view = _first_event(httpx.Client(base_url=server.url), f"/events/presenter?token={token}")
        assert view["position"] == 3 and view["status"] == "open" and view["poll"]["id"] == CONFIDENCE
    finally:
        server.stop()


def test_a_pause_hides_the_question_and_refuses_answers(server, phone):
    go_to(server, 2)
    assert act(server, "pause").status_code == 200
    now = phone.client.get("/api/now").json()
    assert now["status"] == "paused" and "poll" not in now
    refused(phone.answer(SINGLE, "complement"), 409, "closed")
    assert act(server, "resume").status_code == 200
    assert phone.answer(SINGLE, "complement").status_code == 200


def test_counts_from_a_show_of_hands_join_the_result(server, phone):
    go_to(server, 4)
    live = "mediation-and-its-neighbours#live-poll"
    assert phone.answer(live, "facilitation").status_code == 200
    assert act(server, "hands", counts={"facilitation": 4, "mediation": 2}).status_code == 200
    assert act(server, "reveal").status_code == 200
    result = _first_event(httpx.Client(base_url=server.url), "/events/projector")["result"]
    assert result["hands"] == 6 and result["counts"]["facilitation"] >= 5 and result["counts"]["mediation"] >= 2
    act(server, "conceal")
    refused(act(server, "hands", counts={"facilitation": 1.5}), 422, "whole number")
    go_to(server, 1)
    refused(act(server, "hands", counts={"x": 1}), 422, "free-text")


def test_it_binds_loopback_unless_lan_is_asked_for(tmp_path):
    from build_tools.workshop.serve import lan_addresses

    root = copy_course(tmp_path / "course")
    local = start_server(root, session="local")
    local.stop()
    said = "".join(local.output)
    assert f"Participants join at:  http://127.0.0.1:{local.port}/" in said
    assert "Only this computer can reach it" in said and "Stop it with Ctrl+C" in said

    assert not any(a.startswith("127.") for a in lan_addresses())
    lan = start_server(root, session="lan", extra=("--lan",))
    try:
        said = "".join(lan.output)
        assert "Only this computer" not in said
        first = (lan_addresses() or ["127.0.0.1"])[0]
        assert f"Participants join at:  http://{first}:{lan.port}/" in said
        assert httpx.get(lan.url).status_code == 200  # every interface, loopback included
    finally:
        lan.stop()
