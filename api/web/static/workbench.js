// The workbench: YASGUI on this service's /sparql, the query kept in the address bar's
// fragment (#query=, never sent to the server: /sparql?query= is the SPARQL Protocol), the
// contract's prefixes known, result IRIs of the graph opening their pages here.
(function () {
  "use strict";
  var holder = document.getElementById("workbench");
  if (!holder || !window.Yasgui) { return; }
  var base = holder.dataset.base, local = holder.dataset.local;
  var endpoint = new URL(holder.dataset.endpoint, window.location.href).href;

  // classes and properties complete from the ontology this service holds, not from an outside
  // vocabulary service (the CSP lets the page talk to this service only)
  var terms = {};
  function termsOf(kind) {
    if (!terms[kind]) {
      var types = kind === "class" ? "owl:Class rdfs:Class" : "owl:ObjectProperty owl:DatatypeProperty rdf:Property";
      var query = "PREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nSELECT DISTINCT ?term WHERE { " +
        "GRAPH <" + base + "graph/ontology> { ?term a ?type VALUES ?type { " + types + " } } FILTER(isIRI(?term)) }";
      terms[kind] = fetch(endpoint + "?query=" + encodeURIComponent(query),
                          { headers: { Accept: "application/sparql-results+json" } })
        .then(function (answer) { return answer.json(); })
        .then(function (json) { return json.results.bindings.map(function (b) { return b.term.value; }); });
    }
    return terms[kind];
  }
  ["class", "property"].forEach(function (kind) {
    var completer = Yasgui.Yasqe.Autocompleters[kind];
    if (!completer) { return; }
    completer.get = function (_yasqe, token) {
      var wanted = ((token && token.autocompletionString) || "").toLowerCase();
      return termsOf(kind).then(function (all) {
        return all.filter(function (iri) { return iri.toLowerCase().indexOf(wanted) === 0; });
      });
    };
  });
  function fromUrl() { return new URLSearchParams(window.location.hash.slice(1)).get("query"); }
  var shared = fromUrl();
  // a resource of the graph completes from the REST lists and search, as <IRI>: type
  // <https://w3id.org/mhkg/id/actor/comen and ask for completion (Ctrl+Space)
  var ours = "<" + base + "id/";
  Yasgui.Yasqe.registerAutocompleter({
    name: "resource",
    bulk: false,
    autoShow: false,
    isValidCompletionPosition: function (yasqe) {
      var token = yasqe.getCompleteToken();
      return !!token && token.string.indexOf(ours) === 0;
    },
    get: function (_yasqe, token) {
      var typed = token.string.slice(ours.length);           // actor/comen
      var kind = typed.indexOf("/") > 0 ? typed.split("/")[0] : "";
      var words = typed.slice(kind ? kind.length + 1 : 0).replace(/[-_>]+/g, " ").trim();
      if (!words) { return Promise.resolve([]); }
      // a kind's list matches part of a name (comen: CoMensha); without a kind, the text index
      var lists = JSON.parse(holder.dataset.lists);
      var url = lists[kind] && kind !== "passage" ? local + "api/" + lists[kind] + "?limit=20&q=" : local + "api/search?limit=20&q=";
      return fetch(url + encodeURIComponent(words),
                   { headers: { Accept: "application/json" } })
        .then(function (answer) { return answer.ok ? answer.json() : { items: [] }; })
        .then(function (page) {
          return page.items.map(function (item) { return "<" + item.id + ">"; })
            .filter(function (iri) { return iri.indexOf(ours + kind) === 0; });
        });
    }
  }, true);

  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,             // the URL, not local storage, holds the query
    yasqe: { value: shared || holder.dataset.starter },
    yasr: { prefixes: JSON.parse(holder.dataset.prefixes) }
  });
  var tab = yasgui.getTab();
  tab.setQuery(shared || holder.dataset.starter);
  // Tab moves on from the editor as from every other control (YASQE's keeps it, a keyboard
  // trap); an open completion list still takes Tab, and Ctrl+] / Ctrl+[ indent
  tab.getYasqe().addKeyMap({ Tab: false, "Shift-Tab": false });

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
