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
    var flagged = confidentButWrong(catalogue, states);
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

  function table(headers, rows, caption) {
    var E = window.QuizEngine;
    var node = E.el("table");
    if (caption) node.appendChild(E.el("caption", {}, caption));
    var head = E.el("tr");
    headers.forEach(function (h) { head.appendChild(E.el("th", { scope: "col" }, h)); });
    node.appendChild(E.el("thead")).appendChild(head);
    var body = node.appendChild(E.el("tbody"));
    rows.forEach(function (cells) {
      var row = body.appendChild(E.el("tr"));
      cells.forEach(function (cell, i) {
        // data-label: on a phone each row is shown as a card, each value under its column's name
        var td = row.appendChild(E.el(i ? "td" : "th", i ? { "data-label": headers[i] } : { scope: "row" }));
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
        rows.push(quizRow(t.module + " " + m.number + ": " + m.title, byId[id], states[id], t));
      });
    });
    catalogue.quizzes.forEach(function (q) { if (!listed[q.id]) rows.push(quizRow("", q, states[q.id], t)); });
    return table([t.module, t.quiz, t.status, t.score_label], rows.map(function (r) { return r; }));
  }

  function quizRow(moduleTitle, quiz, state, t) {
    var score = tally(quiz, state);
    var shown = score.total && score.answered ? score.got + " / " + score.total : "–";
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
        rows.push([o.text, percent(row.all), percent(row.diagnostic), percent(row.post)]);
        key.push(!!o.key);
      });
    });
    var wrap = window.QuizEngine.el("div");
    wrap.appendChild(window.QuizEngine.el("h2", {}, t.mastery));
    if (!rows.length) wrap.appendChild(window.QuizEngine.el("p", {}, t.none_yet));
    else wrap.appendChild(table([t.objective, t.mastery, t.before, t.after], rows));
    // The printed one-page summary keeps the key objectives (those compared before and after).
    wrap.querySelectorAll("tbody tr").forEach(function (tr, i) { if (!key[i]) tr.className = "quiz-minor"; });
    return wrap;
  }

  function percent(cell) {
    return cell[1] ? Math.round((100 * cell[0]) / cell[1]) + "% (" + cell[1] + ")" : "–";
  }

  /* "Very sure" on the confidence scale (its highest point) for an answer that was wrong. */
  function confidentButWrong(catalogue, states) {
    var flagged = [];
    catalogue.quizzes.forEach(function (quiz) {
      var answers = states[quiz.id].answers;
      quiz.questions.forEach(function (q) {
        var rating = answers[q.id];
        var rated = q.about && answers[q.about];
        if (q.scale !== "confidence" || !rating || rating.answer !== "3" || !rated) return;
        if (rated.checked && rated.score !== null && rated.score < 1) {
          var target = quiz.questions.filter(function (x) { return x.id === q.about; })[0];
          flagged.push(quiz.title + ": " + ((target && target.prompt) || q.about));
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
      importResults(store, prefix, file.files[0], function (ok) {
        render(store, prefix, t);
        var status = document.querySelector(".quiz-progress-tools .quiz-live");
        if (status) status.textContent = ok ? t.import_done : t.import_failed;
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
      if (state && state.v === 1) quizzes[key.slice(prefix.length)] = state;
    });
    var data = { format: FORMAT, version: 1, exported: new Date().toISOString(), label: label || "", quizzes: quizzes };
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var a = window.QuizEngine.el("a", { href: URL.createObjectURL(blob), download: "mediation-course-results.json" });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function importResults(store, prefix, file, done) {
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = null;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      if (!data || data.format !== FORMAT || data.version !== 1 || typeof data.quizzes !== "object") return done(false);
      Object.keys(data.quizzes).forEach(function (id) {
        var state = data.quizzes[id];
        if (/^[a-z0-9-]+$/.test(id) && state && state.v === 1 && typeof state.answers === "object") store.set(prefix + id, state);
      });
      done(true);
    };
    reader.onerror = function () { done(false); };
    reader.readAsText(file);
  }

  window.QuizProgress = { render: render };
  if (window.QuizEngine && window.__quizStrings) render(window.QuizEngine.store, window.QuizEngine.prefix, window.__quizStrings);
})();
