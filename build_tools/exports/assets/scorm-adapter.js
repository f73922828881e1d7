/* SCORM adapter: loaded only in the SCORM package, after the quiz engine (quiz.js). It finds the
   platform's run-time by the ADL rule, reports the quiz on the page (score, status, one interaction
   per answered question) and keeps the answers in the platform's suspend data, so that a learner
   resumes where they left off. It listens to the engine's "quiz:saved" event and reads the engine's
   saved state: the engine itself is unchanged. With no run-time found (or one that refuses to
   start) it does nothing, and the page behaves exactly as on the site. It never throws.
   What stays on the device, as the course promises: reflections, and every answer to a survey (the
   platform hears only that the survey is done). Above a graded quiz it says what the platform keeps.
   SCORM 1.2 (window.API) and SCORM 2004 4th edition (window.API_1484_11) share one code path. */
(function () {
  "use strict";

  var MAX_PARENTS = 10; // the ADL rule's bounded walk up the frames
  var script = document.currentScript;
  var started = Date.now();
  var finished = false;

  /* ---- the two versions of the run-time, behind one small interface ---- */

  var SCORM12 = {
    name: "API", version: "1.2", cap: 4096,
    keys: { raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max", suspend: "cmi.suspend_data",
      time: "cmi.core.session_time", mastery: "cmi.student_data.mastery_score", status: "cmi.core.lesson_status", exit: "cmi.core.exit",
      count: "cmi.interactions._count", response: "student_response" },
    call: function (api, verb, a, b) {
      var name = { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish" }[verb];
      return verb === "get" || verb === "set" ? api[name](a, b) : api[name]("");
    },
    time: function (ms) { // HHHH:MM:SS.SS
      var s = ms / 1000;
      return pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(Math.floor(s % 60), 2) + "." + pad(Math.floor((s * 100) % 100), 2);
    },
    list: function (items) { return items.join(","); },
    pair: function (a, b) { return a + "." + b; },
    truth: function (v) { return v === "true" ? "t" : "f"; },
    wrong: "wrong",
    report: function (set, status, mastery, score) {
      if (status === "incomplete") set("cmi.core.lesson_status", "incomplete");
      else if (status === "completed") set("cmi.core.lesson_status", "completed");
      else set("cmi.core.lesson_status", score >= mastery ? "passed" : "failed");
    },
    unread: function (get) { return ["not attempted", "incomplete", "browsed", ""].indexOf(get("cmi.core.lesson_status")) >= 0; }
  };

  var SCORM2004 = {
    name: "API_1484_11", version: "2004", cap: 64000,
    keys: { raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", suspend: "cmi.suspend_data",
      time: "cmi.session_time", mastery: "cmi.scaled_passing_score", status: "cmi.completion_status", exit: "cmi.exit",
      count: "cmi.interactions._count", response: "learner_response" },
    call: function (api, verb, a, b) {
      var name = { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate" }[verb];
      return verb === "get" || verb === "set" ? api[name](a, b) : api[name]("");
    },
    time: function (ms) { return "PT" + (Math.round(ms / 10) / 100) + "S"; }, // ISO 8601 duration
    list: function (items) { return items.join("[,]"); },
    pair: function (a, b) { return a + "[.]" + b; },
    truth: function (v) { return v === "true" ? "true" : "false"; },
    wrong: "incorrect",
    report: function (set, status, mastery, score) {
      set("cmi.completion_status", status === "incomplete" ? "incomplete" : "completed");
      if (status === "graded") set("cmi.success_status", score >= mastery ? "passed" : "failed");
    },
    scaled: "cmi.score.scaled",
    unread: function (get) { return get("cmi.completion_status") !== "completed"; }
  };

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  /* The ADL rule: this window and up to MAX_PARENTS parents, then the opener and its parents. */
  function findIn(win, name) {
    for (var depth = 0; win && depth <= MAX_PARENTS; depth++) {
      try { if (win[name]) return win[name]; } catch (e) { return null; } // another origin: stop here
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function discover() {
    var order = script && script.getAttribute("data-scorm") === "2004" ? [SCORM2004, SCORM12] : [SCORM12, SCORM2004];
    var places = [window];
    try { if (window.opener) places.push(window.opener); } catch (e) { /* closed */ }
    for (var p = 0; p < places.length; p++) {
      for (var i = 0; i < order.length; i++) {
        var api = findIn(places[p], order[i].name);
        if (api) return { api: api, v: order[i] };
      }
    }
    return null;
  }

  /* ---- a session with the run-time: calls that never throw ---- */

  function Session(found) {
    this.api = found.api;
    this.v = found.v;
    this.written = {}; // question id -> interaction index in this session
    this.sent = {};    // question id -> what was last reported, so an unchanged answer is not sent again
  }

  Session.prototype.call = function (verb, a, b) {
    try { return String(this.v.call(this.api, verb, a, b)); } catch (e) { return ""; }
  };
  Session.prototype.get = function (key) { return this.call("get", key); };
  Session.prototype.set = function (key, value) { return this.call("set", key, String(value)) === "true"; };

  Session.prototype.mastery = function () {
    var lms = parseFloat(this.get(this.v.keys.mastery));
    if (!isNaN(lms) && this.get(this.v.keys.mastery) !== "") return this.v === SCORM2004 ? lms * 100 : lms;
    var packaged = parseFloat(script && script.getAttribute("data-mastery-score"));
    return isNaN(packaged) ? 80 : packaged;
  };

  Session.prototype.finish = function () {
    if (finished) return;
    finished = true;
    this.set(this.v.keys.time, this.v.time(Date.now() - started));
    this.set(this.v.keys.exit, "suspend"); // keep the suspend data: the learner resumes where they left off
    this.call("commit");
    this.call("finish");
  };

  /* ---- suspend data: every quiz on this SCO's pages, compact, newest answers kept ---- */

  /* {"quiz-id": {"s": 1 if submitted, "a": {"question-id": [fingerprint, answer, checked, seconds]}}} */
  function readSuspended(session) {
    try {
      var value = JSON.parse(session.get(session.v.keys.suspend) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) { return {}; }
  }

  function compactState(state, data) {
    var reflections = {};
    data.questions.forEach(function (q) { if (q.type === "reflection") reflections[q.id] = true; });
    var answers = {};
    Object.keys(state.answers || {}).forEach(function (id) {
      if (reflections[id]) return; // a reflection never leaves the learner's device
      var entry = state.answers[id];
      answers[id] = [entry.fp, entry.answer, entry.checked ? 1 : 0, Math.floor((Date.parse(entry.at) || Date.now()) / 1000)];
    });
    return { s: state.submitted ? 1 : 0, a: answers };
  }

  /* The newest state that fits the cap: the oldest answers are left out first, and said so. */
  function fitted(all, cap) {
    var text = JSON.stringify(all);
    var dropped = 0;
    while (text.length > cap) {
      var oldest = null;
      Object.keys(all).forEach(function (quiz) {
        Object.keys(all[quiz].a).forEach(function (id) {
          if (!oldest || all[quiz].a[id][3] < all[oldest[0]].a[oldest[1]][3]) oldest = [quiz, id];
        });
      });
      if (!oldest) return "";
      delete all[oldest[0]].a[oldest[1]];
      dropped++;
      text = JSON.stringify(all);
    }
    if (dropped) console.info("SCORM: the saved answers passed the run-time's limit of " + cap + " characters; the " + dropped + " oldest were left out.");
    return text;
  }

  /* The platform's saved answers become the engine's saved state before the engine starts. */
  function restore(session, forms) {
    var saved = readSuspended(session);
    forms.forEach(function (form) {
      var data = window.QuizEngine.readAttribute(form, "data-quiz");
      var entry = data && saved[data.id];
      if (!entry || typeof entry.a !== "object" || !entry.a) return;
      var state = { v: 1, answers: {}, submitted: entry.s === 1 };
      Object.keys(entry.a).forEach(function (id) {
        var a = entry.a[id];
        if (!Array.isArray(a) || a.length !== 4) return;
        state.answers[id] = { fp: a[0], answer: a[1], checked: a[2] === 1, at: new Date(a[3] * 1000).toISOString() };
      });
      if (state.submitted) state.submittedAt = new Date().toISOString();
      if (!window.QuizEngine.stateProblem(state)) window.QuizEngine.store.set(window.QuizEngine.prefix + data.id, state);
    });
  }

  /* ---- reporting a quiz ---- */

  function response(v, q, answer) {
    if (q.type === "true-false") return v.truth(answer);
    if (q.type === "matching") {
      return v.list(Object.keys(answer).filter(function (k) { return answer[k]; }).map(function (k) { return v.pair(k, answer[k]); }));
    }
    return Array.isArray(answer) ? v.list(answer) : String(answer);
  }

  var INTERACTION_TYPES = { single: "choice", multiple: "choice", poll: "choice", "true-false": "true-false", ordering: "sequencing", matching: "matching", likert: "likert" };

  function result(v, entry, graded) {
    if (!graded || typeof entry.score !== "number") return "neutral";
    if (entry.score === 1) return "correct";
    if (entry.score === 0) return v.wrong;
    return String(Math.round(entry.score * 100) / 100);
  }

  /* An answer counts once it is final: checked in a self-check, submitted in an assessment. */
  function answered(data, state, entry) {
    if (data.kind === "diagnostic" || data.kind === "post") return !!state.submitted;
    return !!entry.checked;
  }

  Session.prototype.interactions = function (data, state) {
    var v = this.v;
    data.questions.forEach(function (q) {
      var entry = state.answers[q.id];
      if (!entry || !INTERACTION_TYPES[q.type] || !answered(data, state, entry)) return;
      var graded = q.answer !== undefined;
      var sent = JSON.stringify([entry.answer, entry.score]);
      if (this.sent[q.id] === sent) return;
      if (this.written[q.id] === undefined) this.written[q.id] = parseInt(this.get(v.keys.count), 10) || 0;
      var at = "cmi.interactions." + this.written[q.id] + ".";
      this.set(at + "id", q.id);
      this.set(at + "type", INTERACTION_TYPES[q.type]);
      this.set(at + v.keys.response, response(v, q, entry.answer));
      this.set(at + "result", result(v, entry, graded));
      this.sent[q.id] = sent;
    }, this);
  };

  /* The status to report: passed or failed (graded) for a submitted assessment; completed for a
     finished self-check (practice, which no learner fails) and survey; else incomplete. */
  function quizStatus(data, state) {
    if (!state.complete) return "incomplete";
    return data.kind === "diagnostic" || data.kind === "post" ? "graded" : "completed";
  }

  /* A status never goes back to incomplete: a module read, then its self-check begun, stays completed. */
  Session.prototype.report = function (status, score) {
    var self = this;
    if (status === "incomplete" && !this.v.unread(function (k) { return self.get(k); })) return;
    this.v.report(function (k, value) { return self.set(k, value); }, status, this.mastery(), score);
  };

  Session.prototype.reportQuiz = function (form) {
    var data = window.QuizEngine.readAttribute(form, "data-quiz");
    if (!data) return;
    var state = window.QuizEngine.loadState(data.id);
    var graded = data.questions.filter(function (q) { return q.answer !== undefined; });
    if (data.kind === "survey") { // its answers stay on the device: only whether it is done
      this.report(quizStatus(data, state));
      this.call("commit");
      return;
    }
    this.interactions(data, state);
    var score = 0;
    if (graded.length && state.complete) {
      var total = graded.reduce(function (sum, q) { return sum + ((state.answers[q.id] && state.answers[q.id].score) || 0); }, 0);
      score = Math.round((100 * total) / graded.length);
      this.set(this.v.keys.min, "0");
      this.set(this.v.keys.max, "100");
      this.set(this.v.keys.raw, String(score));
      if (this.v.scaled) this.set(this.v.scaled, String(score / 100));
    }
    this.report(quizStatus(data, state), score);
    var all = readSuspended(this);
    all[data.id] = compactState(state, data);
    this.set(this.v.keys.suspend, fitted(all, this.v.cap));
    this.call("commit");
  };

  /* A page without a quiz (a module) is completed once read: its end has been on screen. */
  Session.prototype.watchReading = function () {
    var content = document.querySelector(".md-content article") || document.body;
    var end = document.createElement("span");
    end.setAttribute("aria-hidden", "true");
    end.className = "scorm-end-of-page";
    content.appendChild(end);
    var self = this;
    var observer = new IntersectionObserver(function (seen) {
      if (!seen.some(function (e) { return e.isIntersecting; })) return;
      observer.disconnect();
      if (self.v.unread(function (k) { return self.get(k); })) {
        self.report("completed");
        self.call("commit");
      }
    });
    observer.observe(end);
  };

  /* Above each graded quiz: what the platform keeps, since the quiz's own text speaks of the website. */
  function addNotice(forms) {
    var text = script && script.getAttribute("data-notice");
    if (!text) return;
    forms.forEach(function (form) {
      var data = window.QuizEngine.readAttribute(form, "data-quiz");
      if (!data || data.kind === "survey") return;
      var notice = window.QuizEngine.el("div", { "class": "admonition note quiz-lms-notice" }); // Material's note box
      notice.appendChild(window.QuizEngine.el("p", {}, text));
      form.parentNode.insertBefore(notice, form);
    });
  }

  function start() {
    var found = discover();
    if (!found || !window.QuizEngine) return;
    var session = new Session(found);
    if (session.call("init") !== "true") return; // refused (already finished, say): behave as on the site
    window.QuizScorm = session; // for a look from the console or a test
    var forms = Array.prototype.slice.call(document.querySelectorAll("form.quiz[data-quiz]"));
    restore(session, forms);
    addNotice(forms);
    session.report("incomplete");
    document.addEventListener("quiz:saved", function (event) {
      try { session.reportQuiz(event.target.closest("form.quiz")); } catch (e) { console.info("SCORM: not reported: " + e); }
    });
    if (!forms.length) session.watchReading();
    window.addEventListener("pagehide", function () { session.finish(); });
  }

  try { start(); } catch (e) { console.info("SCORM: the adapter stopped: " + e); }
})();
