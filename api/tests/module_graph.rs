//! The module graph of `api/src`: no import cycles, and no route imports another route.
//!
//! Why: a cycle means two modules can only be understood (and changed) together, and it is
//! how handlers used to reach into each other's helpers instead of a shared service. The
//! layers are `routes` → `service` → (`access`, `json`, `moderation`, connectors, domain);
//! what two resources share lives below `routes`, never in one of them.
//!
//! The graph is read from the source text: each file is a module (`x.rs` and `x/mod.rs` are
//! `x`); an edge runs from a file to the module of every path it names with `crate::`,
//! `super::` or `self::` (brace groups expanded), and to a child module it names bare
//! (`json::X` in `banks/mod.rs`). A path is resolved to the longest module prefix that is a
//! file. References to the crate root (re-exports such as `crate::endpoint`) are not edges:
//! the root only declares modules. Comment lines and a file's unit-test module (from its
//! first `#[cfg(test)]` on) are not read.

#![allow(clippy::panic)]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use support::rust_files;

type Module = Vec<String>;

/// `src/a/b.rs` → `[a, b]`, `src/a/mod.rs` → `[a]`, `src/lib.rs` / `src/main.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_owned());
    }
    parts
}

/// The file's code: comment lines dropped, cut at its first `#[cfg(test)]`.
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Reads the path that starts at `s` (after a `crate::`-like prefix): identifiers joined by
/// `::`, expanding one `{a, b::c}` group per level. Pushes every full path into `out`.
fn read_paths(s: &str, prefix: &[String], out: &mut Vec<Module>) {
    let mut path = prefix.to_vec();
    let mut rest = s.trim_start();
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut end = group.len();
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &group[..end];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        read_paths(&inner[start..i], &path, out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            read_paths(&inner[start..], &path, out);
            return;
        }
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        let ident = &rest[..len];
        if ident == "self" {
            break;
        }
        path.push(ident.to_owned());
        rest = &rest[len..];
        match rest.strip_prefix("::") {
            Some(r) => rest = r.trim_start(),
            None => break,
        }
    }
    out.push(path);
}

/// Every absolute path `code` (the code of module `me`) names.
fn referenced_paths(code: &str, me: &Module, children: &BTreeSet<String>) -> Vec<Module> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || !(is_ident(bytes[i - 1]) || bytes[i - 1] == ':');
        if !at_word_start || !is_ident(bytes[i]) {
            i += 1;
            continue;
        }
        let rest: String = bytes[i..].iter().take(200).collect();
        let word_len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let word = &rest[..word_len];
        let after = &rest[word_len..];
        if let Some(tail) = after.strip_prefix("::") {
            let mut base: Option<Module> = match word {
                "crate" => Some(Vec::new()),
                "self" => Some(me.clone()),
                "super" => Some(me[..me.len().saturating_sub(1)].to_vec()),
                w if children.contains(w) => {
                    let mut m = me.clone();
                    m.push(w.to_owned());
                    read_paths(tail, &m, &mut out);
                    None
                }
                _ => None,
            };
            let mut tail = tail;
            while let (Some(b), Some(t)) = (base.as_mut(), tail.strip_prefix("super::")) {
                b.pop();
                tail = t;
            }
            if let Some(b) = base {
                read_paths(tail, &b, &mut out);
            }
        }
        i += word_len.max(1);
    }
    out
}

struct Graph {
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.retain(|f| f.file_name().is_some_and(|n| n != "main.rs"));
    let modules: BTreeMap<Module, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (me, file) in &modules {
        let children: BTreeSet<String> = modules
            .keys()
            .filter(|m| m.len() == me.len() + 1 && m.starts_with(me))
            .filter_map(|m| m.last().cloned())
            .collect();
        let code = code_of(file);
        let targets = edges.entry(me.clone()).or_default();
        for path in referenced_paths(&code, me, &children) {
            let target = (0..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains_key(p))
                .unwrap_or_default();
            if !target.is_empty() && &target != me {
                targets.insert(target);
            }
        }
    }
    Graph { edges }
}

fn name(m: &Module) -> String {
    m.join("::")
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<Module>> {
    struct State<'a> {
        g: &'a Graph,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        next: usize,
        out: Vec<Vec<Module>>,
    }
    fn visit(s: &mut State<'_>, v: &Module) {
        s.index.insert(v.clone(), s.next);
        s.low.insert(v.clone(), s.next);
        s.next += 1;
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        let next: Vec<Module> = s.g.edges.get(v).into_iter().flatten().cloned().collect();
        for w in next {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let lw = s.low[&w];
                let lv = s.low[v];
                s.low.insert(v.clone(), lv.min(lw));
            } else if s.on_stack.contains(&w) {
                let iw = s.index[&w];
                let lv = s.low[v];
                s.low.insert(v.clone(), lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = &w == v;
                comp.push(w);
                if done {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    let all: Vec<Module> = g.edges.keys().cloned().collect();
    for v in &all {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn api_src_has_no_module_cycles() {
    let g = graph();
    let found: Vec<String> = cycles(&g)
        .iter()
        .map(|c| {
            let members: BTreeSet<&Module> = c.iter().collect();
            let detail: Vec<String> = c
                .iter()
                .flat_map(|m| {
                    g.edges[m]
                        .iter()
                        .filter(|t| members.contains(t))
                        .map(move |t| format!("{} → {}", name(m), name(t)))
                })
                .collect();
            detail.join(", ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles among api/src modules (move what both sides need below them):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_route_imports_another_route() {
    let g = graph();
    let mut bad = Vec::new();
    for (from, targets) in &g.edges {
        let [first, resource, ..] = from.as_slice() else {
            continue;
        };
        if first != "routes" {
            continue;
        }
        for t in targets {
            if let [tf, tr, ..] = t.as_slice() {
                if tf == "routes" && tr != resource {
                    bad.push(format!("{} → {}", name(from), name(t)));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "a route module imports another resource's route module (share through \
         crate::service, crate::json, crate::paths or crate::access instead):\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_graph_reader_sees_edges() {
    // Guards the reader itself: a parse that found nothing would pass the tests above.
    let g = graph();
    let routes_banks = vec!["routes".to_owned(), "banks".to_owned()];
    let edges = &g.edges[&routes_banks];
    assert!(edges.contains(&vec!["state".to_owned()]), "{edges:?}");
    assert!(
        edges.contains(&vec![
            "routes".to_owned(),
            "banks".to_owned(),
            "json".to_owned()
        ]),
        "{edges:?}"
    );
    let mut out = Vec::new();
    read_paths("{a, b::{c, d}, e::f}", &["x".to_owned()], &mut out);
    let names: Vec<String> = out.iter().map(name).collect();
    assert_eq!(names, ["x::a", "x::b::c", "x::b::d", "x::e::f"]);
}
