/* talentgraph page: search, filters, details, legend. Inlined into the page by
   pyvis_render.py. Text from sources only ever reaches the DOM through textContent,
   never innerHTML, and vis-network gets no HTML tooltips. */
(function () {
  "use strict";
  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  var page = readJson("tg-page");
  var nodes = new vis.DataSet(readJson("tg-nodes"));
  var edges = new vis.DataSet(readJson("tg-edges"));
  var options = readJson("tg-options");
  var byId = function (id) { return document.getElementById(id); };
  var state = { firstDraw: null, pinned: null };

  var network = new vis.Network(byId("tg-network"), { nodes: nodes, edges: edges }, options);
  network.once("afterDrawing", function () {
    state.firstDraw = performance.now();
    document.body.setAttribute("data-drawn", "true");
  });
  function ready() { document.body.setAttribute("data-ready", "true"); }
  if (options.physics && options.physics.enabled) {
    // settle once, then freeze, so filtering does not shake the drawing
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); ready(); });
  } else {
    ready();
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // -- details ------------------------------------------------------------------------
  function sourceLine(sourceId, locator) {
    var li = el("li");
    var src = page.sources[sourceId] || {};
    var title = src.title || src.name || sourceId;
    var meta = [src.publisher, src.published].filter(Boolean).join(", ");
    li.appendChild(el("span", title + (meta ? " (" + meta + ")" : "")));
    if (locator) li.appendChild(el("span", " — " + locator));
    if (typeof src.url === "string" && /^https?:\/\//i.test(src.url)) {
      var a = el("a", " link");
      a.href = src.url; a.rel = "noopener noreferrer"; a.target = "_blank";
      li.appendChild(a);
    }
    return li;
  }

  function showDetails(d) {
    var box = byId("tg-details");
    box.replaceChildren();
    box.appendChild(el("h2", d.name));
    box.appendChild(el("div", d.type, "tg-type"));
    var dl = el("dl");
    if (d.aliases && d.aliases.length) { dl.appendChild(el("dt", "aliases")); dl.appendChild(el("dd", d.aliases.join(", "))); }
    d.fields.forEach(function (f) { dl.appendChild(el("dt", f[0])); dl.appendChild(el("dd", f[1])); });
    box.appendChild(dl);
    if (d.disputes && d.disputes.length) {
      box.appendChild(el("h3", "Disputed figures"));
      d.disputes.forEach(function (x) {
        var div = el("div", null, "tg-dispute");
        div.appendChild(el("div", x[0] + ": " + x[1]));
        if (x[4]) div.appendChild(el("div", x[4]));
        var ul = el("ul"); ul.appendChild(sourceLine(x[2], x[3])); div.appendChild(ul);
        box.appendChild(div);
      });
    }
    if (d.sources && d.sources.length) {
      box.appendChild(el("h3", "Sources"));
      var ul = el("ul");
      d.sources.forEach(function (s) { ul.appendChild(sourceLine(s[0], s[1])); });
      box.appendChild(ul);
    }
    if (page.path && page.path.nodes.length) box.appendChild(pathList());
  }

  function pathList() {
    var div = el("div");
    div.appendChild(el("h3", "Highlighted path"));
    var ol = el("ol");
    page.path.nodes.forEach(function (id) {
      var li = el("li", page.details[id] ? page.details[id].name : id, "tg-path-step");
      li.addEventListener("click", function () { focusNode(id); });
      ol.appendChild(li);
    });
    div.appendChild(ol);
    return div;
  }

  network.on("hoverNode", function (e) { if (!state.pinned) showDetails(page.details[e.node]); });
  network.on("hoverEdge", function (e) { if (!state.pinned) showDetails(page.edgeDetails[e.edge]); });
  network.on("click", function (e) {
    if (e.nodes.length) { state.pinned = e.nodes[0]; showDetails(page.details[e.nodes[0]]); }
    else if (e.edges.length) { state.pinned = e.edges[0]; showDetails(page.edgeDetails[e.edges[0]]); }
    else { state.pinned = null; }
  });

  // -- search -------------------------------------------------------------------------
  function norm(s) { return String(s).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""); }
  var index = [];
  Object.keys(page.details).forEach(function (id) {
    var d = page.details[id];
    [id, d.name].concat(d.aliases || []).forEach(function (t) { index.push([norm(t), id, d.name]); });
  });
  index.sort(function (a, b) { return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0; });
  (function fillNames() {
    var list = byId("tg-names"), seen = {};
    index.slice(0, 5000).forEach(function (row) {
      if (seen[row[2]]) return; seen[row[2]] = true;
      var opt = document.createElement("option"); opt.value = row[2]; list.appendChild(opt);
    });
  })();

  function findNode(text) {
    var key = norm(text);
    if (!key) return null;
    var exact = index.filter(function (r) { return r[0] === key; });
    if (exact.length) return exact[0][1];
    var part = index.filter(function (r) { return r[0].indexOf(key) >= 0; });
    return part.length ? part[0][1] : null;
  }

  function focusNode(id) {
    var node = nodes.get(id);
    if (node.hidden) { setStatus((page.details[id].name) + " is hidden by the filters — press Reset"); return false; }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    state.pinned = id;
    showDetails(page.details[id]);
    setStatus("found " + page.details[id].name);
    return true;
  }

  function search(text) {
    var id = findNode(text);
    if (id === null) { setStatus("no name or alias matches " + JSON.stringify(text)); return null; }
    focusNode(id);
    return id;
  }
  byId("tg-search").addEventListener("keydown", function (e) { if (e.key === "Enter") search(e.target.value); });
  byId("tg-search").addEventListener("change", function (e) { search(e.target.value); });

  // -- filters: the same rules as page_scope.filter_graph ------------------------------
  var F = page.filters;
  function addChecks(boxId, group, values) {
    var box = byId(boxId);
    values.forEach(function (v) {
      var label = el("label"), input = el("input");
      input.type = "checkbox"; input.checked = true; input.value = v; input.name = group;
      input.addEventListener("change", apply);
      label.appendChild(input); label.appendChild(document.createTextNode(" " + (v === "" ? "(unknown)" : v.replace(/_/g, " "))));
      box.appendChild(label);
    });
    if (!values.length) box.hidden = true;
  }
  addChecks("tg-kind", "kind", F.kinds);
  addChecks("tg-status-filter", "status", F.statuses);
  addChecks("tg-country", "country", F.countries);
  var slider = byId("tg-asof");
  if (F.years) { slider.min = F.years[0]; slider.max = F.years[1]; slider.value = F.years[1]; }
  else { byId("tg-year").hidden = true; }
  slider.addEventListener("input", apply);

  function checked(group, all) {
    var set = new Set();
    document.querySelectorAll('input[name="' + group + '"]').forEach(function (i) { if (i.checked) set.add(i.value); });
    return { set: set, active: set.size < all.length };
  }

  function visibleSets() {
    var kinds = checked("kind", F.kinds), statuses = checked("status", F.statuses), countries = checked("country", F.countries);
    var asOf = F.years && Number(slider.value) < F.years[1] ? Number(slider.value) : null;
    var dealFilter = kinds.active || statuses.active;
    function began(v) { return asOf === null || typeof v !== "number" || v <= asOf; }
    function countryOk(id) { return !countries.active || countries.set.has(page.facts[id][5] || ""); }
    var keep = new Set(), inDeal = new Set();
    Object.keys(page.facts).forEach(function (id) {
      var f = page.facts[id];
      if (f[0] !== "Deal") return;
      if (kinds.active && !kinds.set.has(f[1])) return;
      if (statuses.active && !statuses.set.has(f[2])) return;
      if (!began(f[3])) return;
      var parties = page.parties[id] || [];
      if (countries.active && !parties.some(countryOk)) return;
      keep.add(id);
      parties.forEach(function (p) { inDeal.add(p); });
    });
    Object.keys(page.facts).forEach(function (id) {
      var f = page.facts[id];
      if (f[0] === "Deal" || !began(f[4])) return;
      if (dealFilter && !inDeal.has(id)) return;
      if (countryOk(id) || inDeal.has(id)) keep.add(id);
    });
    var shownEdges = new Set(), linked = new Set();
    edges.forEach(function (e) {
      if (keep.has(e.from) && keep.has(e.to) && began(page.edgeBegan[e.id])) {
        shownEdges.add(e.id); linked.add(e.from); linked.add(e.to);
      }
    });
    keep.forEach(function (id) { if (!linked.has(id) && page.facts[id][6] > 0) keep.delete(id); });
    return { nodes: keep, edges: shownEdges };
  }

  function apply() {
    var vis = visibleSets();
    if (F.years) byId("tg-asof-value").textContent = slider.value;
    var nodeChanges = [], edgeChanges = [];
    nodes.forEach(function (n) { var h = !vis.nodes.has(n.id); if (!!n.hidden !== h) nodeChanges.push({ id: n.id, hidden: h }); });
    edges.forEach(function (e) { var h = !vis.edges.has(e.id); if (!!e.hidden !== h) edgeChanges.push({ id: e.id, hidden: h }); });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    var c = drawnCounts();
    setStatus(c.nodes + " of " + nodes.length + " nodes, " + c.edges + " of " + edges.length + " relationships shown");
  }

  function reset() {
    document.querySelectorAll("#tg-controls input[type=checkbox]").forEach(function (i) { i.checked = true; });
    if (F.years) slider.value = F.years[1];
    byId("tg-search").value = "";
    state.pinned = null;
    network.unselectAll();
    apply();
    network.fit({ animation: false });
  }
  byId("tg-reset").addEventListener("click", reset);

  // what vis-network itself holds as visible, so tests count what is drawn
  function drawnCounts() {
    var b = network.body;
    return {
      nodes: b.nodeIndices.filter(function (id) { return !b.nodes[id].options.hidden; }).length,
      edges: b.edgeIndices.filter(function (id) { var e = b.edges[id]; return e.options.hidden !== true && e.connected; }).length
    };
  }
  function setStatus(text) { byId("tg-status").textContent = text; }

  // -- legend -------------------------------------------------------------------------
  (function legend() {
    var box = byId("tg-legend");
    page.legend.nodes.forEach(function (n) {
      var row = el("div"), sw = el("span", null, "tg-swatch tg-shape-" + n.shape);
      sw.style.background = n.colour; row.appendChild(sw); row.appendChild(el("span", n.text)); box.appendChild(row);
    });
    page.legend.edges.forEach(function (e) {
      var row = el("div"), line = el("span", null, "tg-line");
      line.style.borderTopStyle = e.dashed ? "dashed" : "solid"; line.style.borderTopColor = e.colour;
      row.appendChild(line); row.appendChild(el("span", e.text)); box.appendChild(row);
    });
  })();

  if (page.path && page.path.nodes.length) {
    byId("tg-details").replaceChildren(pathList());
  }
  apply();
  window.talentgraph = { network: network, nodes: nodes, edges: edges, page: page, state: state,
                         search: search, apply: apply, reset: reset, drawnCounts: drawnCounts };
})();
