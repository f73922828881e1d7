/* The projector: the current question in large type, the number of answers, and the result once
   the presenter reveals it, all on one screen (see fit). Free-text answers are set as text, never as HTML. */
(function () {
  "use strict";
  var W = window.Workshop;
  var t = W.t;
  var $ = function (id) { return document.getElementById(id); };
  var STATUS = { ready: "", open: t("status_open"), closed: t("status_closed"), paused: t("status_paused") };
  var TITLE = $("prompt").textContent; // the plan's title, until a question opens
  var COLUMNS_FROM = 7;  // options (or bars) from this many on go into two columns
  var LARGEST = 1.35;    // with room to spare, the type grows up to this much for the back of the room...
  var SMALLEST = 0.6;    // ...and is never scaled below 60% of its size...
  var SMALLEST_TEXT = 0.9; // ...nor written answers below 90%: older ones leave the screen instead
  var last = null;

  function show(view) {
    last = view;
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
    list.classList.toggle("many", !!poll && poll.choices.length >= COLUMNS_FROM);
    if (poll && !result) poll.choices.forEach(function (c) { list.appendChild(W.el("li", {}, c.text)); });
    if (result) showResult(poll, result);
    fit(poll && poll.kind === "text" ? SMALLEST_TEXT : SMALLEST);
  }

  function showResult(poll, result) {
    var bars = $("bars"), texts = $("texts");
    bars.textContent = "";
    texts.textContent = "";
    $("base").textContent = "";
    $("more").hidden = true;
    if (poll.kind === "text") {  // the newest first: if they cannot all fit, the oldest leave the screen
      result.texts.slice().reverse().forEach(function (t) { texts.appendChild(W.el("li", {}, t.text)); });
      return;
    }
    var columns = poll.choices.length >= COLUMNS_FROM;
    bars.classList.toggle("many", columns);
    bars.style.gridTemplateRows = columns ? "repeat(" + Math.ceil(poll.choices.length / 2) + ", auto)" : "";
    var people = result.respondents;  // of the people who answered, not of the ticks (several each on "choose all")
    poll.choices.forEach(function (c) {
      var n = result.counts[c.id] || 0;
      var share = people ? Math.round(100 * n / people) : 0;
      var right = result.correct.indexOf(c.id) >= 0;
      var item = W.el("li", { "class": right ? "bar-row correct" : "bar-row" });
      var label = W.el("span", { "class": "bar-label" }, c.text);
      if (right) label.appendChild(W.el("strong", { "class": "mark" }, " ✓ " + t("correct")));
      var track = W.el("span", { "class": "bar-track" });
      var fill = W.el("span", { "class": "bar-fill" });
      fill.style.inlineSize = Math.min(share, 100) + "%"; // CSSOM, allowed by the CSP (no style attribute in markup)
      track.appendChild(fill);
      item.appendChild(label);
      item.appendChild(track);
      item.appendChild(W.el("span", { "class": "bar-value" }, W.number(n) + " (" + t("percent", { share: share }) + ")"));
      bars.appendChild(item);
    });
    $("base").textContent = base(poll, people);
  }

  /* What the percentages are of, said so the room reads them right. */
  function base(poll, people) {
    return W.count(poll.kind === "many" ? "base_many" : "base", people);
  }

  /* Nobody scrolls a projector: the type starts large and scales down (the stage's --fit) until the
     question and its answers fit the window; written answers that still do not fit leave, oldest first, and a line
     says how many the presenter's screen and the report still have. */
  function fit(smallest) {
    var stage = document.querySelector(".stage");
    var scale = LARGEST;
    stage.style.setProperty("--fit", String(scale));
    while (overflows(stage) && scale > smallest) {
      scale = Math.round((scale - 0.05) * 100) / 100;
      stage.style.setProperty("--fit", String(scale));
    }
    var texts = $("texts"), left = 0;
    while (overflows(stage) && texts.children.length > 1) {
      texts.removeChild(texts.lastChild);
      left += 1;
      $("more").hidden = false;
      $("more").textContent = W.count("more", left);
    }
  }

  function overflows(node) {
    return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
  }

  var resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () { if (last) show(last); }, 100);
  });

  W.follow("/events/projector", show, function () {});
})();
