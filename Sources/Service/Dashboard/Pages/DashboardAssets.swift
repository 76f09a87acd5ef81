import Reports

/// The dashboard's only stylesheet and script, served from `/assets/`: no external assets.
///
/// The stylesheet adds to the reports' own (`HTMLStylesheet`, so an embedded report looks as
/// `mooring diff --output html` does) a layout that works from 360 px up and a dark palette
/// through `prefers-color-scheme`. Status is never colour alone: each badge has an icon and a word.
enum DashboardAssets {
    static let css = HTMLStylesheet.css + "\n" + """
    :root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #656d76; --line: #d0d7de; --panel: #f6f8fa;
      --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --info: #0969da; --focus: #0969da; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --panel: #161b22;
        --ok: #3fb950; --warn: #d29922; --bad: #f85149; --info: #4493f8; --focus: #4493f8; }
      th, summary { background: var(--panel); }
      pre.diff .added { background: #12361f; } pre.diff .removed { background: #4a1518; }
      .create, .health-healthy, .no-changes { color: var(--ok); }
      .configure, .drifted, .adopt, .health-progressing, .health-suspended, .warning { color: var(--warn); }
      .prune, .failed, .conflict, .health-degraded, .health-missing { color: var(--bad); }
      .kept, .info { color: var(--info); } .unchanged, .health-unknown { color: var(--muted); }
    }
    body { color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 80em; padding: 0 1em 2em; }
    a { color: var(--info); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
      outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 1em; top: .5em; background: var(--bg); padding: .3em; }
    header.top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5em;
      border-bottom: 1px solid var(--line); padding: .6em 0; }
    header.top nav a { margin-right: .8em; } .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
    th, td, details, h1 { border-color: var(--line); }
    h1 { font-size: 1.5em; } h1 .badge { font-size: .6em; vertical-align: middle; }
    .badge { display: inline-block; border: 1px solid currentColor; border-radius: 1em; padding: 0 .6em; font-weight: 600;
      white-space: nowrap; font-size: .9em; }
    .badge.ok { color: var(--ok); } .badge.warn { color: var(--warn); } .badge.bad { color: var(--bad); }
    .badge.muted { color: var(--muted); } .badge.info { color: var(--info); }
    .cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22em), 1fr)); gap: 1em; }
    .card { border: 1px solid var(--line); border-radius: 8px; padding: .8em 1em; background: var(--bg); }
    .card h2 { margin: 0 0 .4em; font-size: 1.2em; }
    .card .badges { display: flex; flex-wrap: wrap; gap: .4em; margin: .3em 0 .6em; }
    dl.facts { grid-template-columns: minmax(6em, max-content) minmax(0, 1fr); } dl.facts dd { overflow-wrap: anywhere; }
    .muted { color: var(--muted); } .error { color: var(--bad); font-weight: 600; }
    .scroll { overflow-x: auto; max-width: 100%; }
    .report table, table.objects { display: block; overflow-x: auto; max-width: 100%; }
    table.objects td { overflow-wrap: anywhere; }
    ol.timeline { list-style: none; padding: 0; border-left: 3px solid var(--line); margin-left: .5em; }
    ol.timeline li { position: relative; padding: .2em 0 .9em 1.2em; }
    ol.timeline li::before { content: ""; position: absolute; left: -.55em; top: .55em; width: .8em; height: .8em;
      border-radius: 50%; background: var(--line); }
    ol.timeline li.failed::before { background: var(--bad); } ol.timeline li.succeeded::before { background: var(--ok); }
    .side-by-side { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28em), 1fr)); gap: 1em; }
    pre.yaml { border: 1px solid var(--line); border-radius: 6px; padding: .6em; overflow-x: auto; background: var(--panel); margin: 0; }
    form.inline { display: inline; } form.stack { display: grid; gap: .5em; max-width: 32em; }
    label { font-weight: 600; } input, select, button { font: inherit; padding: .35em .6em; color: var(--fg); background: var(--bg);
      border: 1px solid var(--line); border-radius: 6px; }
    button { cursor: pointer; background: var(--panel); } button.primary { background: var(--info); color: #fff; border-color: var(--info); }
    button.danger { color: var(--bad); border-color: var(--bad); }
    .actions { display: flex; flex-wrap: wrap; gap: .5em; align-items: center; margin: .8em 0; }
    .notice { border: 1px solid var(--info); border-radius: 6px; padding: .5em .8em; }
    .notice.bad { border-color: var(--bad); }
    .live-status { position: fixed; bottom: 0; right: 0; margin: .5em; font-size: .85em; color: var(--muted); }
    @media (max-width: 40em) { body { padding: 0 .6em 2em; } h1 { font-size: 1.25em; } th, td { padding: .25em .4em; } }
    """

    /// Refreshes `<main>` when `/events` tells of the environment it shows (debounced, one
    /// request at a time), and says so in a polite live region for screen readers.
    static let javaScript = """
    "use strict";
    (function () {
      var main = document.getElementById("main");
      var status = document.getElementById("live-status");
      if (!main || !window.EventSource || !main.dataset.live) return;
      var watched = main.dataset.live, busy = false, again = false;
      function refresh() {
        if (busy) { again = true; return; }
        busy = true;
        fetch(location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : null; })
          .then(function (text) {
            if (text === null) return;
            var fresh = new DOMParser().parseFromString(text, "text/html").getElementById("main");
            if (fresh) { main.innerHTML = fresh.innerHTML; }
          })
          .catch(function () {})
          .then(function () { busy = false; if (again) { again = false; refresh(); } });
      }
      var source = new EventSource("/events");
      ["reconcile-started", "reconcile-finished", "health-changed", "drift-found", "action-taken"].forEach(function (kind) {
        source.addEventListener(kind, function (event) {
          var data = {};
          try { data = JSON.parse(event.data); } catch (e) { return; }
          if (watched !== "*" && watched !== data.environment) return;
          if (status) status.textContent = data.environment + ": " + kind.replace("-", " ");
          refresh();
        });
      });
      source.onopen = function () { if (status) status.textContent = "Live"; };
      source.onerror = function () { if (status) status.textContent = "Reconnecting…"; };
    })();
    """
}
