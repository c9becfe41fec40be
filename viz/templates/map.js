/* orggraph map: search, department filter, neighbourhood highlight, community colours,
 * chain and bottleneck highlights, ?focus=ID&depth=N drill-down.
 * Every string from the data reaches the page through textContent or as a plain string
 * title (vis-network shows those with innerText): never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("orggraph-data").textContent);
  var info = data.info;
  var meta = data.meta;
  var FADED = "#e8e8e8", FADED_BORDER = "#d0d0d0", FADED_FONT = "#b5b5b5", RED = "#d62728";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function describe(tip, cls) {
    var box = el("div", cls);
    box.appendChild(el("div", "og-tip-title", tip.title));
    var dl = el("dl");
    tip.lines.forEach(function (line) {
      dl.appendChild(el("dt", null, line[0]));
      dl.appendChild(el("dd", null, line[1]));
    });
    box.appendChild(dl);
    return box;
  }

  // Tooltips are DOM elements built with textContent: vis-network appends them as they are.
  var nodeIds = [];
  data.nodes.forEach(function (n) {
    n.title = describe(info[n.id].tooltip, "og-tip");
    nodeIds.push(n.id);
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("og-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var base = {};
  data.nodes.forEach(function (n) { base[n.id] = { color: n.color, borderWidth: n.borderWidth }; });
  var baseEdge = {};
  var adjacent = {};
  var edgeByPair = {};
  nodeIds.forEach(function (id) { adjacent[id] = []; });
  data.edges.forEach(function (e) {
    baseEdge[e.id] = { width: e.width };
    adjacent[e.from].push(e.to);
    adjacent[e.to].push(e.from);
    edgeByPair[e.from + "\u0000" + e.to] = e.id;
  });

  var chainNodes = new Set(), chainEdges = new Set();
  data.highlights.chains.forEach(function (chain) {
    chain.forEach(function (pair) {
      chainNodes.add(pair[0]);
      chainNodes.add(pair[1]);
      var eid = edgeByPair[pair[0] + "\u0000" + pair[1]];
      if (eid !== undefined) { chainEdges.add(eid); }
    });
  });
  var bottleneckNodes = new Set(data.highlights.bottlenecks);

  var state = { dept: "", only: null, selected: null, community: false, chains: false, bottlenecks: false };

  function isVisible(id) {
    if (state.dept && info[id].dept !== state.dept) { return false; }
    return !(state.only && !state.only.has(id));
  }
  function around(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var d = 0; d < depth && frontier.length; d++) {
      var next = [];
      frontier.forEach(function (u) {
        adjacent[u].forEach(function (v) { if (!seen.has(v)) { seen.add(v); next.push(v); } });
      });
      frontier = next;
    }
    return seen;
  }
  function fillOf(id) {
    if (!state.community) { return info[id].colour; }
    var c = info[id].community;
    return c === null || c === undefined ? "#cccccc" : data.community_colours[String(c)];
  }
  function emphasis() {
    if (state.selected !== null) { return around(state.selected, 1); }
    if (!state.chains && !state.bottlenecks) { return null; }
    var keep = new Set();
    if (state.chains) { chainNodes.forEach(function (id) { keep.add(id); }); }
    if (state.bottlenecks) { bottleneckNodes.forEach(function (id) { keep.add(id); }); }
    return keep;
  }

  // Only nodes and edges whose look changes are sent to vis-network: a full update of a few
  // thousand items costs the better part of a second.
  var shownKey = {}, edgeKey = {};
  nodeIds.forEach(function (id) { shownKey[id] = nodeKey(false, false, info[id].colour, base[id].color.border, base[id].borderWidth); });
  data.edges.forEach(function (e) { edgeKey[e.id] = e.width + "|n"; });
  function nodeKey(hidden, faded, fill, border, width) { return [hidden, faded, fill, border, width].join("|"); }

  function restyle() {
    var keep = emphasis();
    var nodeUpdates = [];
    nodeIds.forEach(function (id) {
      var hidden = !isVisible(id), faded = !!keep && !keep.has(id);
      var fill = fillOf(id), border = base[id].color.border, width = base[id].borderWidth;
      if (!faded && state.bottlenecks && bottleneckNodes.has(id)) { border = RED; width = 6; }
      else if (!faded && state.chains && state.selected === null && chainNodes.has(id)) { border = RED; width = 4; }
      var key = nodeKey(hidden, faded, fill, border, width);
      if (shownKey[id] === key) { return; }
      shownKey[id] = key;
      nodeUpdates.push(faded
        ? { id: id, hidden: hidden, borderWidth: width, font: { color: FADED_FONT },
            color: { background: FADED, border: FADED_BORDER, highlight: { background: FADED, border: "#000000" } } }
        : { id: id, hidden: hidden, borderWidth: width, font: { color: "#222222" },
            color: { background: fill, border: border, highlight: { background: fill, border: "#000000" },
                     hover: { background: fill, border: "#000000" } } });
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var w = baseEdge[e.id].width, colour = "#9a9a9a", opacity = 0.8, mode = "n";
      if (state.selected !== null) {
        var on = e.from === state.selected || e.to === state.selected;
        w = on ? Math.max(w, 2) : w; colour = on ? "#222222" : "#eeeeee"; opacity = 1; mode = on ? "s" : "f";
      } else if (state.chains && chainEdges.has(e.id)) {
        w = Math.max(w, 5); colour = RED; opacity = 1; mode = "c";
      } else if (keep) {
        colour = "#eeeeee"; opacity = 1; mode = "f";
      }
      var key = w + "|" + mode;
      if (edgeKey[e.id] === key) { return; }
      edgeKey[e.id] = key;
      edgeUpdates.push({ id: e.id, width: w, color: { color: colour, opacity: opacity } });
    });
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    updateStatus();
    document.getElementById("og-colour-heading").textContent =
      state.community ? "Colour: detected community (departments listed for reference)" : "Colour: department";
  }
  function updateStatus() {
    var shown = nodeIds.filter(isVisible).length;
    status.textContent = shown === nodeIds.length
      ? nodeIds.length + " " + meta.noun_plural + " shown"
      : shown + " of " + nodeIds.length + " " + meta.noun_plural + " shown";
  }

  var status = document.getElementById("og-status");
  var details = document.getElementById("og-details");
  var banner = document.getElementById("og-banner");

  function showDetails(id) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    if (id === null) { details.hidden = true; return; }
    details.appendChild(describe(info[id].tooltip, "og-detail-body"));
    details.hidden = false;
  }
  function select(id) {
    if (!isVisible(id)) { state.dept = ""; deptSelect.value = ""; state.only = null; }
    state.selected = id;
    restyle();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showDetails(id);
  }
  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    showDetails(null);
    restyle();
  }

  // Department filter: options built with textContent.
  var deptSelect = document.getElementById("og-dept");
  data.departments.forEach(function (d) {
    var opt = el("option", null, d.name);
    opt.value = d.id;
    deptSelect.appendChild(opt);
  });
  deptSelect.addEventListener("change", function () {
    state.dept = deptSelect.value;
    state.selected = null;
    showDetails(null);
    restyle();
    var visible = nodeIds.filter(isVisible);
    if (visible.length) { network.fit({ nodes: visible, animation: false }); }
  });

  // Search: name, id, role or department, case-insensitive substring.
  var searchBox = document.getElementById("og-search");
  var results = document.getElementById("og-results");
  function search(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) { return []; }
    return nodeIds.filter(function (id) { return info[id].search.indexOf(q) !== -1; });
  }
  function showResults() {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var found = search(searchBox.value);
    if (!searchBox.value.trim()) { results.hidden = true; restyle(); return; }
    status.textContent = found.length === 1 ? "1 match" : found.length + " matches";
    found.slice(0, 12).forEach(function (id) {
      var li = el("li"), btn = el("button", null, info[id].tooltip.title);
      btn.type = "button";
      btn.dataset.id = id;
      btn.appendChild(el("span", "og-sub", " \u2014 " + deptName(info[id].dept)));
      btn.addEventListener("click", function () { results.hidden = true; select(id); });
      li.appendChild(btn);
      results.appendChild(li);
    });
    if (found.length > 12) { results.appendChild(el("li", "og-sub", "\u2026 and " + (found.length - 12) + " more")); }
    results.hidden = found.length === 0;
  }
  var deptNames = {};
  data.departments.forEach(function (d) { deptNames[d.id] = d.name; });
  function deptName(id) { return deptNames[id] || id; }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = search(searchBox.value);
      if (found.length) { results.hidden = true; select(found[0]); }
    } else if (ev.key === "Escape") {
      searchBox.value = ""; results.hidden = true;
    }
  });

  function toggle(idName, key) {
    var box = document.getElementById(idName);
    box.addEventListener("change", function () { state[key] = box.checked; restyle(); });
  }
  toggle("og-community", "community");
  toggle("og-chains", "chains");
  toggle("og-bottlenecks", "bottlenecks");

  document.getElementById("og-reset").addEventListener("click", function () {
    state.dept = ""; deptSelect.value = ""; state.only = null; banner.hidden = true;
    searchBox.value = ""; results.hidden = true;
    ["og-community", "og-chains", "og-bottlenecks"].forEach(function (b) { document.getElementById(b).checked = false; });
    state.community = state.chains = state.bottlenecks = false;
    clearSelection();
    network.fit({ animation: false });
  });

  network.on("click", function (params) {
    if (params.nodes.length) { state.selected = params.nodes[0]; restyle(); showDetails(params.nodes[0]); }
    else if (state.selected !== null) { clearSelection(); }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) { return; }
    var q = new URLSearchParams();
    q.set("focus", params.nodes[0]);
    q.set("depth", String(meta.depth));
    window.location.search = q.toString();
  });

  // ?focus=ID&depth=N: the server already applied it when meta.focus is set; otherwise
  // (a map saved to a file) show the neighbourhood of ID among the nodes in the page.
  function showBanner(text, withLink) {
    while (banner.firstChild) { banner.removeChild(banner.firstChild); }
    banner.appendChild(el("span", null, text + " "));
    if (withLink) {
      var a = el("a", null, "Show the whole map");
      a.href = "?";
      banner.appendChild(a);
    }
    banner.hidden = false;
  }
  var params = new URLSearchParams(window.location.search);
  var wanted = params.get("focus");
  var depth = parseInt(params.get("depth") || String(meta.depth), 10);
  if (!(depth >= 0)) { depth = meta.depth; }
  if (meta.focus !== null) {
    showBanner(meta.focus_text, true);
  } else if (wanted !== null && wanted !== "") {
    if (Object.prototype.hasOwnProperty.call(info, wanted)) {
      state.only = around(wanted, depth);
      state.selected = wanted;
      showDetails(wanted);
      var extra = meta.level === "department"
        ? " To see the units inside a department, open the map with --focus " + wanted + "."
        : "";
      showBanner("Showing " + info[wanted].tooltip.title + " and everything within " + depth +
        " dependency step" + (depth === 1 ? "" : "s") + "." + extra, true);
    } else {
      showBanner("\u201c" + wanted + "\u201d is not on this map: open it with: orggraph map DATA --focus " +
        wanted + " --depth " + depth, false);
    }
  }

  restyle();
  if (state.only) { network.fit({ nodes: Array.from(state.only), animation: false }); }
  else { network.fit({ animation: false }); }
  // Department names over their regions, drawn on the canvas (fillText: plain text).
  network.on("afterDrawing", function (ctx) {
    if (!data.regions.length) { return; }
    var size = Math.max(16, 16 / network.getScale());
    ctx.save();
    ctx.font = "600 " + size + "px system-ui, 'DejaVu Sans', sans-serif";
    ctx.textAlign = "center";
    ctx.lineJoin = "round";
    ctx.lineWidth = size / 4;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
    ctx.fillStyle = "rgba(50, 50, 50, 0.85)";
    data.regions.forEach(function (r) {
      if (!state.dept || state.dept === r.dept) {
        ctx.strokeText(r.name, r.x, r.y);
        ctx.fillText(r.name, r.x, r.y);
      }
    });
    ctx.restore();
  });
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-drawn", "true");
    window.orggraphDrawn = performance.now();
  });
  // A small handle for tests and for anyone scripting the page from the console.
  window.orggraph = { network: network, nodes: nodes, edges: edges, search: search, select: select,
    visibleNodeIds: function () { return nodeIds.filter(isVisible); } };
}());
