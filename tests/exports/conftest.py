"""Contents exported in these tests: the whole course and the fixture full of XML and GIFT syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.loader import load_content

ROOT = Path(__file__).resolve().parents[2]
SPECIALS = ROOT / "tests" / "fixtures" / "lms-injection"


@pytest.fixture(scope="session", params=["course", "lms-injection"])
def content(request):
    """The course as it ships, and the injection fixture (author text full of ]]>, ~ = # { } : and \\)."""
    return load_content(ROOT if request.param == "course" else SPECIALS)
