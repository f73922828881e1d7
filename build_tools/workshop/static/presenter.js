/* The presenter: open, close, reveal, move, pause, hide a written answer, enter counts by hand, and
   make the report. Every request carries the presenter's token in a header. */
(function () {
  "use strict";
  var W = window.Workshop;
  var t = W.t;
  var TOKEN = W.meta("presenter-token");
  var $ = function (id) { return document.getElementById(id); };
  var STATES = { ready: t("state_ready"), open: t("state_open"), closed: t("state_closed") };
  var current = null;
  var MAX_HANDS = 10000; // as room.valid_hands takes them

  function act(action, body) {
    return W.post("/api/presenter/" + action, body || {}, { "X-Presenter-Token": TOKEN }).then(function (r) {
      if (!r.ok) $("said").textContent = t("refused", { status: String(r.status) });
      return r;
    }, function () { $("said").textContent = t("unreachable"); });
  }

  function show(view) {
    var poll = view.poll;
    var pollChanged = !current || current.poll.id !== poll.id;
    current = view;
    $("position").textContent = t("position", { position: view.position, total: view.total });
    var states = [STATES[view.status]].concat(view.revealed ? [t("result_shown")] : [], view.paused ? [t("paused")] : []);
    $("state").textContent = "(" + states.join(", ") + ")";
    $("prompt").textContent = poll.prompt;
    $("count").textContent = W.count("phones", view.count);
    $("pause").hidden = view.paused;
    $("resume").hidden = !view.paused;
    var text = poll.kind === "text";
    $("counts-table").hidden = text;
    $("hands").hidden = text;
    $("moderation").hidden = !text;
    if (text) showTexts(view.result.texts);
    else showCounts(poll, view, pollChanged);
    showPolls(view.polls, view.position);
  }

  function showCounts(poll, view, rebuild) {
    var body = $("counts");
    if (rebuild) body.textContent = "";
    poll.choices.forEach(function (c, i) {
      var row = body.children[i];
      if (!row) {
        row = W.el("tr");
        var name = W.el("th", { scope: "row", id: "option-" + i }, c.text);
        var count = W.el("td", { "class": "num" });
        var cell = W.el("td");
        var input = W.el("input", { type: "number", min: "0", max: String(MAX_HANDS), inputmode: "numeric", "data-choice": c.id, "aria-labelledby": "option-" + i + " hands-label-" + i });
        var label = W.el("span", { "class": "visually-hidden", id: "hands-label-" + i }, t("counted_by_hand"));
        cell.appendChild(label);
        cell.appendChild(input);
        row.appendChild(name);
        row.appendChild(count);
        row.appendChild(cell);
        body.appendChild(row);
        if (view.hands[c.id] !== undefined) input.value = view.hands[c.id];
      }
      var mark = view.result.correct.indexOf(c.id) >= 0 ? " ✓" : "";
      row.children[1].textContent = view.result.counts[c.id] + mark;
    });
  }

  function showTexts(texts) {
    var list = $("texts");
    list.textContent = "";
    texts.forEach(function (t) {
      var item = W.el("li", { "class": t.hidden ? "hidden-answer" : "" });
      item.appendChild(W.el("span", {}, t.text));
      var button = W.el("button", { type: "button", "class": "button small-button" }, t.hidden ? W.t("show_answer") : W.t("hide_answer"));
      button.addEventListener("click", function () { act("hide", { ref: t.ref, hidden: !t.hidden }); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function showPolls(polls, position) {
    var list = $("polls");
    list.textContent = "";
    polls.forEach(function (p) {
      var item = W.el("li", p.position === position ? { "aria-current": "step" } : {});
      var button = W.el("button", { type: "button", "class": "link-button" }, p.prompt);
      button.addEventListener("click", function () { act("goto", { position: p.position }); });
      item.appendChild(button);
      item.appendChild(W.el("span", { "class": "small" }, " " + STATES[p.status]));
      list.appendChild(item);
    });
  }

  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      $("said").textContent = "";
      act(button.getAttribute("data-action"));
    });
  });

  $("hands").addEventListener("submit", function (event) {
    event.preventDefault();
    var counts = {}, wrong = false;
    document.querySelectorAll("#counts input[data-choice]").forEach(function (input) {
      if (input.value === "") return;
      var n = Number(input.value);
      wrong = wrong || !(Number.isInteger(n) && n >= 0 && n <= MAX_HANDS);
      counts[input.getAttribute("data-choice")] = n;
    });
    if (wrong || !Object.keys(counts).length) {  // said here, in the room's language, before the server refuses it
      $("said").textContent = t("hands_range", { max: MAX_HANDS });
      return;
    }
    act("hands", { counts: counts }).then(function (r) { if (r && r.ok) $("said").textContent = t("hands_saved"); });
  });

  $("report").addEventListener("click", function () {
    $("said").textContent = t("report_making");
    act("report").then(function (r) {
      if (!r || !r.ok) return;
      $("said").textContent = t("report_written");
      var list = $("report-files");
      list.textContent = "";
      r.data.files.forEach(function (name) {
        var item = W.el("li");
        item.appendChild(W.el("a", { href: "/presenter/report/" + name + "?token=" + encodeURIComponent(TOKEN), target: "_blank", rel: "noopener" }, name));
        list.appendChild(item);
      });
    });
  });

  W.follow("/events/presenter?token=" + encodeURIComponent(TOKEN), show, function (s) {
    $("connection").textContent = s === "live" ? t("connected") : t("reconnecting");
  });
})();
