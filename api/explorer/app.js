// API Explorer: reads the server's own resource docs (/obp/VERSION/resource-docs/VERSION/obp),
// lists the endpoints by tag, shows each one's documentation and lets a logged-in user send
// requests. Everything is same-origin; nothing is loaded from elsewhere. Text from the
// server is inserted as text (textContent), except the descriptions, which are the server's
// own HTML rendering of its endpoint documentation (scripts are blocked by the page's CSP).
"use strict";

const state = { version: "v5.1.0", docs: [], token: null, current: null };

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function pretty(value) {
  return JSON.stringify(value, null, 2);
}

async function loadVersions() {
  const select = $("version");
  let versions = ["v5.1.0"];
  try {
    const res = await fetch("/obp/v5.1.0/api/versions");
    if (res.ok) {
      const body = await res.json();
      versions = body.scanned_api_versions.map((v) => v.API_VERSION.replace(/^OBP/, ""));
    }
  } catch (_) { /* keep the default */ }
  for (const v of versions) select.append(el("option", { value: v, selected: v === state.version }, v));
  select.addEventListener("change", () => { state.version = select.value; loadDocs(); });
}

async function loadDocs() {
  const nav = $("endpoints");
  nav.replaceChildren(el("p", { id: "loading" }, "Loading resource docs…"));
  const v = state.version;
  const res = await fetch(`/obp/${v}/resource-docs/${v}/obp`);
  if (!res.ok) {
    nav.replaceChildren(el("p", { class: "status-error" }, `Could not load the resource docs (${res.status}).`));
    return;
  }
  const body = await res.json();
  state.docs = body.resource_docs;
  renderList();
}

function matches(doc, q) {
  if (!q) return true;
  const roles = (doc.roles || []).map((r) => r.role).join(" ");
  const hay = `${doc.summary} ${doc.specified_url} ${doc.operation_id} ${doc.request_verb} ${doc.tags.join(" ")} ${roles}`;
  return hay.toLowerCase().includes(q);
}

function renderList() {
  const q = $("search").value.trim().toLowerCase();
  const byTag = new Map();
  for (const doc of state.docs) {
    if (!matches(doc, q)) continue;
    const tag = doc.tags[0] || "Other";
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push(doc);
  }
  const nav = $("endpoints");
  const parts = [];
  for (const tag of [...byTag.keys()].sort()) {
    const items = byTag.get(tag).map((doc) => {
      const button = el("button", { type: "button", "data-operation-id": doc.operation_id },
        el("span", { class: `verb verb-${doc.request_verb}` }, doc.request_verb),
        el("span", {}, doc.summary));
      button.title = doc.specified_url;
      button.addEventListener("click", () => show(doc));
      return el("li", {}, button);
    });
    parts.push(el("section", {}, el("h2", {}, tag), el("ul", {}, ...items)));
  }
  if (parts.length === 0) parts.push(el("p", { class: "hint" }, "No endpoint matches."));
  nav.replaceChildren(...parts);
  nav.dataset.count = String(state.docs.filter((d) => matches(d, q)).length);
}

function show(doc) {
  state.current = doc;
  for (const b of document.querySelectorAll("nav li button")) {
    b.setAttribute("aria-current", String(b.dataset.operationId === doc.operation_id));
  }
  const detail = $("detail");
  const description = el("div", { class: "description" });
  description.innerHTML = doc.description;
  const roles = (doc.roles || []).length
    ? el("ul", { class: "roles" }, ...doc.roles.map((r) => el("li", {}, `${r.role}${r.requires_bank_id ? " (at the bank)" : ""}`)))
    : el("p", { class: "hint" }, "No role needed.");
  const errors = el("ul", { class: "errors" }, ...doc.error_response_bodies.map((e) => el("li", {}, e)));
  const url = el("input", { type: "text", id: "try-url", value: doc.specified_url, spellcheck: false });
  const hasBody = doc.example_request_body !== undefined;
  const body = hasBody ? el("textarea", { id: "try-body", spellcheck: false, value: pretty(doc.example_request_body) }) : null;
  const send = el("button", { type: "button", id: "try-send" }, `Send ${doc.request_verb}`);
  const result = el("div", { id: "try-result" });
  send.addEventListener("click", () => sendRequest(doc, url.value, body ? body.value : null, result));
  detail.replaceChildren(
    el("h2", {}, doc.summary),
    el("p", {}, el("span", { class: `verb verb-${doc.request_verb}` }, doc.request_verb), " ", el("span", { class: "url" }, doc.specified_url)),
    el("p", { class: "hint" }, `${doc.operation_id} · ${doc.tags.join(", ")}`),
    description,
    el("div", { class: "try" },
      el("h3", {}, "Try it"),
      el("label", {}, "URL (replace the UPPER_CASE parameters)", url),
      hasBody ? el("label", {}, "Body", body) : null,
      send, result),
    el("h3", {}, "Roles"), roles,
    hasBody ? el("h3", {}, "Example request") : null,
    hasBody ? el("pre", {}, pretty(doc.example_request_body)) : null,
    doc.success_response_body !== undefined ? el("h3", {}, "Example response") : null,
    doc.success_response_body !== undefined ? el("pre", {}, pretty(doc.success_response_body)) : null,
    el("h3", {}, "Errors"), errors);
}

async function sendRequest(doc, url, body, result) {
  const headers = { "Content-Type": "application/json" };
  if (state.token) headers.DirectLogin = `token=${state.token}`;
  result.replaceChildren(el("p", { class: "hint" }, "Sending…"));
  try {
    const res = await fetch(url, { method: doc.request_verb, headers, body: body === null ? undefined : body });
    const text = await res.text();
    let shown = text;
    try { shown = pretty(JSON.parse(text)); } catch (_) { /* not JSON: show as is */ }
    result.replaceChildren(
      el("p", { id: "try-status", class: res.ok ? "status-ok" : "status-error" }, `${res.status} ${res.statusText}`),
      el("pre", { id: "try-response" }, shown));
  } catch (e) {
    result.replaceChildren(el("p", { id: "try-status", class: "status-error" }, `Request failed: ${e}`));
  }
}

async function login(event) {
  event.preventDefault();
  const username = $("username").value;
  const password = $("password").value;
  const key = $("consumer-key").value;
  const status = $("login-status");
  status.textContent = "Logging in…";
  const header = `username="${username}", password="${password}", consumer_key="${key}"`;
  try {
    const res = await fetch("/my/logins/direct", { method: "POST", headers: { DirectLogin: header } });
    const body = await res.json();
    if (!res.ok) {
      status.textContent = body.message || `Login failed (${res.status})`;
      status.className = "status-error";
      return;
    }
    state.token = body.token;
    $("password").value = "";
    status.textContent = `Logged in as ${username}`;
    status.className = "status-ok";
    $("logout-button").hidden = false;
  } catch (e) {
    status.textContent = `Login failed: ${e}`;
    status.className = "status-error";
  }
}

function logout() {
  if (state.token) {
    // Revokes the token on the server too.
    fetch(`/obp/${state.version}/my/logins/direct`, { method: "DELETE", headers: { DirectLogin: `token=${state.token}` } }).catch(() => {});
  }
  state.token = null;
  $("login-status").textContent = "Not logged in";
  $("login-status").className = "";
  $("logout-button").hidden = true;
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("input", renderList);
  $("login").addEventListener("submit", login);
  $("logout-button").addEventListener("click", logout);
  loadVersions();
  loadDocs();
});
