"""Where a figure's labels land once Chromium draws them: labels that overflow the figure, their box,
or each other (French labels are longer than the English ones, and an SVG box does not grow)."""

from __future__ import annotations

FIGURE_WIDTH = 412
"""A phone's width: the figure is drawn as the site shows it there."""

LAYOUT_FAULTS = """
(svg) => {
  const box = (el) => el.getBoundingClientRect();
  const inside = (a, b, slack) => a.left >= b.left - slack && a.right <= b.right + slack
    && a.top >= b.top - slack && a.bottom <= b.bottom + slack;
  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const scale = box(svg).width / svg.viewBox.baseVal.width;
  const slack = 1.5 * scale;
  const faults = [];
  const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim());
  const rects = [...svg.querySelectorAll("rect")];
  texts.forEach((text, i) => {
    const t = box(text);
    const label = text.textContent.trim();
    if (!inside(t, box(svg), 0)) faults.push(`"${label}" runs out of the figure`);
    const x = t.left + 1, y = (t.top + t.bottom) / 2;
    for (const rect of rects) {
      const r = box(rect);
      const holds = x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      if (holds && !inside(t, r, slack)) faults.push(`"${label}" runs out of its box`);
      if (!holds && meet(t, r) && !inside(t, r, 0)) faults.push(`"${label}" runs into a box it is not in`);
    }
    texts.slice(i + 1).forEach((other) => {
      const o = box(other);
      const shrunk = { left: o.left + slack, right: o.right - slack, top: o.top + slack, bottom: o.bottom - slack };
      if (meet(t, shrunk)) faults.push(`"${label}" overlaps "${other.textContent.trim()}"`);
    });
  });
  return faults;
}
"""


def show_figure(page, svg: bytes, width: int = FIGURE_WIDTH) -> None:
    """The figure inline in a page `width` pixels wide, scaled to it as the site scales it."""
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(
        "<!doctype html><html><meta charset='utf-8'><body style='margin:0'><div id='figure'>"
        + svg.decode("utf-8")
        + "</div></body></html>"
    )
    page.eval_on_selector("#figure svg", "svg => { svg.style.width = '100%'; svg.style.height = 'auto'; }")


def layout_faults(page, svg: bytes) -> list[str]:
    """Each label that runs out of the figure or out of the box it starts in, into another box, or
    over another label."""
    show_figure(page, svg)
    return page.eval_on_selector("#figure svg", LAYOUT_FAULTS)
