"""The SCORM package's manifest, parsed: its SCOs, mastery scores, and every file listed once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from build_tools.exports.course import default_course
from build_tools.exports.scorm import ADAPTER_PATH, PackageError, build_package, with_adapter
from build_tools.loader import load_content

from .conftest import ROOT, SPECIALS

NAMESPACES = {
    "1.2": ("{http://www.imsproject.org/xsd/imscp_rootv1p1p2}", "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"),
    "2004": ("{http://www.imsglobal.org/xsd/imscp_v1p1}", "{http://www.adlnet.org/xsd/adlcp_v1p3}"),
}
IMSSS = "{http://www.imsglobal.org/xsd/imsss}"
PAGE = (
    '<html><head></head><body><p>{name}</p><script src="{up}assets/javascripts/quiz.js" defer></script></body></html>'
)


def fake_offline_site(folder: Path, content) -> Path:
    """What the offline edition holds, in small: a page per module and quiz, assets, odd file names."""
    pages = ["index.html", "glossary.html"]
    pages += [f"modules/{m.id}.html" for m in content.modules] + [f"quizzes/{q}.html" for q in content.quizzes]
    for page in pages:
        path = folder / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(name=page, up="../" * page.count("/")), encoding="utf-8")
    for asset in ("assets/javascripts/quiz.js", "assets/stylesheets/quiz.css", "downloads/a handout é.pdf"):
        (folder / asset).parent.mkdir(parents=True, exist_ok=True)
        (folder / asset).write_bytes(b"x")
    return folder


@pytest.fixture(scope="module", params=[(c, v) for c in ("course", "lms-injection") for v in ("1.2", "2004")])
def package(request, tmp_path_factory):
    """A package of the course or the injection fixture, in each SCORM version, with a pass mark of 75."""
    name, version = request.param
    content = load_content(ROOT if name == "course" else SPECIALS)
    base = tmp_path_factory.mktemp("scorm")
    site = fake_offline_site(base / "site", content)
    course = default_course(content).model_copy(update={"pass_mark": 75})
    build_package(site, content, course, base / "package.zip", version)
    return content, zipfile.ZipFile(base / "package.zip"), version


def test_every_listed_file_is_in_the_zip_and_every_file_is_listed_once(package):
    _, archive, version = package
    CP, _ = NAMESPACES[version]
    root = ET.fromstring(archive.read("imsmanifest.xml"))
    listed = [unquote(f.get("href")) for f in root.iter(f"{CP}file")]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(archive.namelist()) - {"imsmanifest.xml"}
    assert "downloads/a handout é.pdf" in listed and ADAPTER_PATH in listed
    for resource in root.iter(f"{CP}resource"):
        if resource.get("href"):
            assert unquote(resource.get("href")) in archive.namelist()


def test_one_sco_per_module_and_assessment_with_the_pass_mark(package):
    content, archive, version = package
    CP, ADLCP = NAMESPACES[version]
    root = ET.fromstring(archive.read("imsmanifest.xml"))
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == {"1.2": "1.2", "2004": "2004 4th Edition"}[version]
    scorm_type = f"{ADLCP}{'scormtype' if version == '1.2' else 'scormType'}"
    organizations = root.findall(f"{CP}organizations/{CP}organization")
    assert len(organizations) == 1
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    items = organizations[0].findall(f"{CP}item")
    course = default_course(content)
    names = [{"survey": "capacity-survey"}.get(a, a) for a in course.assessments]  # the survey's quiz id
    assessments = [content.quizzes[name] for name in names if name in content.quizzes]
    assert [i.findtext(f"{CP}title") for i in items] == [f"{m.number}. {m.title}" for m in content.modules] + [
        q.title for q in assessments
    ]
    for item in items:
        resource = resources[item.get("identifierref")]
        assert resource.get(scorm_type) == "sco"
        assert resource.find(f"{CP}dependency").get("identifierref") in resources
    launches = [unquote(resources[i.get("identifierref")].get("href")) for i in items]
    assert launches == [f"modules/{m.id}.html" for m in content.modules] + [f"quizzes/{q.id}.html" for q in assessments]
    if version == "1.2":
        mastery = [i.findtext(f"{ADLCP}masteryscore") for i in items]
        graded = ["75" if q.kind in ("diagnostic", "post") else None for q in assessments]
    else:
        measure = f"{IMSSS}sequencing/{IMSSS}objectives/{IMSSS}primaryObjective/{IMSSS}minNormalizedMeasure"
        mastery = [i.findtext(measure) for i in items]
        graded = ["0.75" if q.kind in ("diagnostic", "post") else None for q in assessments]
    assert mastery == [None] * len(content.modules) + graded


def test_every_page_loads_the_adapter_after_the_quiz_engine(package):
    _, archive, version = package
    for name in archive.namelist():
        if name.endswith(".html"):
            page = archive.read(name).decode("utf-8")
            up = "../" * name.count("/")
            engine = page.index(f'src="{up}assets/javascripts/quiz.js"')
            assert page.index(f'src="{up}{ADAPTER_PATH}" data-scorm="{version}"') > engine, name


def test_the_adapter_is_added_once_and_only_after_the_engine():
    course = default_course(load_content(SPECIALS))
    assert with_adapter("<p>no engine</p>", course) == "<p>no engine</p>"
    page = with_adapter(PAGE.format(name="x", up="../"), course)
    assert page.count("scorm-adapter.js") == 1 and 'data-mastery-score="80"' in page


def test_a_folder_without_the_offline_edition_is_reported(tmp_path):
    content = load_content(SPECIALS)
    with pytest.raises(PackageError, match="make offline"):
        build_package(tmp_path, content, default_course(content), tmp_path / "p.zip")
