"""The room speaks the course's language. A French course's phones, presenter, projector and report are
French: `lang="fr"`, the polls from the French translation (the course's PO files and the plan's), the
interface from the translated strings, French typography and numbers. An English course is unchanged;
a language the course is not in, or a session resumed in another language, is refused with a reason.
Counts say "1 answer" and "2 answers" (French: "0 réponse", "1 réponse", "2 réponses")."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from workshopkit import (
    FRENCH_TITLE,
    SINGLE,
    Participant,
    act,
    copy_course,
    french_course,
    go_to,
    position_of,
    start_server,
)

from build_tools.i18n.catalogs import read_catalog
from build_tools.i18n.typography import NBSP, without_spacing
from build_tools.workshop.words import workshop_words

ROOT = Path(__file__).resolve().parents[2]
LIVE_POLL = "parliaments-and-peace#live-poll"
CONFIDENCE = "diagnostic#friendship-visit-confidence"
ENGLISH_INTERFACE = ["Send answer", "Waiting for the next question", "Live poll", "Presenter", "All polls"]
ENGLISH_INTERFACE += ["Join on your phone", "answers from phones", "Make the report", "Connecting"]


@pytest.fixture(scope="module")
def french_room(tmp_path_factory):
    """The IPU workshop's own plan, run for the course made French-only (`languages: [fr]`)."""
    server = start_server(french_course(tmp_path_factory.mktemp("workshop-fr") / "course"), plan="ipu-workshop")
    yield server
    server.stop()


def french(po: str, context: str) -> str:
    """The French of one text, as translators wrote it in the PO file (spaces made plain)."""
    catalog, problems = read_catalog(ROOT / "translations" / "fr" / po, po)
    assert catalog, problems
    return plain(next(message.string for message in catalog if message.context == context))


def plain(text: str) -> str:
    """A text with its spacing made comparable: one space between words, none before `: ; ? !`."""
    return without_spacing(" ".join(text.replace(NBSP, " ").replace("\u202f", " ").split()))


def page(server, path: str) -> str:
    response = httpx.get(server.url.rstrip("/") + path, timeout=10)
    return response.text


def english_left(html: str) -> list[str]:
    return [text for text in ENGLISH_INTERFACE if text in html]


# --- a French course --------------------------------------------------------------------------


def test_a_french_courses_phone_page_is_french(french_room):
    html = page(french_room, "/")
    assert '<html lang="fr">' in html
    assert f"<title>Sondage en direct{NBSP}: {FRENCH_TITLE}</title>" in html
    assert "Envoyer la réponse" in html and "En attente de la prochaine question" in html
    assert f"Gardez cette page ouverte{NBSP}: la question" in html  # French typography
    assert english_left(html) == []


def test_a_french_courses_presenter_and_projector_are_french(french_room):
    presenter = page(french_room, f"/presenter?token={french_room.token}")
    assert '<html lang="fr">' in presenter
    assert ">Ouvrir</button>" in presenter and "Tous les sondages" in presenter
    assert "0 réponse des téléphones" in presenter  # French: zero takes the singular
    projector = page(french_room, "/projector")
    assert '<html lang="fr">' in projector
    assert "Participez sur votre téléphone" in projector and ">0 réponse<" in projector
    refused = page(french_room, "/presenter")
    assert '<html lang="fr">' in refused and "Accès refusé" in refused
    for html in (presenter, projector, refused):
        assert english_left(html) == []


def test_the_scripts_get_their_words_from_the_server_in_french(french_room):
    html = page(french_room, f"/presenter?token={french_room.token}")
    strings = re.search(r'<script type="application/json" id="workshop-strings">(.*?)</script>', html).group(1)
    words = json.loads(strings)
    assert words["language"] == "fr"
    assert words["phones_one"] == "{count} réponse des téléphones"
    assert words["percent"] == "{share}" + NBSP + "%"
    for script in ("participant.js", "presenter.js", "projector.js"):
        source = page(french_room, f"/static/{script}")
        assert not re.search(r'"[A-Z][a-z]+ [a-z]+', source), f"{script} writes English text of its own"


