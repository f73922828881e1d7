"""The workshop report's HTML on a 412 px phone: a long unbroken written answer (or a pasted link)
wraps instead of making the page wider than the phone, and an answer on several lines keeps them."""

from __future__ import annotations

import pytest
from pagekit import screenshot
from workshopkit import written_answers_report

pytestmark = pytest.mark.browser


def test_the_report_has_no_sideways_scroll_on_a_phone(browser, tmp_path):
    report = written_answers_report(tmp_path)
    context = browser.new_context(viewport={"width": 412, "height": 900})
    try:
        page = context.new_page()
        page.goto(report["report.html"].as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 412
        answers = page.locator("ul.answers li")
        assert answers.all_inner_texts()[-1] == "First line\nSecond line\nThird line"
        screenshot(page, "workshop-report-412-written-answers")
    finally:
        context.close()
