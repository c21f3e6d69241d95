//! Every endpoint's handler takes [`obp_api::guard::Authorized`] as its first extractor (an
//! `HttpRequest`, which reads nothing, may come before it), so
//! the guard (login, roles, endpoint validations) runs before it, except the operations of
//! [`obp_api::guard::UNGUARDED_OPERATIONS`], which take no endpoint validation either.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use obp_api::guard::UNGUARDED_OPERATIONS;
use support::rust_files;

/// `(operation id, first extractor of the handler but `HttpRequest`)` of every `#[endpoint]`
/// in `text`.
fn endpoints(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Declarations open a line (`#[endpoint(` then the verb on the next); mentions in
    // comments do not.
    for chunk in text.split("\n#[endpoint(\n").skip(1) {
        let op = chunk
            .split_once("operation_id = \"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(op, _)| op.to_owned())
            .expect("an endpoint without operation_id");
        let (_, after_fn) = chunk
            .split_once("pub async fn ")
            .expect("an endpoint without its handler");
        let params = after_fn
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(") ->"))
            .map(|(params, _)| params)
            .expect("a handler without parameters");
        let first = params
            .split(',')
            .map(str::trim)
            .find(|p| !p.is_empty() && !p.ends_with(": HttpRequest"))
            .unwrap_or("")
            .to_owned();
        out.push((op, first));
    }
    out
}

#[test]
fn every_endpoint_but_the_listed_ones_passes_its_guard_first() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut seen = 0;
    let mut unguarded = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (op, first) in endpoints(&text) {
            seen += 1;
            let guarded = first.contains("Authorized<");
            let listed = UNGUARDED_OPERATIONS.contains(&op.as_str());
            assert!(
                guarded != listed,
                "{op} ({}): first parameter `{first}`; take `Authorized<..>` first, or list it in \
                 UNGUARDED_OPERATIONS if it must answer without the guard",
                file.display()
            );
            if listed {
                unguarded.push(op);
            }
        }
    }
    assert!(
        seen > 200,
        "only {seen} endpoints found: is the parser still right?"
    );
    unguarded.sort();
    let mut listed: Vec<String> = UNGUARDED_OPERATIONS
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    listed.sort();
    assert_eq!(
        unguarded, listed,
        "UNGUARDED_OPERATIONS names an operation that does not exist"
    );
}
