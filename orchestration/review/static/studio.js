// The review studio's page script: hand-written, no dependencies, no build step (docs/review.md).
// The document page keeps the review rows in memory and saves both review files after every
// decision, quoting the version it read; the server refuses a save made from a stale version.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

async function api(method, url, body) {
  const response = await fetch(url, {method, headers: {"Content-Type": "application/json"},
                                     body: body === undefined ? undefined : JSON.stringify(body)});
  const data = await response.json().catch(() => ({error: `HTTP ${response.status}`}));
  return {ok: response.ok, status: response.status, data};
}

// A code field that searches a reference table by code, Chinese or English name.
function picker(input, table, onChoose) {
  const list = document.createElement("ul");
  list.className = "choices";
  input.after(list);
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const {data} = await api("GET", `/api/reference/${table}?q=${encodeURIComponent(input.value)}`);
      const key = Object.keys((data.rows || [])[0] || {})[0];
      list.innerHTML = (data.rows || []).map((row) =>
        `<li data-code="${esc(row[key])}"><b>${esc(row[key])}</b> ${esc(row.name_zh || "")} <i>${esc(row.name_en || row.canonical_unit || "")}</i></li>`).join("");
    }, 120);
  });
  list.addEventListener("mousedown", (event) => {
    const li = event.target.closest("li");
    if (!li) return;
    event.preventDefault();
    input.value = li.dataset.code;
    list.innerHTML = "";
    if (onChoose) { input.blur(); onChoose(li.dataset.code); }  // keys act on the page again
  });
  input.addEventListener("blur", () => setTimeout(() => { list.innerHTML = ""; }, 150));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && onChoose) { event.preventDefault(); list.innerHTML = ""; input.blur(); onChoose(input.value.trim()); }
  });
}

// ---- documents list: the region picker of "Add document" ----
for (const span of $$("#add-form .picker")) picker($("input", span), span.dataset.table, null);

// ---- document page ----
const stateNode = $("#state");
if (stateNode) documentPage(JSON.parse(stateNode.textContent), JSON.parse($("#vocabulary").textContent));

