// dateline dashboard: plain JavaScript over the /api routes; d3 for the charts.
// Everything it loads comes from this server (vendor/ holds d3, topojson and the atlas).
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const KINDS = ["actors", "times", "places", "quotes", "quantities"];
const KIND_CLASS = { actors: "actor", times: "time", places: "place", quotes: "quote", quantities: "quantity" };
const state = { page: 1, perPage: 50, total: 0 };

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child ?? "");
  return node;
}

async function api(path, params = new URLSearchParams()) {
  const response = await fetch(`/api/${path}?${params}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($("#filters"))) {
    if (String(value).trim() && !(key === "date_basis" && value === "event")) params.append(key, String(value).trim());
  }
  return params;
}

function showError(error) { $("#message").textContent = error ? String(error.message || error) : ""; }

// -- events table ---------------------------------------------------------------------

// "USA GOV, IRQ" from the ";"-joined codes and sectors of a flat row (repeats once, no ";;").
function sideCell(codes, sectors) {
  const cs = (codes || "").split(";"), ss = (sectors || "").split(";");
  const parts = cs.map((c, i) => `${c} ${ss[i] || ""}`.trim()).filter((p) => p);
  return [...new Set(parts)].join(", ");
}

async function loadEvents() {
  const params = filterParams();
  params.set("page", state.page);
  params.set("per_page", state.perPage);
  const body = await api("events", params);
  state.total = body.total;
  const rows = body.items.map((e) => el("tr", { dataset: { article: e.article_id, event: e.event_id } },
    el("td", {}, e.story_date), el("td", {}, e.source), el("td", {}, e.type),
    el("td", {}, sideCell(e.actor, e.actor_sector)), el("td", {}, sideCell(e.recipient, e.recipient_sector)),
    el("td", {}, e.date), el("td", {}, (e.aux || "").split(";").join(", ")), el("td", {}, e.place),
    el("td", {}, e.event_text)));
  $("#events tbody").replaceChildren(...rows);
  $("#events-total").textContent = `${body.total} matching`;
  const pages = Math.max(1, Math.ceil(body.total / state.perPage));
  $("#page").textContent = `page ${state.page} of ${pages}`;
  $("#prev").disabled = state.page <= 1;
  $("#next").disabled = state.page >= pages;
}

// -- timeline -------------------------------------------------------------------------

async function loadTimeline() {
  const params = filterParams();
  params.set("interval", "month");
  const rows = monthly((await api("net", params)).items);
  const svg = d3.select("#timeline");
  svg.selectAll("*").remove();
  const { width, height } = svg.node().getBoundingClientRect();
  const m = { top: 22, right: 10, bottom: 24, left: 40 };
  if (!rows.length) { svg.append("text").attr("x", 20).attr("y", 30).text("no dated events"); return; }
  const x = d3.scaleTime().domain(d3.extent(rows, (r) => r.when)).range([m.left, width - m.right]);
  const low = d3.min(rows, (r) => Math.min(r.conflict, r.net, 0));
  const high = d3.max(rows, (r) => Math.max(r.cooperation, r.net, 0));
  const y = d3.scaleLinear().domain([low, high]).nice().range([height - m.bottom, m.top]);
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(6));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5));
  for (const key of ["cooperation", "conflict", "net"]) {
    const line = d3.line().x((r) => x(r.when)).y((r) => y(r[key]));
    svg.append("path").datum(rows).attr("class", `line ${key}`).attr("d", line);
    svg.selectAll(null).data(rows).join("circle").attr("class", `dot ${key}`).attr("r", 2.5)
      .attr("cx", (r) => x(r.when)).attr("cy", (r) => y(r[key])).attr("fill", "currentColor")
      .append("title").text((r) => `${r.period.slice(0, 7)} ${key} ${r[key]}`);
  }
  const legend = svg.append("g").attr("class", "legend").attr("transform", `translate(${m.left + 6},12)`);
  ["cooperation", "conflict", "net"].forEach((key, i) => {
    const item = legend.append("g").attr("class", `legend-item ${key}`).attr("transform", `translate(${i * 110},0)`);
    item.append("line").attr("class", `line ${key}`).attr("x1", 0).attr("x2", 18).attr("y1", -4).attr("y2", -4);
    item.append("text").attr("x", 22).attr("y", 0).text(key);
  });
}

// Every month from the first to the last one with events; months without events are zeros,
// so the lines never join two months across a gap.
function monthly(items) {
  if (!items.length) return [];
  const byMonth = new Map(items.map((r) => [r.period.slice(0, 7), r]));
  const first = new Date(`${items[0].period.slice(0, 7)}-01T00:00:00Z`);
  const last = new Date(`${items[items.length - 1].period.slice(0, 7)}-01T00:00:00Z`);
  const rows = [];
  for (let d = first; d <= last; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const key = d.toISOString().slice(0, 7);
    const found = byMonth.get(key);
    rows.push({ period: `${key}-01`, when: d, events: 0, cooperation: 0, conflict: 0, net: 0, ...found });
  }
  return rows;
}

// -- map ------------------------------------------------------------------------------

let atlas = null;

async function loadMap() {
  atlas = atlas || await (await fetch("/static/vendor/countries-110m.json")).json();
  const params = filterParams();
  params.set("n", 500);
  const places = (await api("locations", params)).items;
  const svg = d3.select("#map");
  svg.selectAll("*").remove();
  const { width, height } = svg.node().getBoundingClientRect();
  const land = topojson.feature(atlas, atlas.objects.countries);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  svg.append("g").selectAll("path").data(land.features).join("path").attr("class", "country").attr("d", path);
  const radius = d3.scaleSqrt().domain([0, d3.max(places, (p) => p.events) || 1]).range([3, 18]);
  svg.append("g").selectAll("circle").data(places).join("circle").attr("class", "place")
    .attr("cx", (p) => projection([p.lon, p.lat])[0]).attr("cy", (p) => projection([p.lon, p.lat])[1])
    .attr("r", (p) => radius(p.events)).attr("fill", (p) => netColour(p.net)).attr("fill-opacity", 0.7)
    .append("title").text((p) => `${p.place || p.country}: ${p.events} events, net ${p.net}`);
}

function netColour(net) { return net > 0 ? "#1a9850" : net < 0 ? "#d73027" : "#777"; }

// -- network --------------------------------------------------------------------------

async function loadNetwork() {
  const params = filterParams();
  params.set("n", 60);
  const graph = await api("network", params);
  const svg = d3.select("#network");
  svg.selectAll("*").remove();
  const { width, height } = svg.node().getBoundingClientRect();
  const width_ = d3.scaleLinear().domain([1, d3.max(graph.edges, (e) => e.events) || 1]).range([1, 8]);
  const simulation = d3.forceSimulation(graph.nodes)
    .force("link", d3.forceLink(graph.edges).id((n) => n.id).distance(90))
    .force("charge", d3.forceManyBody().strength(-220))
    .force("center", d3.forceCenter(width / 2, height / 2));
  const links = svg.append("g").selectAll("line").data(graph.edges).join("line").attr("class", "edge")
    .attr("stroke", (e) => netColour(e.net)).attr("stroke-opacity", 0.7).attr("stroke-width", (e) => width_(e.events));
  links.append("title").text((e) => `${e.source.id || e.source} → ${e.target.id || e.target}: ${e.events} events, net ${e.net}`);
  const nodes = svg.append("g").selectAll("g").data(graph.nodes).join("g").attr("class", "node");
  nodes.append("circle").attr("r", (n) => 5 + Math.sqrt(n.events)).attr("fill", (n) => netColour(n.net));
  nodes.append("text").attr("x", 9).attr("y", 4).text((n) => n.id);
  simulation.on("tick", () => {
    for (const n of graph.nodes) { n.x = clamp(n.x, width); n.y = clamp(n.y, height); }  // edges follow
    links.attr("x1", (e) => e.source.x).attr("y1", (e) => e.source.y).attr("x2", (e) => e.target.x).attr("y2", (e) => e.target.y);
    nodes.attr("transform", (n) => `translate(${n.x},${n.y})`);
  });
}

function clamp(value, size) { return Math.max(10, Math.min(size - 40, value)); }  // room for labels

// -- clusters -------------------------------------------------------------------------

async function loadClusters() {
  const params = filterParams();
  params.set("per_page", 10);
  const body = await api("clusters", params);
  const rows = body.items.map((c) => el("tr", { dataset: { cluster: c.cluster } },
    el("td", {}, c.event), el("td", {}, `${c.actor || "?"} → ${c.recipient || "?"}`),
    el("td", {}, c.place || c.country || ""),
    el("td", {}, c.first_date === c.last_date ? c.first_date : `${c.first_date} – ${c.last_date}`),
    el("td", {}, String(c.stories)), el("td", {}, String(c.sources)), el("td", {}, String(c.events))));
  $("#clusters tbody").replaceChildren(...rows);
  $("#clusters-total").textContent = `${body.total} real events`;
}

// -- alerts ---------------------------------------------------------------------------

async function loadAlerts() {
  const body = await api("alerts", new URLSearchParams({ per_page: 20 }));
  const rows = body.items.map((a) => el("tr", { dataset: { by: a.by, key: a.key, from: a.window_start, to: a.window_end } },
    el("td", {}, a.rule), el("td", {}, a.key),
    el("td", {}, a.window_start === a.window_end ? a.window_start : `${a.window_start} – ${a.window_end}`),
    el("td", {}, String(a.value)), el("td", {}, a.detail), el("td", {}, String(a.events)),
    el("td", {}, ...a.article_ids.slice(0, 5).map((id, i) =>
      el("a", { href: `#/article/${encodeURIComponent(id)}`, class: "story" }, `story ${i + 1} `)))));
  $("#alerts tbody").replaceChildren(...rows);
  $("#alerts-total").textContent = `${body.total} fired`;
}

// An alert's key and window as dashboard filters (the rule's own filter is not applied).
function filterToAlert(row) {
  const form = $("#filters");
  for (const field of form.elements) {
    if (field.name) field.value = field.tagName === "SELECT" ? field.options[0].value : "";
  }
  const set = (name, value) => { const field = form.querySelector(`[name=${name}]`); if (field) field.value = value; };
  set("date_from", row.dataset.from);
  set("date_to", row.dataset.to);
  if (row.dataset.by === "dyad") set("dyad", row.dataset.key.replace("-", ","));
  else if (row.dataset.by !== "none") set(row.dataset.by, row.dataset.key);
}

// -- filters in the URL, download ------------------------------------------------------

function filtersToUrl() {
  const query = filterParams().toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  $("#download").href = `/api/events.csv${query ? `?${query}` : ""}`;
}

function filtersFromUrl() {
  const params = new URLSearchParams(location.search);
  for (const field of $("#filters").elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
}

// -- article view ---------------------------------------------------------------------

function spansOf(record) {
  const spans = [];
  for (const kind of KINDS) {
    for (const item of record[kind]) spans.push({ start: item.span[0], end: item.span[1], cls: KIND_CLASS[kind], label: labelOf(kind, item) });
  }
  for (const event of record.events) spans.push({ start: event.span[0], end: event.span[1], cls: "event", event: event.id, label: event.event });
  return spans;
}

function labelOf(kind, item) {
  if (kind === "actors") return [item.code, item.sector].filter(Boolean).join(" ") || item.kind;
  if (kind === "times") return item.value || item.precision;
  if (kind === "places") return [item.name, item.country].filter(Boolean).join(", ");
  if (kind === "quotes") return item.speaker ? `said by ${item.speaker.text}` : "quote";
  return item.unit ? `${item.value} ${item.unit}` : String(item.value);
}

function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= start && s.end >= end && s.start < s.end);
    out.push(covering.length ? segment(text.slice(start, end), start, covering) : text.slice(start, end));
  }
  return out;
}

