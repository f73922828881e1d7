/* Shared by the three views: a live stream that reconnects, and JSON requests. No dependencies. */
(function () {
  "use strict";

  /* Follows `url` with server-sent events; calls onView with each view and onState with
     "live", "reconnecting". EventSource retries by itself; if the browser gives up (the server
     answered with an error while it restarted), a new one is opened after a pause. */
  function follow(url, onView, onState) {
    var source = null;
    var timer = null;
    function open() {
      source = new EventSource(url);
      source.onopen = function () { onState("live"); };
      source.onmessage = function (event) {
        try { onView(JSON.parse(event.data)); } catch (e) { console.warn("workshop: bad view", e); }
      };
      source.onerror = function () {
        onState("reconnecting");
        if (source.readyState === EventSource.CLOSED && !timer) {
          timer = setTimeout(function () { timer = null; open(); }, 2000);
        }
      };
    }
    open();
  }

  /* POST a JSON body; resolves {ok, status, data}; rejects only when the server could not be reached. */
  function post(url, body, headers) {
    var all = { "Content-Type": "application/json" };
    Object.keys(headers || {}).forEach(function (k) { all[k] = headers[k]; });
    return fetch(url, { method: "POST", headers: all, body: JSON.stringify(body), credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        });
      });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text; // never innerHTML: answers are the room's text
    return node;
  }

  function meta(name) {
    var node = document.querySelector('meta[name="' + name + '"]');
    return node ? node.getAttribute("content") : "";
  }

  /* The page's words, in the room's language, from the server (strings/en.yml `workshop`, translated
     by the PO files): a script writes no text of its own. */
  var strings = (function () {
    var node = document.getElementById("workshop-strings");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  })();
  var language = strings.language || document.documentElement.lang || "en";
  var numbers = window.Intl ? new Intl.NumberFormat(language) : null;
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;

  function number(n) { return numbers ? numbers.format(n) : String(n); }

  /* The string `key` with its {placeholders} filled; numbers written as the language writes them. */
  function t(key, values) {
    var text = strings[key] === undefined ? key : strings[key];
    return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      if (!values || values[name] === undefined) return whole;
      return typeof values[name] === "number" ? number(values[name]) : values[name];
    });
  }

  /* `key_one` or `key_other`, as the language's rule for `count` says (French: 0 and 1 are singular). */
  function count(key, n, values) {
    var form = plurals ? plurals.select(n) : (n === 1 ? "one" : "other");
    var all = { count: n };
    Object.keys(values || {}).forEach(function (k) { all[k] = values[k]; });
    return t(key + "_" + (form === "one" && strings[key + "_one"] !== undefined ? "one" : "other"), all);
  }

  window.Workshop = { follow: follow, post: post, el: el, meta: meta, t: t, count: count, number: number };
})();
