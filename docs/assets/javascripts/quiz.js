/* Quiz engine: enhances the native quiz forms that the build renders, keeps progress on this
   device, and fills the "My progress" page. Plain JavaScript, no dependencies, no network. */
(function () {
  "use strict";

  var PREFIX = "ipu-mediation/v1/quiz/";
  var ASSESSMENT = { diagnostic: 1, post: 1 };
  var memory = {};

  /* Storage that never throws: private browsing, a full disk or a switched-off store leave the
     quiz usable, with progress kept for this page view only. */
  var store = {
    get: function (key) {
      var text = memory[key] || null; // what this page view wrote wins: the store may have refused it
      if (text === null) try { text = window.localStorage.getItem(key); } catch (e) { /* switched off */ }
      try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
    },
    set: function (key, value) {
      var text = JSON.stringify(value);
      memory[key] = text;
      try { window.localStorage.setItem(key, text); } catch (e) { /* kept in memory */ }
    },
    remove: function (key) {
      delete memory[key];
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
    },
    keys: function () {
      var found = Object.keys(memory);
      try {
        for (var i = 0; i < window.localStorage.length; i++) found.push(window.localStorage.key(i));
      } catch (e) { /* memory only */ }
      return found.filter(function (k, i) { return k && k.indexOf(PREFIX) === 0 && found.indexOf(k) === i; });
    }
  };

  /* A JSON block of the build outside the page content (the interface strings, the course map). */
  function readJson(selector) {
    var node = document.querySelector(selector);
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  }

  /* JSON the build put in an attribute (escaped like any attribute text). */
  function readAttribute(node, name) {
    try { return node ? JSON.parse(node.getAttribute(name)) : null; } catch (e) { return null; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  /* A placeholder's number is written as the page's language writes numbers (1,5 in French). */
  function format(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (_, k) {
      var v = values[k];
      return v === undefined ? "" : typeof v === "number" ? number(v) : v;
    });
  }

  /* A number in the language of the page (<html lang>): 1.5 and 73% in English, 1,5 and 73 % in
     French; `style` "percent" for a share from 0 to 1. */
  function number(value, style) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || "en", { style: style }).format(value);
    } catch (e) {
      return style ? Math.round(value * 100) + "%" : String(value); // no such language
    }
  }

  /* The shape of a saved quiz state (and of a quiz in a results file): stateProblem gives null or
     where it does not fit and what is wanted there (a field's name, "known", "fields" or "id"). */
  function isId(v) { return typeof v === "string" && v.length <= 64 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v); }
  function isText(max) { return function (v) { return typeof v === "string" && v.length <= max; }; }
  function isFlag(v) { return typeof v === "boolean"; }
  function isMap(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function isScore(v) { return v === null || (typeof v === "number" && v >= 0 && v <= 1); }
  function listOf(test, max) { return function (v) { return Array.isArray(v) && v.length <= max && v.every(test); }; }
  function isAnswer(v) { // an id or a text, a list of ids, or pair id -> pair id or ""
    return isText(20000)(v) || listOf(isId, 100)(v) || (isMap(v) && listOf(isId, 100)(Object.keys(v)) && listOf(function (p) { return p === "" || isId(p); }, 100)(Object.values(v)));
  }
  function has(o, k) { return {}.hasOwnProperty.call(o, k); }
  var ENTRY = { fp: isText(64), answer: isAnswer, score: isScore, checked: isFlag, at: isText(40) };
  var STATE = { v: function (v) { return v === 1; }, answers: isMap, submitted: isFlag, submittedAt: isText(40), complete: isFlag, modules: listOf(isId, 99), title: isText(300), kind: function (v) { return ["diagnostic", "self-check", "post", "survey"].indexOf(v) >= 0; } };

  function fieldsProblem(value, fields, required, place) {
    if (!isMap(value)) return { place: place, want: "fields" };
    var wrong = Object.keys(value).filter(function (k) { return !has(fields, k) || !fields[k](value[k]); })[0];
    var missing = required.filter(function (k) { return !has(value, k); })[0];
    if (wrong || missing) return { place: place.concat(wrong || missing), want: has(fields, wrong || missing) ? wrong || missing : "known" };
    return null;
  }

  function stateProblem(state, place) {
    place = place || [];
    var problem = fieldsProblem(state, STATE, ["v", "answers"], place);
    if (problem) return problem;
    var ids = Object.keys(state.answers);
    for (var i = 0; i < ids.length; i++) {
      if (!isId(ids[i])) return { place: place.concat("answers", ids[i]), want: "id" };
      problem = fieldsProblem(state.answers[ids[i]], ENTRY, ["fp", "answer"], place.concat("answers", ids[i]));
      if (problem) return problem;
    }
    return null;
  }

  /* A saved quiz state; anything of another shape (an older format, a corrupt value) is dropped. */
  function loadState(quizId) {
    var state = store.get(PREFIX + quizId);
    var problem = state === null ? null : stateProblem(state);
    if (problem) console.warn("Saved answers to " + quizId + " dropped: bad " + (problem.place.join(".") || "value"));
    return state && !problem ? state : { v: 1, answers: {}, submitted: false };
  }

  function score(question, answer) {
    var key = question.answer;
    if (answer === undefined || answer === null || answer === "") return null;
    if (question.type === "single") return answer === key ? 1 : 0;
    if (question.type === "true-false") return answer === String(key) ? 1 : 0;
    if (question.type === "multiple") {
      var right = answer.filter(function (a) { return key.indexOf(a) >= 0; }).length;
      var wrong = answer.length - right;
      if (question.scoring === "partial") return Math.max(0, (right - wrong) / key.length);
      return right === key.length && wrong === 0 ? 1 : 0;
    }
    if (question.type === "ordering") return pairsInOrder(answer, key);
    if (question.type === "matching") {
      var pairs = Object.keys(key);
      var hits = pairs.filter(function (p) { return answer[p] === key[p]; }).length;
      return hits / pairs.length;
    }
    return null;
  }

  /* Partial credit for an order: the share of pairs of items in the right order relative to each
     other. One swap of neighbours in five items keeps 9 of 10 pairs; the reverse order keeps none. */
  function pairsInOrder(answer, key) {
    var rank = ranks(key);
    var items = answer.filter(function (id) { return rank[id] !== undefined; });
    var total = key.length * (key.length - 1) / 2;
    var right = 0;
    for (var i = 0; i < items.length; i++) {
      for (var j = i + 1; j < items.length; j++) if (rank[items[i]] < rank[items[j]]) right++;
    }
    return total ? right / total : 0;
  }

  function ranks(key) {
    var rank = {};
    key.forEach(function (id, i) { rank[id] = i; });
    return rank;
  }

  /* The items out of place: the fewest items that, moved, put the order right (all but the longest
     run of items already in the right order relative to each other). */
  function outOfPlace(answer, key) {
    var rank = ranks(key);
    var items = answer.filter(function (id) { return rank[id] !== undefined; });
    var length = [];
    var before = [];
    items.forEach(function (id, i) {
      length[i] = 1;
      before[i] = -1;
      for (var j = 0; j < i; j++) {
        if (rank[items[j]] < rank[id] && length[j] + 1 > length[i]) { length[i] = length[j] + 1; before[i] = j; }
      }
    });
    var end = length.indexOf(Math.max.apply(null, length.concat([0])));
    var kept = {};
    for (var k = end; k >= 0; k = before[k]) kept[items[k]] = true;
    return items.filter(function (id) { return !kept[id]; });
  }

  /* The elements of one question that match a selector, leaving out those of a question inside it
     (the confidence rating sits inside the question it rates). */
  function own(fieldset, selector) {
    return Array.prototype.filter.call(fieldset.querySelectorAll(selector), function (node) {
      return node.closest("fieldset.quiz-question") === fieldset;
    });
  }

  /* Whether a stored value has the shape of an answer to the question. */
  function fits(q, answer) {
    if (q.type === "multiple" || q.type === "ordering" || q.multiple) return Array.isArray(answer);
    if (q.type === "matching") return !!answer && typeof answer === "object" && !Array.isArray(answer);
    return typeof answer === "string";
  }

  function Quiz(form, strings) {
    this.form = form;
    this.t = strings;
    this.data = readAttribute(form, "data-quiz");
    this.assessment = !!ASSESSMENT[this.data.kind];
    this.graded = this.data.kind !== "survey";
    this.state = loadState(this.data.id);
    this.byId = {};
    this.data.questions.forEach(function (q) { this.byId[q.id] = q; }, this);
    this.live = el("p", { "class": "quiz-live", role: "status", "aria-live": "polite" });
    form.appendChild(this.live);
    form.classList.add("quiz--enhanced");
    this.fieldsets().forEach(this.enhance, this);
    this.addControls();
    this.restore();
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", this.onChange.bind(this));
    form.addEventListener("input", this.onChange.bind(this));
    form.addEventListener("click", this.onClick.bind(this));
    form.addEventListener("keydown", keepKeys);
  }

  /* Material opens search on "s", "f" or "/" and changes page on "n", "p", "." and "," unless the
     focus is in a text field. On a radio button, a checkbox, a select or a button of a quiz those keys
     belong to the quiz (WCAG 2.1.4): they do not reach Material's listener on the window. */
  function keepKeys(event) {
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) event.stopPropagation();
  }

  Quiz.prototype.fieldsets = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("fieldset.quiz-question"));
  };

  /* The numbered questions: every question but the confidence ratings inside them. */
  Quiz.prototype.numbered = function () {
    return this.fieldsets().filter(function (f) { return !f.parentNode.closest("fieldset.quiz-question"); });
  };

  Quiz.prototype.question = function (fieldset) {
    return this.byId[fieldset.getAttribute("data-question-id")];
  };

  Quiz.prototype.enhance = function (fieldset) {
    var q = this.question(fieldset);
    var details = own(fieldset, ".quiz-answer")[0];
    if (details) details.hidden = true;
    if (q.type === "ordering") {
      this.enhanceOrdering(fieldset);
      fieldset.initialOrder = this.read(fieldset);
    }
    if (q.type === "reflection") {
      // A textarea prints as its box, cutting the answer off: print a copy of the full text instead.
      var copy = el("div", { "class": "quiz-print-text", "aria-hidden": "true" });
      fieldset.querySelector("textarea").insertAdjacentElement("afterend", copy);
    }
    if (fieldset.parentNode.closest("fieldset.quiz-question")) return; // a rating: part of the question it rates
    var result = el("div", { "class": "quiz-result", tabindex: "-1", hidden: "" });
    fieldset.appendChild(result);
    if (this.graded && !this.assessment && details) {
      fieldset.appendChild(el("button", { type: "button", "class": "md-button quiz-check", "data-action": "check" }, this.t.check));
    }
  };

  Quiz.prototype.enhanceOrdering = function (fieldset) {
    var t = this.t;
    var hint = fieldset.querySelector(".quiz-hint");
    if (hint) hint.textContent = t.order_hint;
    fieldset.querySelectorAll(".quiz-order-item").forEach(function (item) {
      var label = item.querySelector("label").textContent;
      item.querySelector("input").hidden = true;
      var up = el("button", { type: "button", "class": "quiz-move", "data-action": "up", "aria-label": format(t.move_up, { item: label }) }, "↑");
      var down = el("button", { type: "button", "class": "quiz-move", "data-action": "down", "aria-label": format(t.move_down, { item: label }) }, "↓");
      var span = el("span", { "class": "quiz-move-buttons" });
      span.appendChild(up);
      span.appendChild(down);
      item.appendChild(span);
    });
  };

  Quiz.prototype.addControls = function () {
    var bar = el("div", { "class": "quiz-controls" });
    if (this.assessment) bar.appendChild(el("button", { type: "button", "class": "md-button md-button--primary", "data-action": "submit" }, this.t.submit));
    bar.appendChild(el("button", { type: "button", "class": "md-button", "data-action": "reset" }, this.t.reset));
    bar.appendChild(el("button", { type: "button", "class": "md-button", "data-action": "print" }, this.t.print_page));
    if (this.graded) {
      var key = el("label", { "class": "quiz-print-key" });
      key.appendChild(el("input", { type: "checkbox", "data-print-key": "" }));
      key.appendChild(document.createTextNode(" " + this.t.print_key));
      bar.appendChild(key);
    }
    this.summary = el("div", { "class": "quiz-summary", tabindex: "-1", hidden: "" });
    this.form.insertBefore(this.summary, this.form.firstChild);
    this.form.appendChild(bar);
  };

  /* The learner's current answer to one question, read from the controls (the DOM is the state). */
  Quiz.prototype.read = function (fieldset) {
    var q = this.question(fieldset);
    var checked = own(fieldset, "input:checked").map(function (i) { return i.value; });
    if (q.type === "multiple" || q.multiple) return checked.length ? checked : null; // q.multiple: a poll
    if (q.type === "ordering") {
      return Array.prototype.map.call(fieldset.querySelectorAll(".quiz-order-item"), function (i) { return i.getAttribute("data-item-id"); });
    }
    if (q.type === "matching") {
      var picks = {};
      var any = false;
      fieldset.querySelectorAll("select").forEach(function (s) {
        picks[s.id.split("--").pop()] = s.value;
        any = any || !!s.value;
      });
      return any ? picks : null;
    }
    if (q.type === "reflection") return fieldset.querySelector("textarea").value || null;
    return checked.length ? checked[0] : null;
  };

  Quiz.prototype.write = function (fieldset, answer) {
    var q = this.question(fieldset);
    if (q.type === "ordering") {
      var list = fieldset.querySelector(".quiz-order");
      var items = list.querySelectorAll(".quiz-order-item");
      answer.forEach(function (id) { // ids compared in script: stored text never becomes a selector
        items.forEach(function (i) { if (i.getAttribute("data-item-id") === id) list.appendChild(i); });
      });
      this.numberOrder(fieldset);
    } else if (q.type === "matching") {
      fieldset.querySelectorAll("select").forEach(function (s) { s.value = answer[s.id.split("--").pop()] || ""; });
    } else if (q.type === "reflection") {
      fieldset.querySelector("textarea").value = answer;
      this.copyForPrint(fieldset);
    } else {
      var values = [].concat(answer);
      own(fieldset, "input").forEach(function (i) { i.checked = values.indexOf(i.value) >= 0; });
    }
  };

  Quiz.prototype.copyForPrint = function (fieldset) {
    var copy = fieldset.querySelector(".quiz-print-text");
    if (copy) copy.textContent = fieldset.querySelector("textarea").value;
  };

  Quiz.prototype.numberOrder = function (fieldset) {
    fieldset.querySelectorAll(".quiz-order-item input").forEach(function (input, index) { input.value = index + 1; });
  };

  Quiz.prototype.restore = function () {
    var saved = this.state.answers;
    this.fieldsets().forEach(function (fieldset) {
      var q = this.question(fieldset);
      var entry = saved[q.id];
      if (!entry) return;
      // the question changed, or the value is not an answer to it: never misapply
      if (entry.fp !== q.fingerprint || !fits(q, entry.answer)) { delete saved[q.id]; return; }
      if (q.answer !== undefined) entry.score = score(q, entry.answer); // scored as the engine scores now
      this.write(fieldset, entry.answer);
      if (entry.checked && !this.assessment) this.showResult(fieldset, false);
    }, this);
    if (this.assessment && this.state.submitted) this.review(false);
    this.save();
  };

  Quiz.prototype.remember = function (fieldset, checked) {
    var q = this.question(fieldset);
    var answer = this.read(fieldset);
    if (answer === null) { delete this.state.answers[q.id]; return; }
    this.state.answers[q.id] = { fp: q.fingerprint, answer: answer, score: score(q, answer), checked: !!checked, at: new Date().toISOString() };
  };

  Quiz.prototype.save = function () {
    this.state.modules = this.data.modules;
    this.state.title = this.data.title;
    this.state.kind = this.data.kind;
    this.state.complete = this.isComplete();
    store.set(PREFIX + this.data.id, this.state);
    markNavigation(this.t); // a module completed or reset here is marked at once
    this.form.dispatchEvent(new CustomEvent("quiz:saved", { bubbles: true, detail: { quiz: this.data.id } }));
  };

  /* Done when an assessment is submitted, every graded question of a self-check has been checked,
     or every question of a survey has an answer. */
  Quiz.prototype.isComplete = function () {
    var answers = this.state.answers;
    if (this.assessment) return !!this.state.submitted;
    var graded = this.data.questions.filter(function (q) { return q.answer !== undefined; });
    var required = graded.length ? graded : this.data.questions;
    return required.every(function (q) { return answers[q.id] && (answers[q.id].checked || !graded.length); });
  };

  Quiz.prototype.onChange = function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-print-key")) return;
    var fieldset = event.target.closest && event.target.closest("fieldset.quiz-question");
    if (!fieldset) return;
    this.clearMessage();
    this.copyForPrint(fieldset);
    if (!this.assessment) this.hideResult(fieldset);
    this.remember(fieldset, false);
    this.save();
  };

  Quiz.prototype.onClick = function (event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    this.clearMessage(); // a message is about the last action only
    var fieldset = button.closest("fieldset.quiz-question");
    if (action === "check") this.check(fieldset);
    else if (action === "up" || action === "down") this.move(button, action === "up" ? -1 : 1);
    else if (action === "submit") this.submit();
    else if (action === "reset") this.reset();
    else if (action === "print") window.print();
  };

  Quiz.prototype.check = function (fieldset) {
    if (this.read(fieldset) === null) {
      this.announce(this.t.answer_first);
      return;
    }
    this.remember(fieldset, true);
    this.save();
    this.showResult(fieldset, true);
    this.form.dispatchEvent(new CustomEvent("quiz:answered", { bubbles: true, detail: { quiz: this.data.id, question: this.question(fieldset).id } }));
  };

  Quiz.prototype.move = function (button, step) {
    var item = button.closest(".quiz-order-item");
    var list = item.parentNode;
    var items = Array.prototype.slice.call(list.children);
    var index = items.indexOf(item) + step;
    var where = { item: item.querySelector("label").textContent, position: index + 1, total: items.length };
    if (index < 0 || index >= items.length) { // already first or last: say where it is
      where.position = items.indexOf(item) + 1;
      this.announce(format(this.t.moved, where));
      return;
    }
    list.insertBefore(item, step < 0 ? items[index] : items[index].nextSibling);
    button.focus();
    var fieldset = item.closest("fieldset.quiz-question");
    this.numberOrder(fieldset);
    this.onChange({ target: item });
    this.announce(format(this.t.moved, where));
  };

  /* Feedback that says why: the verdict, the feedback of each chosen option, the explanation and
     the link to the section that teaches it, all copied from the answer block the build wrote. */
  Quiz.prototype.showResult = function (fieldset, focus) {
    var q = this.question(fieldset);
    // an assessment question left unanswered is reviewed too, as wrong, with its key and explanation
    var entry = this.state.answers[q.id] || (this.assessment ? { answer: [], score: 0 } : null);
    var result = own(fieldset, ".quiz-result")[0];
    var details = own(fieldset, ".quiz-answer")[0];
    if (!entry || !details) return;
    var verdict = entry.score === 1 ? this.t.correct : entry.score > 0 ? this.t.partly : this.t.wrong;
    if (!this.state.answers[q.id]) verdict = this.t.not_answered;
    result.textContent = "";
    result.className = "quiz-result " + (entry.score === 1 ? "is-right" : "is-wrong");
    result.appendChild(el("p", { "class": "quiz-verdict" }, verdict));
    var feedback = details.querySelectorAll(".quiz-feedback [data-option-id]");
    [].concat(entry.answer).forEach(function (id) {
      feedback.forEach(function (item) { if (item.getAttribute("data-option-id") === id) result.appendChild(el("p", {}, item.textContent)); });
    });
    if (q.type === "ordering" && this.state.answers[q.id] && entry.score < 1) {
      var items = fieldset.querySelectorAll(".quiz-order-item");
      var labels = outOfPlace(entry.answer, q.answer).map(function (id) {
        var label = id;
        items.forEach(function (i) { if (i.getAttribute("data-item-id") === id) label = i.querySelector("label").textContent; });
        return label;
      });
      result.appendChild(el("p", { "class": "quiz-out-of-place" }, format(this.t.out_of_place, { items: labels.join("; ") })));
    }
    var reveal = entry.score !== 1 && (q.type === "ordering" || q.type === "matching" || this.assessment);
    ["quiz-key", "quiz-key-order", "quiz-key-matches", "quiz-explanation", "quiz-read-more"].forEach(function (name) {
      if (!reveal && name.indexOf("quiz-key") === 0) return;
      var part = details.querySelector("." + name);
      if (part) result.appendChild(part.cloneNode(true));
    });
    result.hidden = false;
    if (focus) {
      this.announce(format(this.t.question_result, { number: this.numbered().indexOf(fieldset) + 1, verdict: verdict }));
      result.focus();
    }
  };

  Quiz.prototype.hideResult = function (fieldset) {
    var result = own(fieldset, ".quiz-result")[0];
    if (result) result.hidden = true;
  };

  Quiz.prototype.submit = function () {
    var missing = this.numbered().filter(function (f) { return this.question(f).type !== "reflection" && this.read(f) === null; }, this);
    if (missing.length && !window.confirm(format(this.t.confirm_missing, { count: missing.length }))) return;
    this.fieldsets().forEach(function (f) { this.remember(f, true); }, this);
    this.state.submitted = true;
    this.state.submittedAt = new Date().toISOString();
    this.save();
    this.review(true);
  };

  /* The review screen of an assessment: the score first, then every question with its explanation. */
  Quiz.prototype.review = function (focus) {
    var graded = this.data.questions.filter(function (q) { return q.answer !== undefined; });
    var answers = this.state.answers;
    var total = graded.reduce(function (sum, q) { return sum + ((answers[q.id] && answers[q.id].score) || 0); }, 0);
    this.fieldsets().forEach(function (f) {
      f.disabled = true; // submitted once; "Start again" reopens the assessment
      if (this.question(f).answer !== undefined) this.showResult(f, false);
    }, this);
    this.form.querySelectorAll('[data-action="submit"]').forEach(function (b) { b.disabled = true; }); // once
    this.summary.textContent = format(this.t.score, { score: Math.round(total * 10) / 10, total: graded.length });
    this.summary.hidden = false;
    if (focus) {
      this.announce(this.summary.textContent);
      this.summary.focus();
    }
  };

  Quiz.prototype.reset = function () {
    if (!window.confirm(this.t.confirm_reset)) return;
    store.remove(PREFIX + this.data.id);
    this.state = { v: 1, answers: {}, submitted: false };
    this.form.reset();
    this.fieldsets().forEach(function (f) {
      f.disabled = false;
      this.hideResult(f);
      this.copyForPrint(f);
      if (f.initialOrder) this.write(f, f.initialOrder);
    }, this);
    this.summary.hidden = true;
    this.form.querySelectorAll('[data-action="submit"]').forEach(function (b) { b.disabled = false; });
    this.save();
    this.announce(this.t.was_reset);
  };

  /* The live region stays in the page, shown and unchanged, from start to end: only its text changes.
     The same message twice in a row differs by a no-break space, so that it is read again. */
  Quiz.prototype.announce = function (text) {
    this.live.textContent = this.live.textContent === text ? text + "\u00a0" : text;
  };

  Quiz.prototype.clearMessage = function () {
    this.live.textContent = "";
  };

  /* Navigation markers: a tick beside each module whose quizzes are all complete. */
  /* A module is done when each of its self-checks is complete (the build lists them in
     #quiz-course); without that list, when every quiz of it that has progress is complete. */
  function markNavigation(t) {
    var done = doneModules();
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      var match = /modules\/([a-z0-9-]+)(\/|\.html)(#.*)?$/.exec(link.getAttribute("href"));
      var mark = link.querySelector(".quiz-done");
      var wanted = !!(match && done[match[1]]);
      if (mark && !wanted) mark.remove();
      if (wanted && !mark) link.appendChild(el("span", { "class": "quiz-done", title: t.module_done, "aria-label": t.module_done }, "✓"));
    });
  }

  /* Which modules are done ({id: true}), by the rule above; the home page's ticks use it too. */
  function doneModules() {
    var course = readJson("#quiz-course") || {};
    var complete = {};
    var done = {};
    store.keys().forEach(function (key) {
      var state = store.get(key);
      if (stateProblem(state)) return;
      complete[key.slice(PREFIX.length)] = !!state.complete;
      (Array.isArray(state.modules) ? state.modules : []).forEach(function (m) {
        done[m] = done[m] !== false && !!state.complete;
      });
    });
    Object.keys(course).forEach(function (m) {
      done[m] = course[m].length > 0 && course[m].every(function (q) { return complete[q]; });
    });
    return done;
  }

  /* Printing: a clean worksheet, or with "print the answers" ticked, the answer key and every
     explanation (the build's <details>, opened for the print and closed again afterwards). */
  function togglePrintKey(printing) {
    document.querySelectorAll("form.quiz--enhanced").forEach(function (form) {
      var wanted = printing && form.querySelector("[data-print-key]:checked");
      form.querySelectorAll(".quiz-answer").forEach(function (details) {
        if (wanted) {
          details.hidden = false;
          details.open = true;
          details.setAttribute("data-printing", "");
        } else if (details.hasAttribute("data-printing")) {
          details.hidden = true;
          details.open = false;
          details.removeAttribute("data-printing");
        }
      });
    });
  }
  window.addEventListener("beforeprint", function () { togglePrintKey(true); });
  window.addEventListener("afterprint", function () { togglePrintKey(false); });

  /* After instant navigation the new page's content replaces the old, and the focus would stay on
     <body>: move it to the target of the address's #fragment or to the main heading, as a full
     page load would put the reader at the top of the new page. Not on the first load. */
  var loaded = false;
  function focusNewPage() {
    if (!loaded) { loaded = true; return; }
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = (id && document.getElementById(id)) || document.querySelector("article h1");
    if (!target) return;
    if (!target.hasAttribute("tabindex") && !target.matches("a[href], button, input, select, textarea")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  function start() {
    focusNewPage();
    var t = readJson("#quiz-strings") || window.__quizStrings;
    if (!t) return;
    window.__quizStrings = t; // kept across instant navigation, where only the content is replaced
    document.querySelectorAll("form.quiz:not(.quiz--enhanced)").forEach(function (form) {
      try { new Quiz(form, t); } catch (e) { form.classList.remove("quiz--enhanced"); }
    });
    markNavigation(t);
    if (window.QuizProgress) window.QuizProgress.render(store, PREFIX, t);
  }

  window.QuizEngine = { store: store, prefix: PREFIX, score: score, outOfPlace: outOfPlace, loadState: loadState, stateProblem: stateProblem, isId: isId, has: has, el: el, format: format, number: number, readAttribute: readAttribute, doneModules: doneModules };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
