//! `GET /roles` lists only roles something checks ([`obp_api::guard::is_checked`]): the
//! roles of endpoint declarations and [`obp_api::guard::CHECKED_BY_SERVICES`].
//!
//! This test keeps that set true from the other side: every role constant the server's code
//! names (`role::CAN_...`) must be checked, unless it is only granted (listed below, with
//! why). A service that starts checking a new role by rule therefore fails here until the
//! role is declared on its endpoint or added to `CHECKED_BY_SERVICES`.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use obp_domain::role::ALL_ROLES;
use support::rust_files;

/// Roles the code grants but no endpoint here checks, with why they are granted.
const GRANTED_ONLY: &[(&str, &str)] = &[(
    "CanReadDynamicResourceDocsAtOneBank",
    "OBP grants it to a bank's creator; dynamic resource docs are not served yet",
)];

/// `CAN_CREATE_BRANCH` → the catalogue's `CanCreateBranch`.
fn role_of(constant: &str) -> Option<&'static str> {
    let key: String = constant.chars().filter(|c| *c != '_').collect();
    ALL_ROLES
        .iter()
        .map(|r| r.name)
        .find(|n| n.eq_ignore_ascii_case(&key))
}

fn named_role_constants() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            let mut rest = code;
            while let Some(at) = rest.find("CAN_") {
                let tail = &rest[at..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
                    .unwrap_or(tail.len());
                let before = rest[..at].chars().last();
                if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.insert(tail[..end].to_owned());
                }
                rest = &tail[end..];
            }
        }
    }
    out
}

#[test]
fn every_role_the_code_names_is_listed_by_get_roles() {
    let constants = named_role_constants();
    assert!(constants.len() > 50, "{constants:?}");
    let mut unchecked = Vec::new();
    for c in &constants {
        let Some(name) = role_of(c) else {
            // Not a role of the catalogue (another constant that starts with CAN_).
            continue;
        };
        let granted_only = GRANTED_ONLY.iter().any(|(n, _)| *n == name);
        if obp_api::guard::is_checked(name) == granted_only {
            unchecked.push(format!(
                "{name}: checked {}, granted-only {granted_only}",
                obp_api::guard::is_checked(name)
            ));
        }
    }
    assert!(unchecked.is_empty(), "{unchecked:#?}");
}

#[test]
fn roles_nothing_checks_are_not_listed() {
    assert!(obp_api::guard::is_checked("CanCreateBranch"));
    assert!(obp_api::guard::is_checked("CanCreateAnyTransactionRequest"));
    // In OBP's catalogue, but no endpoint here asks for it.
    assert!(!obp_api::guard::is_checked("CanAddSocialMediaHandle"));
}