function segment(piece, start, covering) {
  const classes = ["seg", ...new Set(covering.map((s) => s.cls))];
  const events = covering.filter((s) => s.event).map((s) => s.event);
  const node = el("span", { class: classes.join(" "), title: covering.map((s) => `${s.cls}: ${s.label}`).join("\n"),
    dataset: { start: String(start) } }, piece);
  if (events.length) node.dataset.events = events.join(" ");
  return node;
}

function eventItem(event) {
  const codes = (list) => list.map((a) => [a.code, a.sector].filter(Boolean).join(" ") || a.text).join("; ");
  const fields = [["type", event.event], ["mode", event.mode], ["actor", codes(event.actor)],
    ["recipient", codes(event.recipient)], ["date", event.date ? `${event.date} (${event.date_precision})` : "unknown"],
    ["place", event.event_loc ? event.event_loc.name : ""], ["aux", event.aux.join(", ")],
    ["quad / score", `${event.quad_code ?? ""} / ${event.score ?? ""}`], ["rule", event.rule],
    ["confidence", event.confidence]];
  const dl = el("dl", {}, ...fields.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v ?? "")]));
  const item = el("li", { dataset: { eventId: event.id, span: `${event.span[0]},${event.span[1]}` } },
    el("q", { class: "event-text" }, event.event_text), dl);
  item.addEventListener("mouseenter", () => mark(event.id, true));
  item.addEventListener("mouseleave", () => mark(event.id, false));
  return item;
}

