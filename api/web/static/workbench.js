// The workbench: YASGUI on this service's /sparql, the query kept in the address bar's
// fragment (#query=, never sent to the server: /sparql?query= is the SPARQL Protocol), the
// contract's prefixes known, result IRIs of the graph opening their pages here.
(function () {
  "use strict";
  var holder = document.getElementById("workbench");
  if (!holder || !window.Yasgui) { return; }
  var base = holder.dataset.base, local = holder.dataset.local;
  function fromUrl() { return new URLSearchParams(window.location.hash.slice(1)).get("query"); }
  var shared = fromUrl();
  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: new URL(holder.dataset.endpoint, window.location.href).href, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,             // the URL, not local storage, holds the query
    yasqe: { value: shared || holder.dataset.starter },
    yasr: { prefixes: JSON.parse(holder.dataset.prefixes) }
  });
  var tab = yasgui.getTab();
  tab.setQuery(shared || holder.dataset.starter);

  // our IRIs, wherever YASR draws them, open the resource's page on this service
  function localise(root) {
    root.querySelectorAll("a[href^='" + base + "']").forEach(function (a) {
      a.href = local + a.getAttribute("href").slice(base.length);
      a.removeAttribute("target");
    });
  }
  // YASGUI leaves some controls unnamed; one tab is all the URL keeps, so no "add tab" in the tab list
  function accessible(root) {
    var named = { ".autocomplete": "SPARQL endpoint", "textarea": "SPARQL query", ".tab input": "Tab name" };
    Object.keys(named).forEach(function (selector) {
      root.querySelectorAll(selector).forEach(function (el) {
        if (!el.hasAttribute("aria-label")) { el.setAttribute("aria-label", named[selector]); }
      });
    });
    root.querySelectorAll(".tabsList .addTab").forEach(function (button) { button.parentElement.remove(); });
  }
  localise(holder);
  accessible(holder);
  new MutationObserver(function () { localise(holder); accessible(holder); })
    .observe(holder, { childList: true, subtree: true });

  yasgui.on("query", function (_y, t) {
    var url = new URL(window.location.href);
    url.hash = new URLSearchParams({ query: t.getQuery() }).toString();
    window.history.replaceState(null, "", url);
  });
  // a gallery link on this page changes only the fragment: load and run its query
  window.addEventListener("hashchange", function () {
    var query = fromUrl();
    if (query && query !== tab.getQuery()) { tab.setQuery(query); tab.query(); }
  });
  if (shared) { tab.query(); }
})();