function documentPage(S, V) {
  const FIELDS = [
    ["value_text", "text"], ["value", "text"], ["sign", "sign"], ["unit", "units"], ["qualifier", V.qualifiers],
    ["kind", V.kinds], ["period", "text"], ["region_code", "regions"], ["industry_code", "industries"],
    ["indicator_code", "indicators"], ["measure", V.measures], ["subject_zh", "text"], ["quote", "text"], ["note", "text"]];
  let current = 0;
  let marked = [];
  let problems = [];
  let showRelation = null;
  let rejecting = false;

  const say = (text, kind = "info") => { const m = $("#message"); m.className = kind; m.textContent = text; };
  const figure = () => S.figures[current];
  const label = (id) => {
    const f = [...S.figures, ...S.curated].find((x) => x.figure_id === id);
    return f ? `${id} ${f.value_text}${f.unit}` : id;
  };

  // Saves go one at a time, each with the version the one before returned (keys may come faster).
  let queue = Promise.resolve(true);
  function persist(message) { queue = queue.then(() => persistNow(message)); return queue; }

  async function persistNow(message) {
    const {ok, status, data} = await api("PUT", `/api/documents/${S.doc.doc_id}/review`,
                                         {version: S.version, figures: S.figures, relations: S.relations});
    if (ok) { S.version = data.version; if (message) say(message); return true; }
    say(status === 409 ? `Refused, stale page: ${data.error}` : `Not saved: ${data.error}`, "error");
    return false;
  }

  function nextUndecided(from) {
    for (let i = from + 1; i < S.figures.length; i++) if (!S.figures[i].status) return i;
    for (let i = 0; i <= from && i < S.figures.length; i++) if (!S.figures[i].status) return i;
    return Math.min(from + 1, S.figures.length - 1);
  }

  function renderText() {
    const text = S.text;
    const checks = {};
    for (const c of S.checks || []) {
      if (c.status === "pass") continue;
      for (const id of String(c.figure_ids || "").split(";")) checks[id.trim()] = c.status;
    }
    const relationMembers = new Set(showRelation ? showRelation.split(";").map((x) => x.trim()) : []);
    // rejected before (raw/reviews): shown struck out where they stand, with their reason
    const rejected = (S.rejected || []).filter((r) => r.item === "figure" && /^\d+$/.test(r.offset)).map((r) => ({
      f: {figure_id: `rejected: ${r.reason}`, start: Number(r.offset), end: Number(r.offset) + r.value_text.length}, cls: "rejected"}));
    const spans = [
      ...rejected,
      ...S.curated.map((f, i) => ({f, cls: "curated", i})),
      ...S.figures.map((f, i) => ({f, cls: f.status === "accept" ? "accepted" : f.status === "reject" ? "rejected" : "pending", i, candidate: true})),
    ].filter((s) => s.f.start !== null && s.f.start !== undefined).sort((a, b) => a.f.start - b.f.start);
    let html = "", at = 0;
    for (const s of spans) {
      if (s.f.start < at) continue;  // overlapping: the first one wins
      html += esc(text.slice(at, s.f.start));
      const classes = ["fig", s.cls];
      if (s.candidate && s.i === current) classes.push("current");
      if (marked.includes(s.f.figure_id)) classes.push("marked");
      if (relationMembers.has(s.f.figure_id)) classes.push("member");
      if (checks[s.f.figure_id]) classes.push(`check-${checks[s.f.figure_id]}`);
      if (problems.some((p) => p.id === s.f.figure_id)) classes.push("problem");
      html += `<span class="${classes.join(" ")}" data-id="${esc(s.f.figure_id)}"${s.candidate ? ` data-index="${s.i}"` : ""} title="${esc(s.f.figure_id)}">${esc(text.slice(s.f.start, s.f.end))}</span>`;
      at = s.f.end;
    }
    $("#text").innerHTML = html + esc(text.slice(at));
    const decided = S.figures.filter((f) => f.status).length;
    $("#progress").textContent = `${S.state} · ${S.curated.length} in raw/ · ${decided} of ${S.figures.length} candidates decided`;
  }

  function renderEditor() {
    const f = figure();
    const box = $("#editor");
    if (!f) { box.innerHTML = "<h3>No candidates to review</h3><p>Every candidate is decided; Save moves them to raw/.</p>"; return; }
    const mine = problems.filter((p) => p.id === f.figure_id);
    const field = ([name, type]) => {
      const value = name === "sign" ? (String(f.value).startsWith("-") ? "-" : "+") : f[name];
      let control;
      if (Array.isArray(type)) control = `<select data-field="${name}">${type.map((o) => `<option${o === value ? " selected" : ""}>${esc(o)}</option>`).join("")}</select>`;
      else if (type === "sign") control = `<select data-field="sign"><option value="+"${value === "+" ? " selected" : ""}>+ (as written)</option><option value="-"${value === "-" ? " selected" : ""}>− (a decline)</option></select>`;
      else if (type === "text") control = `<input data-field="${name}" value="${esc(value)}">`;
      else control = `<span class="picker"><input data-field="${name}" data-table="${type}" autocomplete="off" value="${esc(value)}"></span>`;
      return `<label class="field field-${name}"><span>${name}</span>${control}</label>`;
    };
    box.innerHTML = `<h3>${esc(f.figure_id)} <span class="status status-${esc(f.status || "open")}">${esc(f.status || "to review")}</span>
      <small>confidence ${esc(f.confidence)}</small></h3>
      ${mine.map((p) => `<p class="error row-problem">${esc(p.reason)}</p>`).join("")}
      <div class="fields">${FIELDS.map(field).join("")}</div>
      <div id="reject-box" ${rejecting ? "" : "hidden"}><label>Reason for rejecting <input id="reject-reason" placeholder="e.g. a document number, not a figure"></label></div>`;
    for (const input of $$("[data-field]", box)) {
      const name = input.dataset.field;
      const commit = (value) => {
        if (name === "sign") {
          const v = String(f.value).replace(/^-/, "");
          f.value = value === "-" ? `-${v}` : v;
        } else f[name] = value;
        persist(`${f.figure_id}: ${name} saved`);
        renderText();
      };
      if (input.dataset.table) picker(input, input.dataset.table, commit);
      else {
        input.addEventListener("change", () => commit(input.value));
        input.addEventListener("keydown", (event) => { if (event.key === "Enter") input.blur(); });
      }
    }
    if (rejecting) {
      const reason = $("#reject-reason");
      reason.focus();
      reason.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && reason.value.trim()) { event.preventDefault(); decide("reject", reason.value.trim()); }
        if (event.key === "Escape") { rejecting = false; renderEditor(); }
      });
    }
  }

  function renderRelations() {
    const row = (r, editable) => `<li class="relation ${editable ? "status-" + esc(r.status || "open") : "curated"}" data-relation="${esc(r.relation_id)}">
      <b>${esc(r.relation_id)}</b> ${esc(r.kind)} <span class="members">${String(r.figure_ids).split(";").map((id) => `<a href="#" data-show="${esc(r.figure_ids)}">${esc(label(id.trim()))}</a>`).join(" · ")}</span>
      ${r.items ? `<div class="items">items: ${esc(r.items)}${r.list_open === "true" ? " 等" : ""}</div>` : ""}
      <div class="muted">${esc(r.severity)} · ${esc(r.reason)} ${editable ? `· <b>${esc(r.status || "to review")}</b>` : "(in raw/)"}</div>
      ${problems.filter((p) => p.id === r.relation_id).map((p) => `<p class="error row-problem">${esc(p.reason)}</p>`).join("")}
      ${editable ? `<button data-act="accept">accept</button> <button data-act="reject">reject</button> <button data-act="edit">edit</button>` : ""}
    </li>`;
    $("#relations").innerHTML = `<h3>Relations</h3><ul>${S.relations.map((r) => row(r, true)).join("")}${S.curated_relations.map((r) => row(r, false)).join("")}</ul>`
      + (S.relations.length + S.curated_relations.length ? "" : "<p class='muted'>none proposed</p>");
    for (const li of $$("#relations li.relation")) {
      const r = S.relations.find((x) => x.relation_id === li.dataset.relation);
      li.addEventListener("mouseenter", () => { showRelation = li.querySelector("[data-show]")?.dataset.show || null; renderText(); });
      for (const a of $$("[data-show]", li)) a.addEventListener("click", (e) => { e.preventDefault(); showRelation = a.dataset.show; renderText(); });
      for (const button of $$("button", li)) button.addEventListener("click", async () => {
        if (button.dataset.act === "edit") return editRelation(li, r);
        r.status = button.dataset.act;
        if (r.status === "reject") r.note = prompt("Reason for rejecting this relation", r.note || "") || r.note;
        await persist(`${r.relation_id}: ${r.status}ed`);
        renderRelations();
      });
    }
  }

  function editRelation(li, r) {
    li.innerHTML = `<div class="fields">
      <label class="field"><span>kind</span><select data-r="kind">${V.relation_kinds.map((k) => `<option${k === r.kind ? " selected" : ""}>${k}</option>`).join("")}</select></label>
      <label class="field"><span>figure_ids</span><input data-r="figure_ids" value="${esc(r.figure_ids)}"></label>
      <label class="field"><span>items</span><input data-r="items" value="${esc(r.items)}"></label>
      <label class="field"><span>list_open</span><select data-r="list_open"><option${r.list_open === "false" ? " selected" : ""}>false</option><option${r.list_open === "true" ? " selected" : ""}>true</option></select></label>
      <label class="field"><span>severity</span><select data-r="severity">${V.severities.map((k) => `<option${k === r.severity ? " selected" : ""}>${k}</option>`).join("")}</select></label>
      <label class="field"><span>reason</span><input data-r="reason" value="${esc(r.reason)}"></label></div>
      <button data-done>done</button>`;
    $("[data-done]", li).addEventListener("click", async () => {
      for (const input of $$("[data-r]", li)) r[input.dataset.r] = input.value;
      await persist(`${r.relation_id} saved`);
      renderRelations();
    });
  }

  function renderNewRelation() {
    $("#new-relation").innerHTML = `<h3>New relation</h3>
      <p class="muted">Mark its figures in order with <kbd>m</kbd> (or a click with Shift): ${marked.map(esc).join(" · ") || "none marked"}</p>
      <div class="fields">
      <label class="field"><span>kind</span><select id="nr-kind">${V.relation_kinds.map((k) => `<option>${k}</option>`).join("")}</select></label>
      <label class="field"><span>severity</span><select id="nr-severity">${V.severities.map((k) => `<option>${k}</option>`).join("")}</select></label>
      <label class="field"><span>items</span><input id="nr-items" placeholder="listed_count: names | separated"></label>
      <label class="field"><span>reason</span><input id="nr-reason" placeholder="where the text states it"></label></div>
      <button id="nr-create" ${marked.length ? "" : "disabled"}>Create relation from marked figures</button>`;
    $("#nr-create").addEventListener("click", async () => {
      const taken = S.relations.map((r) => parseInt((r.relation_id.match(/^c-r(\d+)$/) || [0, 0])[1], 10));
      const items = $("#nr-items").value.trim();
      S.relations.push({relation_id: `c-r${String(Math.max(0, ...taken) + 1).padStart(2, "0")}`, doc_id: S.doc.doc_id,
        kind: $("#nr-kind").value, figure_ids: marked.join(";"), items, list_open: items.endsWith("等") ? "true" : "false",
        severity: $("#nr-severity").value, reason: $("#nr-reason").value.trim() || "made by the reviewer",
        confidence: "1.00", status: "accept", note: "made by the reviewer"});
      marked = [];
      await persist("relation created");
      renderAll();
    });
  }

  function renderReference() {
    const tables = Object.keys(V.reference_columns);
    const form = (table) => V.reference_columns[table].map((c) => `<label class="field"><span>${c}</span><input data-ref="${c}"></label>`).join("");
    $("#reference").innerHTML = `<h3>Missing reference row</h3>
      <select id="ref-table">${tables.map((t) => `<option>${t}</option>`).join("")}</select>
      <div class="fields" id="ref-fields">${form(tables[0])}</div>
      <button id="ref-add">Add to raw/reference/</button> <span id="ref-result"></span>`;
    $("#ref-table").addEventListener("change", () => { $("#ref-fields").innerHTML = form($("#ref-table").value); });
    $("#ref-add").addEventListener("click", async () => {
      const body = {};
      for (const input of $$("[data-ref]")) body[input.dataset.ref] = input.value;
      const {ok, data} = await api("POST", `/api/reference/${$("#ref-table").value}`, body);
      $("#ref-result").className = ok ? "ok" : "error";
      $("#ref-result").textContent = ok ? `added: ${data.file}:${data.line}` : data.error;
    });
  }

  function renderChecks() {
    const checks = S.checks || [];
    const build = S.build || {};
    const head = build.running ? `<p class="running">Building… ${esc(build.seconds)} s</p>`
      : build.state && build.state !== "idle" ? `<p>Last build: <b>${esc(build.state)}</b> (${esc(build.seconds)} s)</p>` : "";
    $("#checks").innerHTML = `<h3>Checks <small>${esc(S.checks_from || "no build yet")}</small></h3>${head}
      <ul>${checks.map((c) => `<li class="check check-${esc(c.status)}" data-figures="${esc(c.figure_ids || "")}"><b>${esc(c.status)}</b> ${esc(c.check_id)} ${esc(c.rule)} · observed ${esc(c.observed)} expected ${esc(c.expected)}<div class="muted">${esc(c.message)}</div></li>`).join("")}</ul>`;
    for (const li of $$("#checks li.check")) li.addEventListener("click", () => {
      showRelation = li.dataset.figures;
      renderText();
      $("#text .member")?.scrollIntoView({block: "nearest"});
    });
  }

  function renderProblems() {
    $("#problems").innerHTML = problems.length ? `<h3>Problems (nothing changed)</h3><ul>${problems.map((p) =>
      `<li class="error" data-id="${esc(p.id)}">${p.id ? `<a href="#">${esc(p.id)}</a>: ` : ""}${esc(p.reason)}</li>`).join("")}</ul>` : "";
    for (const a of $$("#problems a")) a.addEventListener("click", (e) => {
      e.preventDefault();
      const i = S.figures.findIndex((f) => f.figure_id === a.closest("li").dataset.id);
      if (i >= 0) { current = i; renderAll(); }
    });
  }

  function renderAll() { renderText(); renderEditor(); renderRelations(); renderNewRelation(); renderChecks(); renderProblems(); scrollToCurrent(); }
  function scrollToCurrent() { $("#text .current")?.scrollIntoView({block: "nearest"}); }

  async function decide(status, reason) {
    const f = figure();
    if (!f) return;
    f.status = status;
    if (status === "reject") f.note = reason;
    rejecting = false;
    if (status) current = nextUndecided(current);
    renderAll();
    await persist(`${f.figure_id}: ${status || "undecided"}`);
  }

  function toggleMark(id) {
    marked = marked.includes(id) ? marked.filter((x) => x !== id) : [...marked, id];
    renderText(); renderNewRelation();
  }

  async function addMissed() {
    await queue;
    const selection = window.getSelection();
    const box = $("#text");
    if (!selection.rangeCount || !box.contains(selection.anchorNode)) return say("Select the number in the text first", "error");
    const range = selection.getRangeAt(0);
    const before = document.createRange();
    before.selectNodeContents(box);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const end = start + range.toString().length;
    const {ok, data} = await api("POST", `/api/documents/${S.doc.doc_id}/figures`, {version: S.version, start, end});
    if (!ok) return say(`Not added: ${data.error}`, "error");
    Object.assign(S, data);
    current = S.figures.findIndex((f) => f.figure_id === data.figure_id);
    say(`${data.figure_id} added from the selection: check its fields`);
    renderAll();
  }

  async function saveToRaw() {
    await queue;
    say("Saving to raw/…");
    const {ok, data} = await api("POST", `/api/documents/${S.doc.doc_id}/accept`, {version: S.version, id_prefix: $("#id-prefix").value.trim()});
    if (!ok) { problems = data.problems || []; say(data.error, "error"); renderAll(); return; }
    problems = [];
    Object.assign(S, data);
    current = Math.max(0, S.figures.findIndex((f) => !f.status));
    say(`Saved: ${Object.keys(data.accepted_ids).length} figures and ${data.relations_accepted} relations into raw/, ${data.rejected_count} rejected (kept in raw/reviews/), ${data.pending_count} still to review`, "ok");
    renderAll();
  }

  async function rebuild() {
    const {data} = await api("POST", "/api/build", {doc_id: S.doc.doc_id});
    S.build = data;
    renderChecks();
    say("Rebuilding (regstat build)…");
    const poll = async () => {
      const {data: status} = await api("GET", "/api/build");
      S.build = status;
      if (status.running) { renderChecks(); return setTimeout(poll, 1000); }
      const {data: fresh} = await api("GET", `/api/documents/${S.doc.doc_id}`);
      S.checks = fresh.checks; S.checks_from = fresh.checks_from; S.build = fresh.build;
      const bad = S.checks.filter((c) => c.status !== "pass");
      say(`Build ${status.state}: ${S.checks.length} checks of this document, ${bad.length} failing or warning`, bad.length ? "warn" : "ok");
      renderAll();
    };
    setTimeout(poll, 1000);
  }

  async function reextractAgain() {
    await queue;
    const {ok, data} = await api("POST", `/api/documents/${S.doc.doc_id}/reextract`, {version: S.version});
    if (!ok) return say(`Not extracted: ${data.error}`, "error");
    Object.assign(S, data);
    current = 0;
    say(`${data.candidates} candidates proposed (none rejected or accepted before)`);
    renderAll();
  }

  $("#text").addEventListener("click", (event) => {
    const span = event.target.closest(".fig");
    if (!span) return;
    if (event.shiftKey) return toggleMark(span.dataset.id);
    if (span.dataset.index !== undefined) { current = Number(span.dataset.index); rejecting = false; renderAll(); }
  });
  $("#save").addEventListener("click", saveToRaw);
  $("#rebuild").addEventListener("click", rebuild);
  $("#add-missed").addEventListener("mousedown", (e) => e.preventDefault());  // keep the text selection
  $("#add-missed").addEventListener("click", addMissed);
  $("#reextract").addEventListener("click", reextractAgain);
  picker($("#bulk-industry"), "industries", async (code) => {
    const empty = S.figures.filter((f) => !f.industry_code && f.status !== "reject");
    for (const f of empty) f.industry_code = code;
    await persist(`industry ${code} set on ${empty.length} figures without one`);
    renderEditor();
  });

  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    const actions = {
      a: () => decide("accept"),
      r: () => { if (figure()) { rejecting = true; renderEditor(); } },
      u: () => decide(""),
      n: () => { current = Math.min(current + 1, S.figures.length - 1); renderAll(); },
      j: () => actions.n(),
      p: () => { current = Math.max(current - 1, 0); renderAll(); },
      k: () => actions.p(),
      m: () => { if (figure()) toggleMark(figure().figure_id); },
      f: addMissed,
      s: saveToRaw,
      b: rebuild,
    };
    if (actions[key]) { event.preventDefault(); actions[key](); }
  });

  renderAll();
  renderReference();
}
