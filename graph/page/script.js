/* talentgraph page: time slider, labels, search, filters, neighbourhoods, paths, details,
   shareable state and PNG export. Inlined into the page by pyvis_render.py. Text from
   sources only ever reaches the DOM through textContent (never innerHTML) and the canvas
   through fillText; vis-network gets no HTML tooltips.

   page.facts[id] = [label, kind, status, first year, country, degree, class, short name,
                     amount text, importance rank]
   page.edgeFacts[edgeId] = [type, first year, stored start, stored end] */
(function () {
  "use strict";
  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  var page = readJson("tg-page");
  var nodeItems = readJson("tg-nodes"), edgeItems = readJson("tg-edges");
  var options = readJson("tg-options");
  var byId = function (id) { return document.getElementById(id); };
  var FACTS = page.facts, EF = page.edgeFacts, F = page.filters, ALL_IDS = Object.keys(FACTS);
  var ALL_LABELS_SCALE = 1.6;  // zoomed in this far, every label on screen is drawn
  var LABEL_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var GREY = "#e3e5e8";
  var MAX_LABEL_TRIES = 1500;

  var st = { asOf: null, keepUndated: false, grey: false, isolated: false, off: {}, focus: null, depth: 2,
             back: [], path: null, pinned: null, firstDraw: null, playing: null };
  ["kind", "status", "country", "cls", "type"].forEach(function (g) { st.off[g] = new Set(); });
  // claims (who said what about a deal) clutter the middle of the overview: off until asked for,
  // from the legend, a search, a link in the details, the URL hash (claims=1), or a path through one
  var CLAIM = "claim";
  var claimIds = ALL_IDS.filter(function (id) { return FACTS[id][6] === CLAIM; });
  var claimsByDefault = claimIds.length > 0 && !page.paths.some(function (p) {
    return p.nodes.some(function (id) { return FACTS[id] && FACTS[id][6] === CLAIM; });
  });
  function defaultFilters() { if (claimsByDefault) st.off.cls.add(CLAIM); }
  defaultFilters();

  // -- adjacency, as drawn ------------------------------------------------------------
  var adj = {}, edgeList = edgeItems, original = {};
  ALL_IDS.forEach(function (id) { adj[id] = []; });
  edgeList.forEach(function (e) { adj[e.from].push([e.id, e.to]); adj[e.to].push([e.id, e.from]); });
  // with physics, what starts hidden (the claims, and what only claims are about) is left out
  // of the simulation, so the drawing has no hole where they would be; shown later, each is
  // placed by its neighbours (placeNew)
  var unplaced = new Set();
  if (claimsByDefault && options.physics && options.physics.enabled) {
    claimIds.forEach(function (id) { unplaced.add(id); });
    ALL_IDS.forEach(function (id) {
      if (adj[id].length && adj[id].every(function (a) { return FACTS[a[1]][6] === CLAIM; })) unplaced.add(id);
    });
    nodeItems.forEach(function (n) { if (unplaced.has(n.id)) { n.hidden = true; n.physics = false; } });
    edgeItems.forEach(function (e) { if (unplaced.has(e.from) || unplaced.has(e.to)) e.physics = false; });
  }
  var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
  nodes.forEach(function (n) { original[n.id] = n.color; });
  var byRank = Object.keys(FACTS).sort(function (a, b) { return FACTS[a][9] - FACTS[b][9]; });

  var network = new vis.Network(byId("tg-network"), { nodes: nodes, edges: edges }, options);
  network.once("afterDrawing", function () {
    st.firstDraw = performance.now();
    document.body.setAttribute("data-drawn", "true");
  });
  function ready() { document.body.setAttribute("data-ready", "true"); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function name(id) { return page.details[id] ? page.details[id].name : id; }
  function link(id, text) {
    var b = el("button", text === undefined ? name(id) : text, "tg-link");
    b.type = "button";
    b.addEventListener("click", function () { jumpTo(id); });
    return b;
  }
  function typeWords(t) {
    var found = page.legend.edges.filter(function (x) { return x.type === t; });
    return found.length ? found[0].text : String(t).replace(/_/g, " ").toLowerCase();
  }

  // -- labels: by importance, never over another node; all of them when zoomed in -----
  var widths = {};
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_FONT;
  function textWidth(t) { var w = widths[t]; if (w === undefined) { w = measure.measureText(t).width; widths[t] = w; } return w; }
  function overlaps(grid, box, cell, self) {
    for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
      for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
        var list = grid.get(gx * 65536 + gy);
        if (!list) continue;
        for (var i = 0; i < list.length; i++) {
          var o = list[i];
          if (o[4] !== self && o[0] < box[2] && o[2] > box[0] && o[1] < box[3] && o[3] > box[1]) return true;
        }
      }
    }
    return false;
  }
  function insert(grid, box, cell) {
    for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
      for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
        var k = gx * 65536 + gy, list = grid.get(k);
        if (list) list.push(box); else grid.set(k, [box]);
      }
    }
  }
  st.labels = [];
  function drawLabels(ctx) {
    var scale = network.getScale(), all = scale >= ALL_LABELS_SCALE;
    var canvas = ctx.canvas, w = canvas.clientWidth, h = canvas.clientHeight, pr = canvas.width / (w || 1);
    var body = network.body, cell = 40, grid = new Map(), onScreen = [];
    for (var i = 0; i < byRank.length; i++) {
      var id = byRank[i], n = body.nodes[id];
      if (!n || n.options.hidden) continue;
      var p = network.canvasToDOM({ x: n.x, y: n.y }), r = Math.max(3, n.options.size * scale);
      if (p.x < -r || p.y < -r || p.x > w + r || p.y > h + r) continue;
      var box = [p.x - r, p.y - r, p.x + r, p.y + r, id];
      insert(grid, box, cell);
      onScreen.push([id, p, r]);
    }
    var drawn = [];
    // the most important on-screen nodes are tried, at most MAX_LABEL_TRIES: at overview of a
    // large graph few fit anyway; zoomed in, few nodes are on screen, so every one is tried
    if (onScreen.length > MAX_LABEL_TRIES) onScreen.length = MAX_LABEL_TRIES;
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.font = LABEL_FONT; ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineJoin = "round"; ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)";
    onScreen.forEach(function (o) {
      var f = FACTS[o[0]], lines = [f[7]];
      if (f[8]) lines.push(f[8]);
      if (st.asOf !== null && f[3] === null) lines.push("(undated)");
      var lw = Math.max.apply(null, lines.map(textWidth)), lh = 14 * lines.length;
      // kept inside the canvas, so a label near the edge is not cut off
      var left = Math.min(Math.max(o[1].x - lw / 2, 2), Math.max(2, w - lw - 2));
      var top = Math.min(o[1].y + o[2] + 2, h - lh - 2);
      var box = [left, top, left + lw, top + lh, o[0]];
      if (!all && overlaps(grid, box, cell, o[0])) return;
      insert(grid, box, cell);
      var grey = st.greyed && st.greyed.has(o[0]);
      lines.forEach(function (t, k) {
        var cx = (box[0] + box[2]) / 2;
        ctx.strokeText(t, cx, box[1] + 14 * k);
        ctx.fillStyle = grey ? "#9aa0a6" : (k === 0 ? "#1a1a1a" : "#6b3d00");
        ctx.fillText(t, cx, box[1] + 14 * k);
      });
      drawn.push({ id: o[0], box: box.slice(0, 4), lines: lines });
    });
    ctx.restore();
    st.labels = drawn;
  }
  function drawPath(ctx) {
    if (!st.path || !st.path.ids) return;
    var body = network.body, ids = st.path.ids;
    ctx.save();
    ctx.strokeStyle = "rgba(0,0,0,0.55)"; ctx.lineWidth = 7 / network.getScale() > 14 ? 14 : 7 / network.getScale();
    ctx.lineCap = "round"; ctx.beginPath();
    ids.forEach(function (id, i) {
      var n = body.nodes[id];
      if (!n) return;
      if (i === 0) ctx.moveTo(n.x, n.y); else ctx.lineTo(n.x, n.y);
    });
    ctx.stroke();
    ctx.restore();
  }
  // large pages: vis-network's arrowheads cost seconds per frame (it searches each node's
  // outline), so they are off and a small head is drawn mid-edge, for edges on screen, once
  // zoomed in far enough to see them
  var ownArrows = !(options.edges && options.edges.arrows && options.edges.arrows.to && options.edges.arrows.to.enabled);
  function drawArrows(ctx) {
    var scale = network.getScale();
    if (!ownArrows || scale < 0.35) return;
    var body = network.body, tl = network.DOMtoCanvas({ x: 0, y: 0 });
    var c = ctx.canvas, br = network.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight }), size = 7 / scale;
    ctx.save();
    body.edgeIndices.forEach(function (id) {
      var e = body.edges[id], a = body.nodes[e.fromId], b = body.nodes[e.toId];
      if (!a || !b) return;
      var mx = a.x + (b.x - a.x) * 0.6, my = a.y + (b.y - a.y) * 0.6;
      if (mx < tl.x || my < tl.y || mx > br.x || my > br.y) return;
      var ang = Math.atan2(b.y - a.y, b.x - a.x);
      ctx.fillStyle = (e.options.color && e.options.color.color) || "#777";
      ctx.beginPath();
      ctx.moveTo(mx + Math.cos(ang) * size, my + Math.sin(ang) * size);
      ctx.lineTo(mx + Math.cos(ang + 2.5) * size, my + Math.sin(ang + 2.5) * size);
      ctx.lineTo(mx + Math.cos(ang - 2.5) * size, my + Math.sin(ang - 2.5) * size);
      ctx.fill();
    });
    ctx.restore();
  }
  network.on("afterDrawing", function (ctx) { drawArrows(ctx); drawPath(ctx); drawLabels(ctx); });

  // large pages: vis-network strokes every relationship and fills every node on a path of its
  // own (2.4 s a frame at 20,000 nodes, and a filter click is a frame); here they are drawn in
  // one path per colour. Nodes smaller than BATCH_PX on screen, whose shapes cannot be told
  // apart anyway, become squares of their colour; larger, hovered and selected nodes and
  // selected or hovered relationships are still drawn by vis-network, so they look the same.
  var BATCH_PX = 3, MIN_SIZE = 8;
  function viewBox(pad) {
    var c = network.canvas.frame.canvas, a = network.DOMtoCanvas({ x: -pad, y: -pad });
    var b = network.DOMtoCanvas({ x: c.clientWidth + pad, y: c.clientHeight + pad });
    return [a.x, a.y, b.x, b.y];
  }
  function outside(box, ax, ay, bx, by) {
    return (ax < box[0] && bx < box[0]) || (ax > box[2] && bx > box[2]) || (ay < box[1] && by < box[1]) || (ay > box[3] && by > box[3]);
  }
  function edgeKey(e) {
    var o = e.options, c = o.color || {};
    return [c.color || "#848484", c.opacity === undefined ? 1 : c.opacity, o.width || 1, o.dashes ? String(o.dashes) : ""].join("|");
  }
  function sortedGroups(groups) {
    return Array.from(groups.entries()).sort(function (a, b) { return b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1); });
  }
  function batchedDrawing(renderer) {
    var body = network.body, drawNodes = renderer._drawNodes.bind(renderer);
    renderer._drawEdges = function (ctx) {
      var box = viewBox(20), groups = new Map(), single = [], ids = body.edgeIndices, minWidth = 0.3 / network.getScale();
      for (var i = 0; i < ids.length; i++) {
        var e = body.edges[ids[i]];
        if (e.connected !== true) continue;
        if (e.selected || e.hover) { single.push(e); continue; }
        var a = body.nodes[e.fromId], b = body.nodes[e.toId];
        if (!a || !b || outside(box, a.x, a.y, b.x, b.y)) continue;
        var key = e.tgKey || (e.tgKey = edgeKey(e)), g = groups.get(key);
        if (!g) { g = []; groups.set(key, g); }
        g.push(a.x, a.y, b.x, b.y);
      }
      ctx.save();
      // the commonest colour first, so the rarer ones (a failed bid's dashes) stay on top
      sortedGroups(groups).forEach(function (entry) {
        var pts = entry[1], part = entry[0].split("|");
        ctx.strokeStyle = part[0]; ctx.globalAlpha = Number(part[1]);
        ctx.lineWidth = Math.max(Number(part[2]), minWidth);
        ctx.setLineDash(part[3] ? part[3].split(",").map(Number) : []);
        ctx.beginPath();
        for (var j = 0; j < pts.length; j += 4) { ctx.moveTo(pts[j], pts[j + 1]); ctx.lineTo(pts[j + 2], pts[j + 3]); }
        ctx.stroke();
      });
      ctx.restore();
      single.forEach(function (e) { e.draw(ctx); });
    };
    renderer._drawNodes = function (ctx, alwaysShow) {
      var scale = network.getScale();
      if (alwaysShow || MIN_SIZE * scale >= BATCH_PX) return drawNodes(ctx, alwaysShow);
      var box = viewBox(20), groups = new Map(), big = [], marked = [], ids = body.nodeIndices;
      for (var i = 0; i < ids.length; i++) {
        var n = body.nodes[ids[i]];
        // vis-network finds the node under the pointer by its shape's box, which drawing updates
        if (n.tgX !== n.x || n.tgY !== n.y) {
          n.updateBoundingBox(ctx, n.selected);
          n.shape.left = n.x - n.shape.width / 2; n.shape.top = n.y - n.shape.height / 2;
          n.tgX = n.x; n.tgY = n.y;
        }
        if (n.hover || n.isSelected()) { marked.push(n); continue; }
        var r = n.options.size;
        if (outside(box, n.x - r, n.y - r, n.x + r, n.y + r)) continue;
        if (r * scale >= BATCH_PX) { big.push(n); continue; }
        var c = n.options.color, key = (c && c.background || "#97C2FC") + "|" + (n.options.opacity === undefined ? 1 : n.options.opacity);
        var g = groups.get(key);
        if (!g) { g = []; groups.set(key, g); }
        g.push(n.x - r, n.y - r, 2 * r);
      }
      ctx.save();
      var least = 1.5 / scale;  // at least 1.5 screen pixels, as vis-network's own outline makes them
      sortedGroups(groups).forEach(function (entry) {
        var sq = entry[1], part = entry[0].split("|");
        ctx.fillStyle = part[0]; ctx.globalAlpha = Number(part[1]);
        ctx.beginPath();
        for (var j = 0; j < sq.length; j += 3) {
          var side = Math.max(sq[j + 2], least), off = (side - sq[j + 2]) / 2;
          ctx.rect(sq[j] - off, sq[j + 1] - off, side, side);
        }
        ctx.fill();
      });
      ctx.restore();
      big.concat(marked).forEach(function (n) { n.draw(ctx); });
      return { drawExternalLabels: function () {} };
    };
    renderer._drawArrows = function () {};  // vis-network's are off on large pages (drawArrows draws ours)
  }
  if (ownArrows) batchedDrawing(network.renderer);

  // -- tooltip: the full name on hover --------------------------------------------------
  var tip = byId("tg-tooltip");
  network.on("hoverNode", function (e) {
    tip.textContent = name(e.node) + (FACTS[e.node][8] ? " — " + FACTS[e.node][8] : "");
    tip.style.left = (e.pointer.DOM.x + 12) + "px"; tip.style.top = (e.pointer.DOM.y + 12) + "px";
    tip.hidden = false;
    if (!st.pinned) showDetails(e.node);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("hoverEdge", function (e) { if (!st.pinned) showEdge(e.edge); });

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
  function detailsBox() { var box = byId("tg-details-body"); box.replaceChildren(); return box; }
  function fieldList(box, d) {
    var dl = el("dl");
    if (d.aliases && d.aliases.length) { dl.appendChild(el("dt", "aliases")); dl.appendChild(el("dd", d.aliases.join(", "))); }
    d.fields.forEach(function (f) {
      dl.appendChild(el("dt", f[0]));
      var dd = el("dd", f[1]);
      (f[2] || []).forEach(function (s) {
        var src = page.sources[s[0]] || {};
        dd.appendChild(el("small", "source: " + (src.title || src.name || s[0]) + (s[1] ? " — " + s[1] : "")));
      });
      dl.appendChild(dd);
    });
    box.appendChild(dl);
  }
  function common(box, d) {
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
  }
  function field(edgeId, key) {
    var rows = page.edgeDetails[edgeId].fields.filter(function (f) { return f[0] === key; });
    return rows.length ? rows[0][1] : null;
  }
  function talentPath(id) {
    var steps = adj[id].map(function (a) {
      var e = EF[a[0]], from = field(a[0], "from"), to = field(a[0], "to"), role = field(a[0], "role");
      var when = from || e[1] ? String(from || e[1]) + (to ? "–" + to : "") : (to ? "until " + to : "undated");
      var what = e[0] === "MOVED" ? "moved with" : typeWords(e[0]) + (role ? " (" + role + ")" : "");
      return { year: e[1] === null ? 9999 : e[1], when: when, what: what, other: a[1] };
    });
    steps.sort(function (a, b) { return a.year - b.year || (name(a.other) < name(b.other) ? -1 : 1); });
    var ol = el("ol");
    steps.forEach(function (s) {
      var li = el("li", s.when + ": " + s.what + " ");
      li.appendChild(link(s.other)); ol.appendChild(li);
    });
    return ol;
  }
  function dealParties(box, id) {
    var groups = { TARGET: "Target", ACQUIRER: "Acquirer", MOVED: "People who moved" };
    Object.keys(groups).forEach(function (t) {
      var who = adj[id].filter(function (a) { return EF[a[0]][0] === t && EF[a[0]][2] === id; });
      if (!who.length) return;
      box.appendChild(el("h3", groups[t]));
      var ul = el("ul");
      who.forEach(function (a) { var li = el("li"); li.appendChild(link(a[1])); ul.appendChild(li); });
      box.appendChild(ul);
    });
  }
  function showDetails(id) {
    var d = page.details[id], f = FACTS[id];
    if (!d) return;
    var box = detailsBox();
    box.appendChild(el("h2", d.name));
    box.appendChild(el("div", d.type, "tg-type"));
    fieldList(box, d);
    if (f[0] === "Deal") dealParties(box, id);
    if (f[0] === "Person" && adj[id].length) { box.appendChild(el("h3", "Talent path")); box.appendChild(talentPath(id)); }
    if (adj[id].length) {
      box.appendChild(el("h3", "Connections (" + adj[id].length + ")"));
      var ul = el("ul");
      adj[id].slice().sort(function (a, b) { return name(a[1]) < name(b[1]) ? -1 : 1; }).forEach(function (a) {
        var e = edges.get(a[0]), li = el("li", (e.from === id ? "→ " : "← ") + typeWords(EF[a[0]][0]) + ": ");
        li.appendChild(link(a[1])); ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    common(box, d);
    if (page.paths.length && st.path === null) box.appendChild(pathHint());
  }
  function showEdge(edgeId) {
    var d = page.edgeDetails[edgeId], e = edges.get(edgeId);
    if (!d) return;
    var box = detailsBox();
    box.appendChild(el("h2", d.name));
    box.appendChild(el("div", d.type, "tg-type"));
    var ends = el("p");
    ends.appendChild(link(e.from)); ends.appendChild(document.createTextNode(" → ")); ends.appendChild(link(e.to));
    box.appendChild(ends);
    fieldList(box, d);
    common(box, d);
  }
  function pathHint() {
    var p = el("p", "Highlighted: " + page.paths.length + " shortest path(s) — listed under Paths.", "tg-note");
    return p;
  }
  // on a phone the details drawer opens a moment after a tap, unless the tap was the first of a double tap
  var drawerTimer = null;
  function openDetailsSoon() { clearTimeout(drawerTimer); drawerTimer = setTimeout(function () { openDrawer("tg-details"); }, 350); }
  network.on("click", function (e) {
    if (e.nodes.length) { st.pinned = e.nodes[0]; showDetails(e.nodes[0]); openDetailsSoon(); }
    else if (e.edges.length) { st.pinned = e.edges[0]; showEdge(e.edges[0]); openDetailsSoon(); }
    else { st.pinned = null; }
  });
  network.on("doubleClick", function (e) {
    clearTimeout(drawerTimer);
    if (e.nodes.length) focus(e.nodes[0], Number(byId("tg-depth").value));
  });

  // -- search -------------------------------------------------------------------------
  function norm(s) { return String(s).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""); }
  var index = [];
  Object.keys(page.details).forEach(function (id) {
    var d = page.details[id];
    [id, d.name].concat(d.aliases || []).forEach(function (t) { index.push([norm(t), id, d.name]); });
  });
  index.sort(function (a, b) { return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[1] < b[1] ? -1 : 1; });
  (function fillNames() {
    var list = byId("tg-names"), seen = {};
    index.slice(0, 5000).forEach(function (row) {
      if (seen[row[2]]) return; seen[row[2]] = true;
      var opt = document.createElement("option"); opt.value = row[2]; list.appendChild(opt);
    });
  })();
  function matches(text, limit) {
    var key = norm(text), out = [], seen = {};
    if (!key) return out;
    index.forEach(function (r) { if (r[0] === key && !seen[r[1]]) { seen[r[1]] = 1; out.push(r[1]); } });
    index.forEach(function (r) { if (out.length < limit && r[0].indexOf(key) >= 0 && !seen[r[1]]) { seen[r[1]] = 1; out.push(r[1]); } });
    return out.slice(0, limit);
  }
  function findNode(text) {
    if (text !== null && text !== undefined && FACTS[text]) return text;
    var m = matches(String(text), 1);
    return m.length ? m[0] : null;
  }
  function jumpTo(id) {
    if (!FACTS[id]) return false;
    var node = network.body.nodes[id].options;
    if (node.hidden && claimsByDefault && st.off.cls.has(CLAIM)) {
      // a claim, or what only claims are about (Manus, Baidu in the article): shown with the claims
      st.off.cls.delete(CLAIM);
      if (visibleSets().nodes.has(id)) showClaims(); else st.off.cls.add(CLAIM);
    }
    st.pinned = id;
    showDetails(id);
    openDrawer("tg-details");
    if (node.hidden) { setStatus(name(id) + " is hidden by the filters — press Reset"); return false; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    setStatus("found " + name(id));
    return true;
  }
  function search(text) {
    var id = findNode(text);
    if (id === null) { setStatus("no name or alias matches " + JSON.stringify(text)); return null; }
    jumpTo(id);
    return id;
  }
  var searchBox = byId("tg-search"), results = byId("tg-results");
  function showResults() {
    results.replaceChildren();
    matches(searchBox.value, 8).forEach(function (id) {
      var li = el("li"), b = el("button", name(id) + " · " + FACTS[id][0]);
      b.type = "button";
      b.addEventListener("click", function () { results.replaceChildren(); jumpTo(id); });
      li.appendChild(b); results.appendChild(li);
    });
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { results.replaceChildren(); search(e.target.value); }
    if (e.key === "ArrowDown" && results.firstChild) { e.preventDefault(); results.querySelector("button").focus(); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") reset(); });

  // -- filters ------------------------------------------------------------------------
  function addChecks(boxId, group, values, render) {
    var box = byId(boxId);
    values.forEach(function (v) {
      var row = el("div", null, "tg-check"), label = el("label"), input = el("input");
      input.type = "checkbox"; input.checked = !st.off[group].has(v === null ? "" : v); input.value = v === null ? "" : v; input.name = group;
      input.addEventListener("change", function () {
        if (input.checked) st.off[group].delete(input.value); else st.off[group].add(input.value);
        apply(true);
      });
      label.appendChild(input);
      if (render) render(label, v); else label.appendChild(document.createTextNode(v === "" ? "(unknown)" : v.replace(/_/g, " ")));
      var only = el("button", "only", "tg-only");
      only.type = "button";
      only.setAttribute("aria-label", "only " + label.textContent.trim());
      only.addEventListener("click", function () { onlyThis(group, input.value); });
      row.appendChild(label); row.appendChild(only); box.appendChild(row);
    });
    if (!values.length) box.hidden = true;
  }
  function syncChecks() {
    document.querySelectorAll("#tg-controls input[type=checkbox]").forEach(function (i) {
      if (i.name && st.off[i.name]) i.checked = !st.off[i.name].has(i.value);
    });
  }
  function showClaims() { st.off.cls.delete(CLAIM); syncChecks(); apply(false); }
  function onlyThis(group, value) {
    document.querySelectorAll('input[name="' + group + '"]').forEach(function (i) {
      i.checked = i.value === value;
      if (i.checked) st.off[group].delete(i.value); else st.off[group].add(i.value);
    });
    apply(true);
  }
  addChecks("tg-kind", "kind", F.kinds);
  addChecks("tg-status-filter", "status", F.statuses);
  addChecks("tg-country", "country", F.countries);
  addChecks("tg-legend-nodes", "cls", page.legend.nodes.map(function (n) { return n.cls; }), function (label, cls) {
    var n = page.legend.nodes.filter(function (x) { return x.cls === cls; })[0];
    var sw = el("span", null, "tg-swatch tg-shape-" + n.shape); sw.style.background = n.colour;
    label.appendChild(sw); label.appendChild(el("span", n.text));
  });
  var edgeTypes = page.legend.edges.filter(function (x) { return x.type !== null; });
  addChecks("tg-legend-edges", "type", edgeTypes.map(function (x) { return x.type; }), function (label, t) {
    var x = edgeTypes.filter(function (y) { return y.type === t; })[0];
    var line = el("span", null, "tg-line"); line.style.borderTopStyle = "solid"; line.style.borderTopColor = x.colour;
    label.appendChild(line); label.appendChild(el("span", x.text));
  });
  page.legend.edges.filter(function (x) { return x.type === null; }).forEach(function (x) {
    var row = el("div", null, "tg-check"), line = el("span", null, "tg-line");
    line.style.borderTopStyle = "dashed"; line.style.borderTopColor = x.colour;
    row.appendChild(line); row.appendChild(el("span", x.text)); byId("tg-legend-edges").appendChild(row);
  });
  byId("tg-size-note").textContent = page.legend.size + " Arrows follow the talent story: founder → startup → deal → acquirer → new role.";
  byId("tg-isolated-count").textContent = page.isolated;
  if (!page.isolated) byId("tg-isolated").parentNode.parentNode.hidden = true;

  var slider = byId("tg-asof");
  if (F.years) { slider.min = F.years[0]; slider.max = F.years[1]; slider.value = F.years[1]; }
  else { byId("tg-year").hidden = true; }
  slider.addEventListener("input", function () { st.asOf = Number(slider.value); apply(true); });
  byId("tg-undated").addEventListener("change", function (e) { st.keepUndated = e.target.checked; apply(true); });
  byId("tg-grey").addEventListener("change", function (e) { st.grey = e.target.checked; apply(true); });
  byId("tg-isolated").addEventListener("change", function (e) { st.isolated = e.target.checked; apply(true); });
  byId("tg-play").addEventListener("click", function () { if (st.playing) stopPlay(); else play(); });
  function play() {
    if (!F.years) return;
    var b = byId("tg-play");
    b.textContent = "Pause"; b.setAttribute("aria-pressed", "true");
    var year = st.asOf === null || st.asOf >= F.years[1] ? F.years[0] : st.asOf + 1;
    function step() {
      setAsOf(year);
      if (year >= F.years[1]) { stopPlay(); return; }
      year += 1;
    }
    step();
    st.playing = setInterval(step, 800);
  }
  function stopPlay() {
    clearInterval(st.playing); st.playing = null;
    var b = byId("tg-play"); b.textContent = "Play"; b.setAttribute("aria-pressed", "false");
  }

  function existed(year) { return year === null ? st.keepUndated : year <= st.asOf; }
  // the same rules as graph/page/scope.py's filter_graph, plus the legend, isolated nodes and focus
  function visibleSets() {
    var off = st.off, timed = st.asOf !== null;
    var kindsOn = off.kind.size > 0, statusOn = off.status.size > 0, countryOn = off.country.size > 0;
    var dealFilter = kindsOn || statusOn;
    var greyed = new Set();
    function alive(id) {
      if (!timed || existed(FACTS[id][3])) return true;
      if (st.grey) { greyed.add(id); return true; }
      return false;
    }
    function countryOk(id) { return !countryOn || !off.country.has(FACTS[id][4] || ""); }
    var keep = new Set(), inDeal = new Set(), ids = ALL_IDS;
    ids.forEach(function (id) {
      var f = FACTS[id];
      if (f[0] !== "Deal") return;
      if (kindsOn && off.kind.has(f[1] || "")) return;
      if (statusOn && off.status.has(f[2] || "")) return;
      if (!alive(id)) return;
      var parties = page.parties[id] || [];
      if (countryOn && !parties.some(countryOk)) return;
      keep.add(id);
      parties.forEach(function (p) { inDeal.add(p); });
    });
    ids.forEach(function (id) {
      var f = FACTS[id];
      if (f[0] === "Deal" || !alive(id)) return;
      if (dealFilter && !inDeal.has(id)) return;
      if (countryOk(id) || inDeal.has(id)) keep.add(id);
    });
    ids.forEach(function (id) { if (off.cls.has(FACTS[id][6])) keep.delete(id); });
    var shownEdges = new Set(), linked = new Set();
    edgeList.forEach(function (e) {
      var ef = EF[e.id];
      if (!keep.has(e.from) || !keep.has(e.to) || off.type.has(ef[0])) return;
      if (timed && ef[1] !== null && ef[1] > st.asOf) { if (!st.grey) return; greyed.add(e.id); }
      shownEdges.add(e.id); linked.add(e.from); linked.add(e.to);
    });
    keep.forEach(function (id) {
      if (!linked.has(id) && (FACTS[id][5] > 0 || !st.isolated)) keep.delete(id);
    });
    if (st.focus !== null && keep.has(st.focus)) {
      var near = new Set([st.focus]), frontier = [st.focus];
      for (var d = 0; d < st.depth; d++) {
        var next = [];
        frontier.forEach(function (id) {
          adj[id].forEach(function (a) {
            if (shownEdges.has(a[0]) && !near.has(a[1])) { near.add(a[1]); next.push(a[1]); }
          });
        });
        frontier = next;
      }
      keep = near;
      shownEdges.forEach(function (id) { var e = edges.get(id); if (!near.has(e.from) || !near.has(e.to)) shownEdges.delete(id); });
    }
    return { nodes: keep, edges: shownEdges, greyed: greyed };
  }

  // hiding goes straight to vis-network's own nodes and edges: a DataSet update of
  // thousands of items costs seconds, this costs milliseconds (colours still go through the DataSet)
  var wasGreyed = new Set();
  var GOLDEN = 2.39996, PLACE_GAP = 45;
  function placeNew(v) {
    var body = network.body, pending = Array.from(unplaced).filter(function (id) { return v.nodes.has(id); }).sort();
    for (var pass = 0; pass < 3 && pending.length; pass++) {
      pending = pending.filter(function (id, i) {
        var sx = 0, sy = 0, k = 0;
        adj[id].forEach(function (a) {
          if (!unplaced.has(a[1])) { var m = body.nodes[a[1]]; sx += m.x; sy += m.y; k++; }
        });
        if (!k) return true;
        // the middle of its neighbours, turned by the golden angle so that two claims about the same pair part
        var n = body.nodes[id], turn = (pass * 7 + i) * GOLDEN;
        n.x = sx / k + PLACE_GAP * Math.cos(turn); n.y = sy / k + PLACE_GAP * Math.sin(turn);
        unplaced.delete(id);
        return false;
      });
    }
  }
  function apply(refit) {
    var v = visibleSets(), body = network.body, changed = false;
    if (unplaced.size) placeNew(v);
    st.greyed = v.greyed;
    var colourChanges = [];
    ALL_IDS.forEach(function (id) {
      var n = body.nodes[id], h = !v.nodes.has(id), g = v.greyed.has(id);
      if (n && n.options.hidden !== h) { n.options.hidden = h; changed = true; }
      if (g !== wasGreyed.has(id)) colourChanges.push({ id: id, color: g ? GREY : original[id] });
    });
    edgeList.forEach(function (e) {
      var edge = body.edges[e.id], h = !v.edges.has(e.id);
      if (edge && edge.options.hidden !== h) { edge.options.hidden = h; changed = true; }
    });
    wasGreyed = v.greyed;
    if (colourChanges.length) nodes.update(colourChanges);
    if (changed) network._updateVisibleIndices();
    describe(v);
    // one frame per click: a refit draws the new view, otherwise the change is drawn here
    if (refit) fitVisible(v.nodes); else if (changed) network.redraw();
    saveHash();
  }
  // vis-network's fit, then a zoom out for the margin, drew two frames; this is one move
  function fitVisible(set) {
    var ids = set ? Array.from(set) : visibleNodeIds(), body = network.body, c = network.canvas.frame.canvas;
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      var n = body.nodes[id];
      if (!n) return;
      var r = n.options.size || 0;
      if (n.x - r < x0) x0 = n.x - r; if (n.x + r > x1) x1 = n.x + r;
      if (n.y - r < y0) y0 = n.y - r; if (n.y + r > y1) y1 = n.y + r;
    });
    if (x0 === Infinity || !c.clientWidth || !c.clientHeight) return;
    // at most vis-network's own fit zoom (1), and a margin for the labels under the nodes at the rim
    var scale = Math.min(1, c.clientWidth / Math.max(x1 - x0, 1), c.clientHeight / Math.max(y1 - y0, 1)) * 0.9;
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }
  function describe(v) {
    var shown = v.nodes.size, total = nodes.length, title = page.title;
    var notes = [];
    if (st.asOf !== null) {
      title += " — as of " + st.asOf;
      byId("tg-asof-value").textContent = st.asOf;
      notes.push(F.undated + " undated item" + (F.undated === 1 ? "" : "s") +
                 (st.keepUndated ? " kept, marked “undated”" : " hidden (tick “keep undated items” to show them)"));
      if (st.grey) notes.push("what did not exist yet is greyed");
    } else {
      byId("tg-asof-value").textContent = "all years";
    }
    byId("tg-year-note").textContent = notes.join("; ");
    byId("tg-title").textContent = title;
    document.title = title;
    var parts = [];
    ["kind", "status", "country", "cls", "type"].forEach(function (g) {
      var off = Array.from(st.off[g]).filter(function (v) { return !(g === "cls" && v === CLAIM && claimsByDefault); });
      if (off.length) parts.push("without " + off.map(function (x) { return g === "type" ? typeWords(x) : (x || "unknown").replace(/_/g, " "); }).join(", "));
    });
    if (st.focus !== null) parts.push("around " + name(st.focus) + " (depth " + st.depth + ")");
    byId("tg-subtitle").textContent = [page.subtitle].concat(parts).filter(Boolean).join(" · ");
    var iso = page.isolated && !st.isolated ? " · " + page.isolated + " isolated hidden" : "";
    if (claimsByDefault && st.off.cls.has(CLAIM)) {
      iso += " · " + claimIds.length + " claim" + (claimIds.length === 1 ? "" : "s") + " hidden (Legend)";
    }
    setStatus(shown + " of " + total + " nodes, " + v.edges.size + " of " + edges.length + " relationships shown" + iso);
    byId("tg-back").disabled = st.back.length === 0;
  }

  // -- neighbourhood focus -------------------------------------------------------------
  function focus(nameOrId, depth) {
    var id = findNode(nameOrId);
    if (id === null) { setStatus("no name or alias matches " + JSON.stringify(nameOrId)); return null; }
    st.back.push([st.focus, st.depth]);
    st.focus = id; st.depth = Math.max(1, Math.min(3, Number(depth) || st.depth));
    byId("tg-depth").value = String(st.depth);
    apply(true);
    st.pinned = id; showDetails(id); network.selectNodes([id]);
    return visibleNodeIds();
  }
  function back() {
    if (!st.back.length) return;
    var prev = st.back.pop();
    st.focus = prev[0]; st.depth = prev[1];
    apply(true);
  }
  byId("tg-back").addEventListener("click", back);
  byId("tg-depth").addEventListener("change", function (e) { if (st.focus !== null) { st.depth = Number(e.target.value); apply(true); } });

  // -- path finder: every shortest path in the visible graph, in either direction --------
  function findPaths(a, b, limit) {
    var s = findNode(a), t = findNode(b);
    if (s === null || t === null) return [];
    var vis = visibleSets(), dist = {}, preds = {}, queue = [s];
    dist[s] = 0; preds[s] = [];
    if (!vis.nodes.has(s) || !vis.nodes.has(t)) return [];
    for (var qi = 0; qi < queue.length; qi++) {
      var u = queue[qi];
      if (dist[t] !== undefined && dist[u] >= dist[t]) break;
      adj[u].forEach(function (x) {
        if (!vis.edges.has(x[0])) return;
        var w = x[1];
        if (dist[w] === undefined) { dist[w] = dist[u] + 1; preds[w] = [u]; queue.push(w); }
        else if (dist[w] === dist[u] + 1 && preds[w].indexOf(u) < 0) preds[w].push(u);
      });
    }
    if (dist[t] === undefined) return [];
    var out = [], max = limit || 25;
    (function walk(node, tail) {
      if (out.length >= max) return;
      if (node === s) { out.push([s].concat(tail)); return; }
      preds[node].slice().sort().forEach(function (p) { walk(p, [node].concat(tail)); });
    })(t, []);
    out.sort(function (x, y) { return x.join("\u0000") < y.join("\u0000") ? -1 : 1; });
    return out;
  }
  function edgeBetween(u, w) {
    var found = adj[u].filter(function (x) { return x[1] === w; }).map(function (x) { return x[0]; }).sort();
    return found[0];
  }
  function showPaths(list, chosen) {
    var ol = byId("tg-paths");
    ol.replaceChildren();
    st.pathList = list;
    byId("tg-path-note").textContent = list.length ? list.length + " shortest path(s) of " + (list[0].length - 1) +
      " step(s); click one to highlight it." : "";
    list.forEach(function (p, i) {
      var li = el("li"), words = [name(p[0])];
      for (var k = 1; k < p.length; k++) {
        var eid = edgeBetween(p[k - 1], p[k]), e = edges.get(eid);
        var arrow = e.from === p[k - 1] ? " —" + typeWords(EF[eid][0]) + "→ " : " ←" + typeWords(EF[eid][0]) + "— ";
        words.push(arrow + name(p[k]));
      }
      var b = el("button", words.join(""), "tg-link");
      b.type = "button";
      b.addEventListener("click", function () { choosePath(i); });
      li.appendChild(b);
      ol.appendChild(li);
    });
    if (list.length) choosePath(chosen || 0);
  }
  function choosePath(i) {
    var p = st.pathList[i];
    if (!p) return;
    var eids = [];
    for (var k = 1; k < p.length; k++) eids.push(edgeBetween(p[k - 1], p[k]));
    st.path = { from: p[0], to: p[p.length - 1], index: i, ids: p, edges: eids };
    byId("tg-paths").querySelectorAll("li").forEach(function (li, k) { li.setAttribute("aria-current", String(k === i)); });
    network.setSelection({ nodes: p, edges: eids }, { highlightEdges: false });
    fitVisible(p);
    saveHash();
    network.redraw();
  }
  function runPathFinder() {
    var a = byId("tg-from").value, b = byId("tg-to").value, list = findPaths(a, b);
    if (!list.length) {
      st.path = null; byId("tg-paths").replaceChildren();
      byId("tg-path-note").textContent = findNode(a) === null || findNode(b) === null ? "type two names from the suggestions"
        : "no path between them in what is shown — press Reset to search the whole graph";
      return [];
    }
    showPaths(list, 0);
    return list;
  }
  byId("tg-find").addEventListener("click", runPathFinder);
  ["tg-from", "tg-to"].forEach(function (id) {
    byId(id).addEventListener("keydown", function (e) { if (e.key === "Enter") runPathFinder(); });
  });

  // -- reset, drawers, export ------------------------------------------------------------
  function reset() {
    stopPlay();
    document.querySelectorAll("#tg-controls input[type=checkbox]").forEach(function (i) { i.checked = i.name !== ""; });
    Object.keys(st.off).forEach(function (g) { st.off[g].clear(); });
    defaultFilters(); syncChecks();
    st.asOf = null; st.keepUndated = false; st.grey = false; st.isolated = false; st.focus = null; st.back = [];
    st.path = null; st.pathList = []; st.pinned = null;
    if (F.years) slider.value = F.years[1];
    ["tg-search", "tg-from", "tg-to"].forEach(function (id) { byId(id).value = ""; });
    results.replaceChildren(); byId("tg-paths").replaceChildren(); byId("tg-path-note").textContent = "";
    detailsBox().appendChild(el("p", "Hover over or click a node or relationship for its details."));
    network.unselectAll();
    apply(true);
  }
  byId("tg-reset").addEventListener("click", reset);
  function openDrawer(id) {
    if (!window.matchMedia("(max-width: 760px)").matches) return;
    ["tg-controls", "tg-details"].forEach(function (p) {
      var open = p === id;
      byId(p).classList.toggle("tg-open", open);
      byId(p === "tg-controls" ? "tg-open-controls" : "tg-open-details").setAttribute("aria-expanded", String(open));
    });
  }
  function closeDrawers() { openDrawer(null); }
  byId("tg-open-controls").addEventListener("click", function () { if (byId("tg-controls").classList.contains("tg-open")) closeDrawers(); else openDrawer("tg-controls"); });
  byId("tg-open-details").addEventListener("click", function () { if (byId("tg-details").classList.contains("tg-open")) closeDrawers(); else openDrawer("tg-details"); });
  document.querySelectorAll(".tg-close").forEach(function (b) { b.addEventListener("click", closeDrawers); });

  function exportPNG() {
    var src = network.canvas.frame.canvas, out = document.createElement("canvas");
    var pr = src.width / (src.clientWidth || 1), head = Math.round(40 * pr);
    out.width = src.width; out.height = src.height + head;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = "#111111"; ctx.font = "600 " + Math.round(14 * pr) + "px system-ui, sans-serif";
    ctx.textBaseline = "top";
    ctx.fillText(byId("tg-title").textContent, 10 * pr, 4 * pr);
    ctx.fillStyle = "#555555"; ctx.font = Math.round(11 * pr) + "px system-ui, sans-serif";
    ctx.fillText(byId("tg-subtitle").textContent, 10 * pr, 22 * pr);
    ctx.drawImage(src, 0, head);
    return out.toDataURL("image/png");
  }
  byId("tg-png").addEventListener("click", function () {
    var a = document.createElement("a");
    a.href = exportPNG(); a.download = (page.title || "talentgraph").replace(/[^\w.-]+/g, "-") + ".png";
    document.body.appendChild(a); a.click(); a.remove();
  });

  // -- the view in the URL hash ---------------------------------------------------------
  var restoring = true;
  function saveHash() {
    if (restoring) return;
    var q = new URLSearchParams();
    if (st.asOf !== null) q.set("year", st.asOf);
    if (st.keepUndated) q.set("undated", "1");
    if (st.grey) q.set("grey", "1");
    if (st.isolated) q.set("isolated", "1");
    Object.keys(st.off).forEach(function (g) {
      var off = Array.from(st.off[g]).filter(function (v) { return !(g === "cls" && v === CLAIM && claimsByDefault); });
      if (off.length) q.set("no-" + g, off.sort().join("|"));
    });
    if (claimsByDefault && !st.off.cls.has(CLAIM)) q.set("claims", "1");
    if (st.focus !== null) { q.set("focus", st.focus); q.set("depth", st.depth); }
    if (st.path) { q.set("from", st.path.from); q.set("to", st.path.to); q.set("path", st.path.index); }
    var text = q.toString();
    try { history.replaceState(null, "", text ? "#" + text : location.pathname + location.search); }
    catch (err) { location.hash = text; }
  }
  function loadHash() {
    var q = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (q.has("year") && F.years) { st.asOf = Number(q.get("year")); slider.value = st.asOf; }
    st.keepUndated = q.get("undated") === "1"; byId("tg-undated").checked = st.keepUndated;
    st.grey = q.get("grey") === "1"; byId("tg-grey").checked = st.grey;
    st.isolated = q.get("isolated") === "1"; byId("tg-isolated").checked = st.isolated;
    Object.keys(st.off).forEach(function (g) {
      (q.get("no-" + g) || "").split("|").filter(function (x) { return q.has("no-" + g); }).forEach(function (v) {
        st.off[g].add(v);
      });
    });
    if (q.get("claims") === "1") st.off.cls.delete(CLAIM);
    syncChecks();
    if (q.has("focus") && FACTS[q.get("focus")]) { st.focus = q.get("focus"); st.depth = Number(q.get("depth")) || 2; byId("tg-depth").value = String(st.depth); }
    return q;
  }

  function visibleNodeIds() {
    var b = network.body;
    return b.nodeIndices.filter(function (id) { return !b.nodes[id].options.hidden; }).sort();
  }
  // what vis-network itself holds as visible, so tests count what is drawn
  function drawnCounts() {
    var b = network.body;
    return {
      nodes: b.nodeIndices.filter(function (id) { return !b.nodes[id].options.hidden; }).length,
      edges: b.edgeIndices.filter(function (id) { var e = b.edges[id]; return e.options.hidden !== true && e.connected; }).length
    };
  }
  function setStatus(text) { byId("tg-status").textContent = text; }
  function setAsOf(year) {
    if (year === null || year === undefined) { st.asOf = null; if (F.years) slider.value = F.years[1]; }
    else { st.asOf = Number(year); slider.value = st.asOf; }
    apply(true);
    return visibleNodeIds();
  }

  var q = loadHash();
  apply(false);
  restoring = false;
  // a layout is about as wide as it is tall; a phone's screen is twice as tall as wide, so the
  // fitted graph left blank bands above and below it. The drawing is stretched along its short
  // side to the screen's shape (never more than 2.2×), once, before the first fit.
  var STRETCH_FROM = 1.2, STRETCH_MAX = 2.2;
  function fillScreen() {
    var c = network.canvas.frame.canvas, w = c.clientWidth, h = c.clientHeight, body = network.body;
    var ids = body.nodeIndices.filter(function (id) { return !body.nodes[id].options.hidden; });
    if (!w || !h || ids.length < 3) return 1;
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      var n = body.nodes[id];
      if (n.x < x0) x0 = n.x; if (n.x > x1) x1 = n.x; if (n.y < y0) y0 = n.y; if (n.y > y1) y1 = n.y;
    });
    var bw = Math.max(x1 - x0, 1), bh = Math.max(y1 - y0, 1), want = h / w, have = bh / bw;
    var tall = want / have, wide = have / want;
    if (tall < STRETCH_FROM && wide < STRETCH_FROM) return 1;
    var k = Math.min(Math.max(tall, wide), STRETCH_MAX), cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    body.nodeIndices.forEach(function (id) {
      var n = body.nodes[id];
      if (tall > wide) n.y = cy + (n.y - cy) * k; else n.x = cx + (n.x - cx) * k;
    });
    st.stretch = { axis: tall > wide ? "y" : "x", factor: k };
    return k;
  }
  function afterLayout() {
    fillScreen();
    if (q.has("from") && q.has("to")) {
      byId("tg-from").value = name(q.get("from")); byId("tg-to").value = name(q.get("to"));
      var list = findPaths(q.get("from"), q.get("to"));
      if (list.length) showPaths(list, Number(q.get("path")) || 0);
    } else if (page.paths.length) {
      byId("tg-from").value = name(page.paths[0].nodes[0]);
      byId("tg-to").value = name(page.paths[0].nodes[page.paths[0].nodes.length - 1]);
      showPaths(page.paths.map(function (p) { return p.nodes; }), 0);
    } else {
      fitVisible();
    }
    saveHash();
    ready();
  }
  if (options.physics && options.physics.enabled) {
    // settle once, then freeze, so filtering does not shake the drawing
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); afterLayout(); });
  } else {
    afterLayout();
  }
  window.talentgraph = {
    setAsOf: setAsOf, visibleNodeIds: visibleNodeIds, findPaths: findPaths, focus: focus, back: back,
    exportPNG: exportPNG, showPaths: showPaths, choosePath: choosePath, search: search, reset: reset,
    apply: apply, _visibleSets: visibleSets, drawnCounts: drawnCounts, labels: function () { return st.labels; },
    network: network, nodes: nodes, edges: edges, page: page, state: st
  };
})();
