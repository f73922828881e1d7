/* The participant's phone: shows the open question, sends one answer (changeable until the poll
   closes), says when it was received, and resends an answer that could not be sent. */
(function () {
  "use strict";
  var W = window.Workshop;
  var t = W.t;
  var PENDING = "workshop-pending-answer";
  var state = { poll: null, status: "", sending: false };
  var $ = function (id) { return document.getElementById(id); };

  function show(view) {
    var open = view.status === "open" || view.status === "closed";
    $("waiting").hidden = open || view.status === "paused";
    $("paused").hidden = view.status !== "paused";
    $("poll").hidden = !open;
    if (!open) { state.poll = null; return; }
    var fresh = !state.poll || state.poll.id !== view.poll.id;
    var reopened = !fresh && state.status === "closed" && view.status === "open";
    state.poll = view.poll;
    state.status = view.status;
    if (fresh) build(view.poll, view.mine);
    $("position").textContent = t("position", { position: view.position, total: view.total });
    var closed = view.status === "closed";
    $("poll").querySelectorAll("input, textarea, button").forEach(function (n) { n.disabled = closed; });
    if (closed) say(view.mine === null ? t("closed") : t("closed_counted"));
    else if (fresh || reopened) say(view.mine === null ? "" : t("received"));
  }

  function build(poll, mine) {
    $("prompt").textContent = poll.prompt;
    var box = $("choices");
    box.textContent = "";
    var text = poll.kind === "text";
    $("text-answer").hidden = !text;
    $("text").value = text && typeof mine === "string" ? mine : "";
    poll.choices.forEach(function (choice, i) {
      var id = "choice-" + i;
      var input = W.el("input", { type: poll.kind === "many" ? "checkbox" : "radio", name: "choice", id: id, value: choice.id });
      if (mine === choice.id || (Array.isArray(mine) && mine.indexOf(choice.id) >= 0)) input.checked = true;
      var label = W.el("label", { "for": id, "class": "choice" });
      label.appendChild(input);
      label.appendChild(W.el("span", {}, choice.text));
      box.appendChild(label);
    });
  }

  function chosen() {
    if (state.poll.kind === "text") return $("text").value.trim();
    var picked = Array.prototype.map.call(document.querySelectorAll("#choices input:checked"), function (n) { return n.value; });
    return state.poll.kind === "many" ? picked : (picked[0] || null);
  }

  function say(text) { $("feedback").textContent = text; }

  function send(answer) {
    var body = { poll: answer.poll, answer: answer.answer };
    localStorage.setItem(PENDING, JSON.stringify(body));
    state.sending = true;
    return W.post("/api/answer", body, { "X-CSRF-Token": W.meta("csrf-token") }).then(function (r) {
      state.sending = false;
      localStorage.removeItem(PENDING);
      if (r.ok) say(t("received"));
      else if (r.status === 403) say(t("reload")), setTimeout(function () { location.reload(); }, 1500);
      else if (r.status === 409) say(t("closed"));
      else say(t("refused", { status: String(r.status) }));
    }, function () {
      state.sending = false;
      say(t("offline"));
    });
  }

  function resend() {
    var raw = localStorage.getItem(PENDING);
    if (!raw || state.sending) return;
    try { send(JSON.parse(raw)); } catch (e) { localStorage.removeItem(PENDING); }
  }

  $("poll").addEventListener("submit", function (event) {
    event.preventDefault();
    var answer = chosen();
    if (answer === null || answer === "" || (Array.isArray(answer) && !answer.length)) {
      say(state.poll.kind === "text" ? t("write_first") : t("choose_first"));
      return;
    }
    say(t("sending"));
    send({ poll: state.poll.id, answer: answer });
  });

  W.follow("/events", show, function (s) {
    $("connection").textContent = s === "live" ? t("connected") : t("reconnecting");
    document.body.classList.toggle("offline", s !== "live");
    if (s === "live") resend();
  });
  setInterval(resend, 3000);
})();
