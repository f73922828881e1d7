/* The projector: the current question in large type, the number of answers, and the result once
   the presenter reveals it. Free-text answers are set as text, never as HTML. */
(function () {
  "use strict";
  var W = window.Workshop;
  var t = W.t;
  var $ = function (id) { return document.getElementById(id); };
  var STATUS = { ready: "", open: t("status_open"), closed: t("status_closed"), paused: t("status_paused") };
  var TITLE = $("prompt").textContent; // the plan's title, until a question opens

  function show(view) {
    var poll = view.poll;
    var paused = view.status === "paused";
    $("position").textContent = poll ? t("position", { position: view.position, total: view.total }) : "";
    $("prompt").textContent = poll ? poll.prompt : paused ? t("paused") : TITLE;
    $("status").textContent = poll ? STATUS[view.status] : paused ? "" : t("waiting_next");
    $("count").textContent = W.count("answers", poll ? view.count : 0);
    var list = $("choices");
    list.textContent = "";
    var result = view.result;
    $("result").hidden = !result;
    document.body.classList.toggle("revealed", !!result);
    list.hidden = !poll || !!result || poll.kind === "text";
    if (poll && !result) poll.choices.forEach(function (c) { list.appendChild(W.el("li", {}, c.text)); });
    if (result) showResult(poll, result);
  }

  function showResult(poll, result) {
    var bars = $("bars"), texts = $("texts");
    bars.textContent = "";
    texts.textContent = "";
    if (poll.kind === "text") {
      result.texts.forEach(function (t) { texts.appendChild(W.el("li", {}, t.text)); });
      return;
    }
    var total = Object.keys(result.counts).reduce(function (s, k) { return s + result.counts[k]; }, 0);
    poll.choices.forEach(function (c) {
      var n = result.counts[c.id] || 0;
      var share = total ? Math.round(100 * n / total) : 0;
      var right = result.correct.indexOf(c.id) >= 0;
      var item = W.el("li", { "class": right ? "bar-row correct" : "bar-row" });
      var label = W.el("span", { "class": "bar-label" }, c.text);
      if (right) label.appendChild(W.el("strong", { "class": "mark" }, " ✓ " + t("correct")));
      var track = W.el("span", { "class": "bar-track" });
      var fill = W.el("span", { "class": "bar-fill" });
      fill.style.inlineSize = share + "%"; // CSSOM, allowed by the CSP (no style attribute in markup)
      track.appendChild(fill);
      item.appendChild(label);
      item.appendChild(track);
      item.appendChild(W.el("span", { "class": "bar-value" }, W.number(n) + " (" + t("percent", { share: share }) + ")"));
      bars.appendChild(item);
    });
  }

  W.follow("/events/projector", show, function () {});
})();
