/* The way forward and a record to keep: what the course adds around the quiz engine (quiz.js).
   - After a self-check is complete: its score, links to the sections of the questions missed, and
     the next module.
   - On the home page: a tick beside each module that is done, by the navigation's own rule.
   - Printing a module opens its references and the text versions of its figures.
   - On My progress: the learner's name (kept on this device only) and a one-page course record.
   - In a course of several languages: the switcher follows the page after instant navigation.
   - On a narrow screen: the closed menu and search leave the Tab order; their header buttons work
     from the keyboard.
   Plain JavaScript, no network; needs window.QuizEngine from quiz.js, loaded before it. */
(function () {
  "use strict";

  var NAME_KEY = "ipu-mediation/v1/learner-name"; // outside the quiz prefix: not part of exported results

  function engine() { return window.QuizEngine; }
  function strings() { return window.__quizStrings || {}; }

  /* ---- After a self-check: score, what to review, the next module -------------------------- */

  function showWayForward(form) {
    var E = engine();
    var t = strings();
    var data = E.readAttribute(form, "data-quiz");
    var box = data && document.querySelector('[data-quiz-next="' + data.id + '"]');
    if (!box) return;
    var state = E.loadState(data.id);
    if (!state.complete) { box.hidden = true; return; }
    var result = selfCheckResult(data, state);
    box.querySelector(".quiz-next-score").textContent = E.format(t.next_score, { score: result.score, total: result.total });
    var review = box.querySelector(".quiz-next-review");
    review.textContent = "";
    var links = reviewLinks(form, result.missed);
    if (links.length) {
      review.appendChild(E.el("p", {}, t.next_review));
      var list = review.appendChild(E.el("ul"));
      links.forEach(function (link) { list.appendChild(E.el("li")).appendChild(link); });
    } else if (!result.missed.length) {
      review.appendChild(E.el("p", {}, t.next_all_right));
    }
    box.hidden = false;
  }

  /* The score over the graded questions, and the ids of those not answered fully right. */
  function selfCheckResult(data, state) {
    var graded = data.questions.filter(function (q) { return q.answer !== undefined; });
    var got = 0;
    var missed = [];
    graded.forEach(function (q) {
      var entry = state.answers[q.id];
      var score = entry && entry.fp === q.fingerprint && typeof entry.score === "number" ? entry.score : 0;
      got += score;
      if (score < 1) missed.push(q.id);
    });
    return { score: Math.round(got * 10) / 10, total: graded.length, missed: missed };
  }

  /* One link per section to review (the build's "Read more" link of each missed question). */
  function reviewLinks(form, missed) {
    var seen = {};
    var links = [];
    missed.forEach(function (id) {
      var fieldset = form.querySelector('fieldset[data-question-id="' + id + '"]');
      var source = fieldset && fieldset.querySelector(".quiz-answer .quiz-read-more a[href]");
      if (!source || seen[source.getAttribute("href")]) return;
      seen[source.getAttribute("href")] = true;
      links.push(engine().el("a", { href: source.getAttribute("href") }, source.textContent));
    });
    return links;
  }

  /* ---- Home: which modules are done -------------------------------------------------------- */

  function markHomeModules() {
    var done = engine().doneModules();
    var t = strings();
    document.querySelectorAll(".module-list h3").forEach(function (heading) {
      var link = heading.querySelector("a[href]");
      var match = link && /modules\/([a-z0-9-]+)(\/|\.html|\.md)?(#.*)?$/.exec(link.getAttribute("href"));
      var mark = heading.querySelector(".module-done");
      var wanted = !!(match && done[match[1]]);
      if (mark && !wanted) mark.remove();
      if (wanted && !mark) {
        mark = engine().el("span", { "class": "module-done" });
        mark.appendChild(engine().el("span", { "aria-hidden": "true" }, " ✓ "));
        mark.appendChild(document.createTextNode(t.home_done));
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(mark);
      }
    });
  }

  /* ---- Printing: references and figure descriptions open on paper --------------------------- */

  function openForPrint(printing) {
    document.querySelectorAll("details.module-references, details.figure-description").forEach(function (details) {
      if (printing && !details.open) {
        details.open = true;
        details.setAttribute("data-opened-for-print", "");
      } else if (!printing && details.hasAttribute("data-opened-for-print")) {
        details.open = false;
        details.removeAttribute("data-opened-for-print");
      }
    });
  }

  /* ---- My progress: the learner's name and the course record -------------------------------- */

  function setUpRecord() {
    var section = document.querySelector(".course-record");
    var input = document.getElementById("course-record-name");
    if (!section || !input || section.hasAttribute("data-ready")) return;
    section.setAttribute("data-ready", "");
    input.value = engine().store.get(NAME_KEY) || "";
    input.addEventListener("input", function () {
      var name = input.value.trim();
      if (name) engine().store.set(NAME_KEY, name);
      else engine().store.remove(NAME_KEY);
      buildRecord();
    });
    section.querySelector('[data-action="print-record"]').addEventListener("click", function () {
      buildRecord();
      document.documentElement.classList.add("course-record-printing");
      window.print();
    });
    buildRecord();
  }

  /* The printed sheet, kept up to date in the page (hidden on screen, the only thing on paper). */
  function buildRecord() {
    var section = document.querySelector(".course-record");
    var catalogue = engine().readAttribute(document.getElementById("quiz-progress"), "data-catalogue");
    if (!section || !catalogue) return;
    var E = engine();
    var t = strings();
    var article = section.closest(".md-content__inner") || section.parentNode;
    var old = article.querySelector(".course-record-sheet");
    var sheet = E.el("div", { "class": "course-record-sheet" });
    var states = {};
    catalogue.quizzes.forEach(function (quiz) { states[quiz.id] = E.loadState(quiz.id); });
    var name = E.store.get(NAME_KEY);
    sheet.appendChild(E.el("h1", {}, E.format(t.record_heading, { course: section.getAttribute("data-course") })));
    var who = sheet.appendChild(E.el("div", { "class": "course-record-who" }));
    who.appendChild(labelled(t.record_name, name || t.record_no_name));
    who.appendChild(labelled(t.record_date, today()));
    moduleRecord(sheet, catalogue, states);
    objectiveRecord(sheet, catalogue, states);
    sheet.appendChild(E.el("p", { "class": "course-record-note" }, t.record_note));
    if (old) old.replaceWith(sheet); else article.appendChild(sheet);
  }

  function labelled(label, value) {
    var p = engine().el("p");
    p.appendChild(engine().el("strong", {}, label));
    p.appendChild(document.createTextNode(" " + value));
    return p;
  }

  function today() {
    var lang = document.documentElement.lang || undefined;
    try {
      return new Date().toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function moduleRecord(sheet, catalogue, states) {
    var E = engine();
    var t = strings();
    var done = E.doneModules();
    var byId = {};
    catalogue.quizzes.forEach(function (q) { byId[q.id] = q; });
    var count = catalogue.modules.filter(function (m) { return done[m.id]; }).length;
    sheet.appendChild(E.el("h2", {}, E.format(t.record_modules, { done: count, total: catalogue.modules.length })));
    var rows = catalogue.modules.map(function (m) {
      var scores = m.quizzes.map(function (id) { return byId[id]; }).filter(function (q) { return q && q.kind === "self-check"; })
        .map(function (q) { return checkedScore(q, states[q.id]); }).filter(Boolean);
      return [E.format(t.module_title, { number: m.number, title: m.title }), done[m.id] ? t.record_done : t.record_not_done, scores.join("; ") || "–"];
    });
    sheet.appendChild(recordTable([t.record_module, t.record_status, t.record_self_check], rows));
  }

  /* "5 / 6" over the graded questions checked so far, or "" when none is. */
  function checkedScore(quiz, state) {
    var got = 0;
    var checked = 0;
    var graded = quiz.questions.filter(function (q) { return q.answer !== undefined; });
    graded.forEach(function (q) {
      var entry = state.answers[q.id];
      if (entry && entry.fp === q.fingerprint && entry.checked && typeof entry.score === "number") { got += entry.score; checked++; }
    });
    return checked ? engine().number(Math.round(got * 10) / 10) + " / " + engine().number(graded.length) : "";
  }

  function objectiveRecord(sheet, catalogue, states) {
    var E = engine();
    var t = strings();
    var shares = assessmentShares(catalogue, states);
    var rows = [];
    catalogue.modules.forEach(function (m) {
      m.objectives.forEach(function (o) {
        var share = shares[o.id];
        if (!o.key || !share || (!share.diagnostic[1] && !share.post[1])) return;
        var before = percent(share.diagnostic);
        var after = percent(share.post);
        var change = before !== null && after !== null ? E.format(t.record_points, { change: (after - before > 0 ? "+" : "") + (after - before) }) : "–";
        rows.push([o.text, shown(before), shown(after), change]);
      });
    });
    sheet.appendChild(E.el("h2", {}, t.record_change));
    if (rows.length) sheet.appendChild(recordTable([t.record_objective, t.record_before, t.record_after, t.record_change_label], rows));
    else sheet.appendChild(E.el("p", {}, t.record_no_change));
  }

  /* Per objective: [points, questions] answered in the diagnostic and in the post assessment. */
  function assessmentShares(catalogue, states) {
    var shares = {};
    catalogue.quizzes.forEach(function (quiz) {
      if (quiz.kind !== "diagnostic" && quiz.kind !== "post") return;
      var state = states[quiz.id];
      if (!state.submitted) return;
      quiz.questions.forEach(function (q) {
        if (q.answer === undefined) return;
        var entry = state.answers[q.id];
        var score = entry && entry.fp === q.fingerprint && typeof entry.score === "number" ? entry.score : 0;
        (q.objectives || []).forEach(function (o) {
          var share = shares[o] = shares[o] || { diagnostic: [0, 0], post: [0, 0] };
          share[quiz.kind][0] += score;
          share[quiz.kind][1]++;
        });
      });
    });
    return shares;
  }

  function percent(cell) {
    return cell[1] ? Math.round((100 * cell[0]) / cell[1]) : null;
  }

  /* A percentage as the page's language writes it ("73%", "73 %"), or a dash for none. */
  function shown(percentage) {
    return percentage === null ? "–" : engine().number(percentage / 100, "percent");
  }

  function recordTable(headers, rows) {
    var E = engine();
    var table = E.el("table", { "class": "course-record-table" }); // a class: Material styles only class-less tables
    var head = table.appendChild(E.el("thead")).appendChild(E.el("tr"));
    headers.forEach(function (h) { head.appendChild(E.el("th", { scope: "col" }, h)); });
    var body = table.appendChild(E.el("tbody"));
    rows.forEach(function (cells) {
      var row = body.appendChild(E.el("tr"));
      cells.forEach(function (cell) { row.appendChild(E.el("td", {}, cell)); });
    });
    return table;
  }

  /* ---- Language switcher: the same page in each language ------------------------------------ */

  /* The build writes each language's address of this page in the head and in the switcher. Instant
     navigation replaces the head but not the header: point the switcher at the new page too. */
  function followLanguageLinks() {
    var pages = {};
    document.querySelectorAll("head link[hreflang]").forEach(function (link) {
      pages[link.getAttribute("hreflang")] = link.href;
    });
    document.querySelectorAll("a[data-edition-link][hreflang]").forEach(function (link) {
      var page = pages[link.getAttribute("hreflang")];
      if (page) link.href = page;
    });
  }

  /* ---- Wide tables ------------------------------------------------------------------------- */

  /* On a phone, a wide table scrolls sideways in Material's wrapper (course.css draws a shadow at
     the edge it goes on past). While it is too wide for the screen, a line above it says so, and
     the wrapper takes the keyboard focus and a name, so that the arrow keys scroll it (WCAG 2.1.1);
     once it fits again (the phone turned), all three go. Watched for size from each page's start. */
  var tableWatcher = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var wrap = entry.target.closest(".md-typeset__scrollwrap");
      if (wrap) markScroller(wrap);
    });
  }) : null;

  function markScroller(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    var hint = scrollHint(wrap);
    hint.hidden = !scrolls;
    if (scrolls) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", strings().table_scrolls || "Table");
    } else if (wrap.hasAttribute("role")) {
      if (wrap === document.activeElement) wrap.blur();
      ["tabindex", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
    }
  }

  /* The line above a wrapper (made once): seen, not read out, since the wrapper's name says it. */
  function scrollHint(wrap) {
    var before = wrap.previousElementSibling;
    if (before && before.classList.contains("table-scroll-hint")) return before;
    var hint = document.createElement("p");
    hint.className = "table-scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = strings().table_scroll_hint || "";
    hint.hidden = true;
    wrap.parentNode.insertBefore(hint, wrap);
    return hint;
  }

  function watchTables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    if (!tableWatcher) { wraps.forEach(markScroller); return; }
    tableWatcher.disconnect(); // the wrappers of the page before, replaced by instant navigation
    wraps.forEach(function (wrap) {
      markScroller(wrap);
      tableWatcher.observe(wrap);
      var table = wrap.querySelector("table");
      if (table) tableWatcher.observe(table); // a table that grows inside a wrapper of the same size
    });
  }

  /* ---- The menu and the search on a narrow screen ------------------------------------------ */

  /* Below 76.25em Material draws the navigation as a drawer beside the screen, and below 60em the
     search as a field that opens over the page. Closed, both stayed in the Tab order: some fifty
     stops with nothing on screen (WCAG 2.4.3, 2.4.7). Here the closed drawer is inert, and the closed
     search's field leaves the Tab order (Material's search button and its shortcut keys still focus
     it; course.css hides the closed search's results). The header buttons that open them, labels in
     Material's page, become buttons that the keyboard reaches, named as the navigation and the
     search field are named, in the page's language. Opening the menu takes the focus into it;
     Escape, or the focus leaving it, closes it, and the focus goes back to its button (or to the
     section a link in it went to). */
  var DRAWER_SCREEN = window.matchMedia("(max-width: 76.234375em)");
  var SEARCH_SCREEN = window.matchMedia("(max-width: 59.984375em)");

  function toggle(name) { return document.querySelector('input[data-md-toggle="' + name + '"]'); }
  function isOpen(name) { var input = toggle(name); return !!input && input.checked; }
  function headerLabel(name) { return document.querySelector('.md-header label.md-header__button[for="__' + name + '"]'); }
  function headerButton(name) { var label = headerLabel(name); return label && label.querySelector(":scope > button.label-button"); }
  function drawer() { return document.querySelector(".md-sidebar--primary"); }
  function searchBox() { return document.querySelector(".md-search"); }
  function focusIsIn(box) { return !!box && box.contains(document.activeElement); }

  function setUpHeaderButtons() {
    [["drawer", ".md-nav--primary"], ["search", ".md-search__input"]].forEach(function (pair) {
      var label = headerLabel(pair[0]);
      var named = document.querySelector(pair[1]);
      if (!label) return;
      var button = buttonIn(label);
      if (named && named.getAttribute("aria-label")) button.setAttribute("aria-label", named.getAttribute("aria-label"));
    });
    followToggles();
  }

  /* Material's labels that open the drawer, the search or a panel are not reached by Tab, and a label
     cannot take a button's role: a button inside the label, holding what it held, does the same from
     the keyboard (a click on it does not reach the label's checkbox: the button clicks it). */
  function buttonIn(label) {
    var button = label.querySelector(":scope > button.label-button");
    if (button) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "label-button";
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    button.addEventListener("click", function () {
      var input = document.getElementById(label.htmlFor);
      // the search's label opens it (Material's script then focuses the field); it never closes it
      if (input && !(input.getAttribute("data-md-toggle") === "search" && input.checked)) input.click();
    });
    return button;
  }

  function unwrap(label) {
    var button = label.querySelector(":scope > button.label-button");
    if (!button) return;
    while (button.firstChild) label.insertBefore(button.firstChild, button);
    button.remove();
  }

  /* What is in the Tab order, and what the buttons say, for the state of the two toggles now. */
  function followToggles() {
    var menuOpen = isOpen("drawer");
    var searching = isOpen("search");
    var sidebar = drawer();
    if (sidebar) {
      if (DRAWER_SCREEN.matches && !menuOpen) sidebar.setAttribute("inert", "");
      else sidebar.removeAttribute("inert");
    }
    var field = document.querySelector(".md-search__input");
    if (field) {
      if (SEARCH_SCREEN.matches && !searching) field.setAttribute("tabindex", "-1");
      else field.removeAttribute("tabindex");
    }
    [["drawer", menuOpen], ["search", searching]].forEach(function (pair) {
      var button = headerButton(pair[0]);
      if (button) button.setAttribute("aria-expanded", String(pair[1]));
    });
    followPanels();
  }

  /* In the drawer, Material shows one panel at a time: the top level, a section, or the page's
     contents, each opened by a label and closed by the label at its top (its title). The panels not
     shown lie beside or under the one shown, yet their links stayed in the Tab order. Here only the
     shown panel's links and labels are reached by Tab (a closed panel is inert; the panels that the
     shown one covers keep their controls out of the Tab order); the labels become buttons (expanded
     or not).
     At desktop width, where the sidebar shows every level at once, each control gets back its own
     tabindex. */
  var PANEL_LABELS = "label.md-nav__link[for], label.md-nav__title[for]";
  var PANEL_CONTROLS = "a[href], button.label-button";

  function followPanels() {
    var sidebar = drawer();
    if (!sidebar) return;
    var shown = DRAWER_SCREEN.matches ? shownPanel(sidebar) : null;
    sidebar.querySelectorAll("input.md-nav__toggle").forEach(function (input) {
      var panel = input.parentElement.querySelector(":scope > nav.md-nav");
      if (!panel) return;
      if (shown && !input.checked) panel.setAttribute("inert", ""); // closed: nothing in it is shown
      else panel.removeAttribute("inert");
    });
    sidebar.querySelectorAll(PANEL_LABELS).forEach(function (label) {
      var opens = document.getElementById(label.getAttribute("for"));
      if (!opens || !opens.classList.contains("md-nav__toggle")) return; // the drawer's own title
      if (!shown) { unwrap(label); return; }
      buttonIn(label).setAttribute("aria-expanded", String(opens.checked));
    });
    sidebar.querySelectorAll("a[href]").forEach(function (link) {
      if (!shown) { giveBack(link); return; }
      if (!link.hasAttribute("data-own-tabindex")) link.setAttribute("data-own-tabindex", link.getAttribute("tabindex") || "");
    });
    sidebar.querySelectorAll(PANEL_CONTROLS).forEach(function (control) {
      if (shown) control.setAttribute("tabindex", panelOf(control) === shown ? "0" : "-1");
    });
  }

  function giveBack(link) {
    if (!link.hasAttribute("data-own-tabindex")) return;
    var own = link.getAttribute("data-own-tabindex");
    if (own) link.setAttribute("tabindex", own); else link.removeAttribute("tabindex");
    link.removeAttribute("data-own-tabindex");
  }

  /* A panel is the top-level navigation, or a list that a toggle beside it opens. */
  function isPanel(nav) {
    return nav.classList.contains("md-nav--primary") || !!nav.parentElement.querySelector(":scope > input.md-nav__toggle");
  }

  function panelOf(node) {
    var nav = node.parentElement && node.parentElement.closest("nav.md-nav");
    while (nav && !isPanel(nav)) nav = nav.parentElement.closest("nav.md-nav");
    return nav;
  }

  function shownPanel(sidebar) {
    var panel = sidebar.querySelector("nav.md-nav--primary");
    for (var deeper = panel && openPanelIn(panel); deeper; deeper = openPanelIn(panel)) panel = deeper;
    return panel;
  }

  function openPanelIn(panel) {
    var open = Array.prototype.filter.call(panel.querySelectorAll("input.md-nav__toggle:checked"), function (input) {
      return panelOf(input) === panel;
    });
    var input = open[open.length - 1];
    return input ? input.parentElement.querySelector(":scope > nav.md-nav") : null;
  }

  /* A panel opened from the keyboard takes the focus to its first link; closed, the focus goes back
     to the label that opened it. */
  function onPanelToggle(input) {
    var label = drawer() && drawer().querySelector('label.md-nav__link[for="' + input.id + '"]');
    var opener = label && label.querySelector(":scope > button.label-button");
    var panel = input.parentElement.querySelector(":scope > nav.md-nav");
    var wasIn = document.activeElement === opener || focusIsIn(panel);
    followPanels();
    if (!wasIn || !DRAWER_SCREEN.matches || !isOpen("drawer")) return;
    // the panel slides in: scrolling to its link now would push the drawer's content sideways
    if (input.checked) {
      var first = reachable(panel).filter(function (control) { return control.tagName === "A"; })[0];
      if (first) first.focus({ preventScroll: true });
    } else if (opener) {
      opener.focus();
    }
  }

  function reachable(box) {
    return Array.prototype.filter.call(box.querySelectorAll(PANEL_CONTROLS), function (control) {
      return control.getAttribute("tabindex") === "0" && control.getClientRects().length > 0;
    });
  }

  /* Material opens and closes both by clicking their checkboxes, so each change is seen here. */
  function onToggle(input) {
    var name = input.getAttribute("data-md-toggle");
    var box = name === "drawer" ? drawer() : searchBox();
    var screen = name === "drawer" ? DRAWER_SCREEN : SEARCH_SCREEN;
    var from = focusIsIn(box) ? document.activeElement : null; // before the box goes inert
    var button = headerButton(name);
    followToggles();
    if (!screen.matches) return;
    if (name === "drawer" && input.checked && (document.activeElement === button || document.activeElement === document.body)) {
      focusIntoDrawer();
    } else if (!input.checked && from) {
      var section = linkedSection(from);
      (section || button || document.body).focus({ preventScroll: !!section });
    }
  }

  /* The current page's link (or label) if the shown panel has it, else the panel's first link. */
  function focusIntoDrawer() {
    var sidebar = drawer();
    var controls = sidebar ? reachable(sidebar) : [];
    var current = controls.filter(isCurrent)[0];
    var first = controls.filter(function (control) { return control.tagName === "A"; })[0];
    if (current || first) (current || first).focus();
  }

  function isCurrent(control) {
    var link = control.tagName === "A" ? control : control.parentElement;
    return link.classList.contains("md-nav__link--active");
  }

  /* The section of this page that a link in the drawer went to, made focusable (once). */
  function linkedSection(link) {
    var to = link.href ? new URL(link.href, location.href) : null;
    if (!to || !to.hash || to.hash !== location.hash || to.pathname !== location.pathname) return null;
    var section = document.getElementById(decodeURIComponent(to.hash.slice(1)));
    if (!section || (drawer() && drawer().contains(section))) return null;
    if (!section.hasAttribute("tabindex")) section.setAttribute("tabindex", "-1");
    return section;
  }

  function closeDrawer() {
    if (isOpen("drawer")) toggle("drawer").click();
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || !input.matches) return;
    if (input.matches('input[data-md-toggle="drawer"], input[data-md-toggle="search"]')) onToggle(input);
    else if (input.matches(".md-sidebar--primary input.md-nav__toggle")) onPanelToggle(input);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen("drawer") && DRAWER_SCREEN.matches) {
      event.preventDefault();
      closeDrawer();
      var button = headerButton("drawer");
      if (button) button.focus();
    }
  });
  document.addEventListener("focusout", function (event) {
    var sidebar = drawer();
    var to = event.relatedTarget;
    if (!sidebar || !to || !isOpen("drawer") || !DRAWER_SCREEN.matches) return;
    if (sidebar.contains(event.target) && !sidebar.contains(to) && to !== headerButton("drawer")) closeDrawer();
  });
  /* A panel slides in from the side: the focus moving into it before it is in place scrolled the
     drawer sideways, to show nothing once the panel had arrived. The drawer never scrolls sideways. */
  document.addEventListener("scroll", function (event) {
    var box = event.target;
    if (box.classList && box.classList.contains("md-sidebar__scrollwrap") && box.scrollLeft && DRAWER_SCREEN.matches) box.scrollLeft = 0;
  }, true);
  [DRAWER_SCREEN, SEARCH_SCREEN].forEach(function (screen) {
    if (screen.addEventListener) screen.addEventListener("change", followToggles);
  });

  /* ---- Wiring ------------------------------------------------------------------------------ */

  function start() {
    followLanguageLinks();
    setUpHeaderButtons();
    watchTables();
    if (!engine()) return;
    document.querySelectorAll("form.quiz--enhanced[data-quiz-kind='self-check']").forEach(showWayForward);
    markHomeModules();
    setUpRecord();
  }

  document.addEventListener("quiz:saved", function (event) {
    var form = event.target.closest && event.target.closest("form.quiz");
    if (form && form.getAttribute("data-quiz-kind") === "self-check") showWayForward(form);
  });
  window.addEventListener("beforeprint", function () {
    openForPrint(true);
    if (document.querySelector(".course-record")) buildRecord();
  });
  window.addEventListener("afterprint", function () {
    openForPrint(false);
    document.documentElement.classList.remove("course-record-printing");
  });

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