def test_a_french_room_asks_the_polls_in_french(french_room):
    phone = Participant(french_room)
    try:
        go_to(french_room, position_of(french_room, SINGLE))
        poll = phone.client.get("/api/now").json()["poll"]
        assert plain(poll["prompt"]) == french("quizzes/diagnostic.po", "diagnostic/questions/friendship-visit/prompt")
        option = french("quizzes/diagnostic.po", "diagnostic/questions/friendship-visit/options/complement/text")
        assert option in [plain(choice["text"]) for choice in poll["choices"]]

        go_to(french_room, position_of(french_room, CONFIDENCE))
        choices = [c["text"] for c in phone.client.get("/api/now").json()["poll"]["choices"]]
        assert choices == ["Pas sûr ou sûre", "Assez sûr ou sûre", "Très sûr ou sûre"]

        go_to(french_room, position_of(french_room, LIVE_POLL))
        poll = phone.client.get("/api/now").json()["poll"]
        prompt = french("modules/parliaments-and-peace.po", "parliaments-and-peace/facilitator_notes/live_poll")
        assert plain(poll["prompt"]) == prompt
        assert f"{NBSP}: oui, non ou je ne sais pas{chr(0x202F)}?" in poll["prompt"]  # French typography
        assert [c["text"] for c in poll["choices"]] == ["Oui", "Non", "Je ne sais pas"]  # the plan's, translated
    finally:
        phone.close()


def test_the_report_of_a_french_room_is_french(french_room):
    phone = Participant(french_room)
    try:
        go_to(french_room, position_of(french_room, SINGLE))
        assert phone.answer(SINGLE, "complement").status_code == 200
    finally:
        phone.close()
    assert act(french_room, "report").status_code == 200
    folder = french_room.folder / "report"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert f"<h1>Rapport de l’atelier{NBSP}: {FRENCH_TITLE}</h1>" in html
    assert "Avant et après, par objectif" in html and "Tous les sondages" in html
    assert "1 réponse des téléphones" in html and f"100{NBSP}% (1 sur 1)" in html
    assert not [t for t in ("Every poll", "answers from phones", "Workshop report", " of 1)") if t in html]
    reader = PdfReader(io.BytesIO((folder / "report.pdf").read_bytes()))
    text = plain(" ".join(p.extract_text() for p in reader.pages))
    assert "Rapport de l’atelier" in text and "Avant et après, par objectif" in text
    assert "Tous les sondages" in text and "Every poll" not in text
    assert reader.trailer["/Root"]["/Lang"] == "fr"


# --- an English course, and the room's language on the command line -------------------------------


def test_an_english_course_is_unchanged(tmp_path):
    server = start_server(copy_course(tmp_path / "course"))
    try:
        html = page(server, "/")
        assert '<html lang="en">' in html and "Send answer" in html and "<title>Live poll: Test room</title>" in html
        presenter = page(server, f"/presenter?token={server.token}")
        assert (
            '<html lang="en">' in presenter and "0 answers from phones" in presenter and ">Open</button>" in presenter
        )
        assert '<html lang="en">' in page(server, "/projector") and "Join on your phone" in page(server, "/projector")
    finally:
        server.stop()


def serve(root: Path, *extra: str) -> subprocess.CompletedProcess:
    """`workshop serve` that stops before serving (a refusal): its output and status."""
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "workshop", "serve", "--plan", "test-room"]
    return subprocess.run(command + list(extra), cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_language_is_chosen_on_the_command_line_and_kept_by_the_session(tmp_path):
    root = copy_course(tmp_path / "course")
    server = start_server(root, session="chosen", extra=("--language", "fr"))
    try:
        assert '<html lang="fr">' in page(server, "/")
        assert "The room's language: fr" in "".join(server.output)
    finally:
        server.stop()
    resumed = serve(root, "--session", "chosen")  # today's session, started again without --language
    assert resumed.returncode == 2
    assert "the session chosen runs in 'fr', not 'en'" in resumed.stdout and "--language fr" in resumed.stdout


def test_a_language_the_course_is_not_in_is_refused(tmp_path):
    result = serve(copy_course(tmp_path / "course"), "--language", "de")
    assert result.returncode == 1
    assert "the course is not in 'de'" in result.stdout and "en, fr" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# --- counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 0, "0 answers from phones"),
        ("en", 1, "1 answer from phones"),
        ("en", 2, "2 answers from phones"),
        ("en", 1234, "1,234 answers from phones"),
        ("fr", 0, "0 réponse des téléphones"),
        ("fr", 1, "1 réponse des téléphones"),
        ("fr", 2, "2 réponses des téléphones"),
        ("fr", 1234, "1\u202f234 réponses des téléphones"),
    ],
)
def test_a_count_takes_the_singular_or_plural_of_its_language(language, count, expected):
    assert workshop_words(language).count("shared", "phones", count) == expected


def test_percentages_are_written_the_languages_way():
    assert workshop_words("en").percent(42) == "42%"
    assert workshop_words("fr").percent(42) == "42" + NBSP + "%"
