/* "My progress": status and score per module and quiz, mastery per learning objective, before and
   after the workshop, confidence against correctness, and results the learner can take away.
   Reads only this device's storage; sends nothing anywhere. Needs quiz.js (window.QuizEngine). */
(function () {
  "use strict";

  var FORMAT = "ipu-mediation-results";

  function render(store, prefix, t) {
    var root = document.getElementById("quiz-progress");
    var catalogue = readCatalogue();
    if (!root || !catalogue) return;
    var E = window.QuizEngine;
    var states = {};
    catalogue.quizzes.forEach(function (quiz) { states[quiz.id] = current(E.loadState(quiz.id), quiz); });
    root.textContent = "";
    root.appendChild(quizTable(catalogue, states, t));
    root.appendChild(objectiveTable(catalogue, states, t));
    var flagged = confidentButWrong(catalogue, states, t);
    if (flagged.length) {
      root.appendChild(E.el("h2", {}, t.confident_wrong));
      root.appendChild(E.el("p", {}, t.confident_wrong_intro));
      var list = E.el("ul", { "class": "quiz-flagged" });
      flagged.forEach(function (text) { list.appendChild(E.el("li", {}, text)); });
      root.appendChild(list);
    }
    root.appendChild(tools(store, prefix, t, catalogue, states));
  }

  function readCatalogue() {
    var data = window.QuizEngine.readAttribute(document.getElementById("quiz-progress"), "data-catalogue");
    return data && data.modules && data.quizzes ? data : null;
  }

  /* Only answers given to the question as it is now count: a changed question starts afresh. */
  function current(state, quiz) {
    var answers = {};
    quiz.questions.forEach(function (q) {
      var entry = state.answers[q.id];
      if (!entry || entry.fp !== q.fingerprint) return;
      // scored as the engine scores now (an order saved as all-or-nothing earns its partial credit)
      var now = q.answer !== undefined && entry.answer !== undefined ? window.QuizEngine.score(q, entry.answer) : entry.score;
      answers[q.id] = Object.assign({}, entry, { score: now === null ? entry.score : now });
    });
    return { answers: answers, complete: !!state.complete, submitted: !!state.submitted };
  }

  function status(quiz, state, t) {
    if (state.complete) return t.status_done;
    return Object.keys(state.answers).length ? t.status_in_progress : t.status_not_started;
  }

  function tally(quiz, state) {
    var graded = quiz.questions.filter(function (q) { return q.answer !== undefined; });
    var got = 0;
    var answered = 0;
    graded.forEach(function (q) {
      var entry = state.answers[q.id];
      if (entry && entry.checked && typeof entry.score === "number") { got += entry.score; answered++; }
    });
    return { got: Math.round(got * 10) / 10, answered: answered, total: graded.length };
  }

  function table(headers, rows, t) {
    var E = window.QuizEngine;
    var node = E.el("table");
    var head = E.el("tr");
    headers.forEach(function (h) { head.appendChild(E.el("th", { scope: "col" }, h)); });
    node.appendChild(E.el("thead")).appendChild(head);
    var body = node.appendChild(E.el("tbody"));
    rows.forEach(function (cells) {
      var row = body.appendChild(E.el("tr"));
      cells.forEach(function (cell, i) {
        // data-label: on a phone each row is shown as a card, each value after its column's name and
        // the colon as the language writes it ("Score:", "Score :")
        var td = row.appendChild(E.el(i ? "td" : "th", i ? { "data-label": E.format(t.label, { label: headers[i] }) } : { scope: "row" }));
        if (cell && cell.nodeType) td.appendChild(cell); else td.textContent = cell;
      });
    });
    var wrap = E.el("div", { "class": "md-typeset__table" });
    wrap.appendChild(node);
    return wrap;
  }

  function link(text, href) {
    var a = window.QuizEngine.el("a", { href: href }, text);
    return a;
  }

  function quizTable(catalogue, states, t) {
    var byId = {};
    catalogue.quizzes.forEach(function (q) { byId[q.id] = q; });
    var rows = [];
    var listed = {};
    catalogue.modules.forEach(function (m) {
      m.quizzes.forEach(function (id) {
        listed[id] = true;
        rows.push(quizRow(window.QuizEngine.format(t.module_title, { number: m.number, title: m.title }), byId[id], states[id], t));
      });
    });
    catalogue.quizzes.forEach(function (q) { if (!listed[q.id]) rows.push(quizRow("", q, states[q.id], t)); });
    return table([t.module, t.quiz, t.status, t.score_label], rows, t);
  }

  function quizRow(moduleTitle, quiz, state, t) {
    var score = tally(quiz, state);
    var E = window.QuizEngine;
    var shown = score.total && score.answered ? E.number(score.got) + " / " + E.number(score.total) : "–";
    return [moduleTitle || quiz.title, link(quiz.title, quiz.href), status(quiz, state, t), shown];
  }

  /* Share of correct answers per objective, overall and in the diagnostic and post assessments. */
  function objectiveTable(catalogue, states, t) {
    var totals = {};
    catalogue.quizzes.forEach(function (quiz) {
      quiz.questions.forEach(function (q) {
        var entry = states[quiz.id].answers[q.id];
        if (!entry || !entry.checked || typeof entry.score !== "number") return;
        (q.objectives || []).forEach(function (o) {
          var row = totals[o] = totals[o] || { all: [0, 0], diagnostic: [0, 0], post: [0, 0] };
          [row.all, row[quiz.kind]].forEach(function (cell) { if (cell) { cell[0] += entry.score; cell[1]++; } });
        });
      });
    });
    var rows = [];
    var key = [];
    catalogue.modules.forEach(function (m) {
      m.objectives.forEach(function (o) {
        var row = totals[o.id];
        if (!row) return;
        rows.push([o.text, percent(row.all, t), percent(row.diagnostic, t), percent(row.post, t)]);
        key.push(!!o.key);
      });
    });
    var wrap = window.QuizEngine.el("div");
    wrap.appendChild(window.QuizEngine.el("h2", {}, t.mastery));
    if (!rows.length) wrap.appendChild(window.QuizEngine.el("p", {}, t.none_yet));
    else wrap.appendChild(table([t.objective, t.mastery, t.before, t.after], rows, t));
    // The printed one-page summary keeps the key objectives (those compared before and after).
    wrap.querySelectorAll("tbody tr").forEach(function (tr, i) { if (!key[i]) tr.className = "quiz-minor"; });
    return wrap;
  }

  /* "73% of 11 answers": the share of correct answers, and how many answers it is a share of. */
  function percent(cell, t) {
    if (!cell[1]) return "–";
    var E = window.QuizEngine;
    var share = E.number(Math.round((100 * cell[0]) / cell[1]) / 100, "percent");
    return E.format(plural(cell[1]) === "one" ? t.share_one : t.share, { share: share, count: cell[1] });
  }

  function plural(count) {
    try {
      return new Intl.PluralRules(document.documentElement.lang || "en").select(count);
    } catch (e) {
      return count === 1 ? "one" : "other"; // no such language
    }
  }

  /* "Very sure" on the confidence scale (its highest point) for an answer that was wrong. */
  function confidentButWrong(catalogue, states, t) {
    var flagged = [];
    catalogue.quizzes.forEach(function (quiz) {
      var answers = states[quiz.id].answers;
      quiz.questions.forEach(function (q) {
        var rating = answers[q.id];
        var rated = q.about && answers[q.about];
        if (q.scale !== "confidence" || !rating || rating.answer !== "3" || !rated) return;
        if (rated.checked && rated.score !== null && rated.score < 1) {
          var target = quiz.questions.filter(function (x) { return x.id === q.about; })[0];
          flagged.push(window.QuizEngine.format(t.label, { label: quiz.title }) + " " + ((target && target.prompt) || q.about));
        }
      });
    });
    return flagged;
  }

  function tools(store, prefix, t, catalogue, states) {
    var E = window.QuizEngine;
    var box = E.el("div", { "class": "quiz-progress-tools" });
    var label = E.el("input", { type: "text", id: "quiz-export-label", maxlength: "80" });
    var labelFor = E.el("label", { "for": "quiz-export-label" }, t.label_prompt);
    var download = E.el("button", { type: "button", "class": "md-button md-button--primary" }, t.export);
    var fileLabel = E.el("label", { "class": "md-button", "for": "quiz-import-file" }, t.import);
    var file = E.el("input", { type: "file", id: "quiz-import-file", accept: "application/json,.json", "class": "quiz-visually-hidden" });
    var print = E.el("button", { type: "button", "class": "md-button" }, t.print);
    var message = E.el("p", { role: "status", "class": "quiz-live" });
    download.addEventListener("click", function () { exportResults(store, prefix, label.value); });
    print.addEventListener("click", function () { window.print(); });
    file.addEventListener("change", function () {
      importResults(store, prefix, file.files[0], catalogue, t, function (said) {
        render(store, prefix, t);
        var status = document.querySelector(".quiz-progress-tools .quiz-live");
        if (status) status.textContent = said;
        if (status) { status.setAttribute("tabindex", "-1"); status.focus(); } // the old focus was re-rendered away
      });
    });
    // The file input sits just before its label, which draws its focus outline (quiz.css).
    [labelFor, label, download, file, fileLabel, print, message].forEach(function (n) { box.appendChild(n); });
    return box;
  }

  /* The results file: quiz and question ids, answers, scores, times and the learner's own label. */
  function exportResults(store, prefix, label) {
    var quizzes = {};
    store.keys().forEach(function (key) {
      var state = store.get(key);
      if (!window.QuizEngine.stateProblem(state)) quizzes[key.slice(prefix.length)] = state;
    });
    var data = { format: FORMAT, version: 1, exported: new Date().toISOString(), label: label || "", quizzes: quizzes };
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var a = window.QuizEngine.el("a", { href: URL.createObjectURL(blob), download: "mediation-course-results.json" });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  /* A results file is loaded whole or not at all: it is read, checked against the shape of a
     results file, confirmed when it replaces answers kept here, then stored in one go (undone if
     the browser refuses part of it). Every outcome is said in words. */
  var MAX_BYTES = 1024 * 1024;
  var MAX_QUIZZES = 200;
  var FILE = {
    format: function (v) { return v === FORMAT; },
    version: function (v) { return v === 1; },
    exported: function (v) { return typeof v === "string" && v.length <= 40; },
    label: function (v) { return typeof v === "string" && v.length <= 80; },
    quizzes: function (v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  };
  /* What each field should hold, by its name (the import_want strings). */
  var WANT = { v: "version", version: "version", answers: "fields", quizzes: "fields", fp: "fingerprint", checked: "flag", submitted: "flag", complete: "flag", at: "time", submittedAt: "time", exported: "time", modules: "ids", title: "text" };

  function resultsProblem(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) return { not_results: true };
    var has = window.QuizEngine.has;
    var wrong = Object.keys(data).filter(function (k) { return !has(FILE, k) || !FILE[k](data[k]); })[0];
    if (wrong) return { place: [wrong], want: has(FILE, wrong) ? wrong : "known" };
    if (!has(data, "quizzes")) return { place: ["quizzes"], want: "quizzes" };
    var ids = Object.keys(data.quizzes);
    if (!ids.length) return { empty: true };
    if (ids.length > MAX_QUIZZES) return { place: ["quizzes"], want: "quizzes" };
    for (var i = 0; i < ids.length; i++) {
      if (!window.QuizEngine.isId(ids[i])) return { place: ["quizzes", ids[i]], want: "id" };
      var problem = window.QuizEngine.stateProblem(data.quizzes[ids[i]], ["quizzes", ids[i]]);
      if (problem) return problem;
    }
    return null;
  }

  function refusal(problem, t) {
    if (problem.not_results) return t.import_not_results;
    if (problem.empty) return t.import_empty;
    var place = problem.place.map(function (p) { return "“" + String(p).slice(0, 80) + "”"; }).join(" › ");
    var want = WANT[problem.want] || problem.want;
    return window.QuizEngine.format(t.import_damaged, { place: place, want: t.import_want[want] || want });
  }

  /* The quizzes named by their titles, in the course's order (those it does not have, last). */
  function quizTitles(ids, catalogue, quizzes) {
    var order = catalogue.quizzes.map(function (q) { return q.id; });
    var rank = function (id) { return order.indexOf(id) < 0 ? order.length : order.indexOf(id); };
    return ids.slice().sort(function (a, b) { return rank(a) - rank(b) || (a < b ? -1 : 1); }).map(function (id) {
      var known = catalogue.quizzes[order.indexOf(id)];
      return known ? known.title : quizzes[id].title || id;
    }).join(", ");
  }

  /* Writes every quiz or none: what was stored before is put back if the browser refuses one. */
  function storeAll(quizzes, prefix) {
    var ids = Object.keys(quizzes);
    var before = {};
    try {
      ids.forEach(function (id) { before[id] = window.localStorage.getItem(prefix + id); });
      ids.forEach(function (id) { window.localStorage.setItem(prefix + id, JSON.stringify(quizzes[id])); });
      return true;
    } catch (e) {
      ids.forEach(function (id) {
        try {
          if (before[id] === null || before[id] === undefined) window.localStorage.removeItem(prefix + id);
          else window.localStorage.setItem(prefix + id, before[id]);
        } catch (again) { /* nothing more to undo */ }
      });
      return false;
    }
  }

  function importResults(store, prefix, file, catalogue, t, done) {
    if (!file) return;
    if (file.size > MAX_BYTES) return done(window.QuizEngine.format(t.import_too_large, { size: t.size_limit }));
    var reader = new FileReader();
    reader.onload = function () {
      var data = null;
      try { data = JSON.parse(reader.result); } catch (e) { return done(t.import_not_results); }
      var problem = resultsProblem(data);
      if (problem) return done(refusal(problem, t));
      var ids = Object.keys(data.quizzes);
      var replaced = ids.filter(function (id) { return store.get(prefix + id) !== null; });
      var question = window.QuizEngine.format(t.import_confirm, { quizzes: quizTitles(replaced, catalogue, data.quizzes) });
      if (replaced.length && !window.confirm(question)) return done(t.import_cancelled);
      if (!storeAll(data.quizzes, prefix)) return done(t.import_not_stored);
      ids.forEach(function (id) { store.remove(prefix + id); store.set(prefix + id, data.quizzes[id]); }); // this page view too
      done(window.QuizEngine.format(t.import_done, { quizzes: quizTitles(ids, catalogue, data.quizzes) }));
    };
    reader.onerror = function () { done(t.import_unreadable); };
    reader.readAsText(file);
  }

  window.QuizProgress = { render: render };
  if (window.QuizEngine && window.__quizStrings) render(window.QuizEngine.store, window.QuizEngine.prefix, window.__quizStrings);
})();