function mark(id, on) {
  for (const node of document.querySelectorAll(".seg[data-events]")) {
    if (node.dataset.events.split(" ").includes(id)) node.classList.toggle("active", on);
  }
}

async function showArticle(id) {
  const record = await api(`articles/${encodeURIComponent(id)}`);
  const a = record.article;
  $("#article-title").textContent = a.title || `${a.source || "Story"} ${a.date || ""}`;
  $("#article-meta").textContent = [a.source, a.date, a.url, a.id].filter(Boolean).join(" · ");
  $("#article-text").replaceChildren(...segments(a.text, spansOf(record)));
  $("#article-events").replaceChildren(...record.events.map(eventItem));
  $("#article-event-count").textContent = `(${record.events.length})`;
  document.body.dataset.loaded = "article";
}

// -- wiring ---------------------------------------------------------------------------

async function refreshDashboard() {
  showError(null);
  document.body.dataset.loaded = "";
  try {
    filtersToUrl();
    await Promise.all([loadEvents(), loadTimeline(), loadMap(), loadNetwork(), loadClusters(), loadAlerts()]);
    document.body.dataset.loaded = "dashboard";
  } catch (error) { showError(error); document.body.dataset.loaded = "error"; }
}

async function route() {
  const match = location.hash.match(/^#\/article\/(.+)$/);
  $("#dashboard").hidden = Boolean(match);
  $("#filters").hidden = Boolean(match);
  $("#article-view").hidden = !match;
  if (!match) return refreshDashboard();
  try { await showArticle(decodeURIComponent(match[1])); } catch (error) { showError(error); }
}

function init() {
  for (const type of TYPES) $("#filters select[name=type]").append(el("option", {}, type));
  filtersFromUrl();
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); state.page = 1; refreshDashboard(); });
  $("#filters").addEventListener("reset", () => setTimeout(() => { state.page = 1; refreshDashboard(); }));
  $("#prev").addEventListener("click", () => { state.page -= 1; loadEvents().catch(showError); });
  $("#next").addEventListener("click", () => { state.page += 1; loadEvents().catch(showError); });
  $("#events tbody").addEventListener("click", (e) => {
    const row = e.target.closest("tr");
    if (row) location.hash = `#/article/${encodeURIComponent(row.dataset.article)}`;
  });
  $("#clusters tbody").addEventListener("click", (e) => {
    const row = e.target.closest("tr");
    if (!row) return;
    $("#filters input[name=cluster]").value = row.dataset.cluster;
    state.page = 1;
    refreshDashboard();
  });
  $("#alerts tbody").addEventListener("click", (e) => {
    const row = e.target.closest("tr");
    if (!row || e.target.closest("a")) return;
    filterToAlert(row);
    state.page = 1;
    refreshDashboard();
  });
  window.addEventListener("hashchange", route);
  api("stats").then((s) => { $("#stats").textContent = `${s.articles} stories · ${s.events} events`; }).catch(showError);
  route();
}

document.addEventListener("DOMContentLoaded", init);
