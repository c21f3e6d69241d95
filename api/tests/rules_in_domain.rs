//! Source rules of `api/src`: decisions that belong to `obp-domain` stay there.
//!
//! * Role names exist only in the domain catalogue (`obp_domain::role`): no `Role { .. }`
//!   literal and no `"Can…"` role-name string in `api/src`. A role defined twice can drift
//!   (another `requires_bank_id`, a typo) and `GET /roles` would no longer list what the
//!   guards check. `Role` is `#[non_exhaustive]`, so the compiler already refuses a literal
//!   outside the domain; this test also catches the name as a bare string.
//! * View moderation decides in the domain (`obp_domain::moderation`): no `.allows(` in
//!   `api/src`, which only maps moderated values to JSON.
//!
//! Comment lines and everything from a file's first `#[cfg(test)]` on (the unit tests at the
//! end of a module) are not checked.

#![allow(clippy::panic)]

mod support;

use std::path::Path;

use support::rust_files;

/// Every non-comment line of `api/src` outside unit-test modules, as `(file:line, text)`.
fn source_lines() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut lines = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("#[cfg(test)]") {
                break;
            }
            if trimmed.starts_with("//") {
                continue;
            }
            let at = format!("{}:{}", file.display(), i + 1);
            lines.push((at, line.to_owned()));
        }
    }
    lines
}

/// Whether `line` holds a string literal starting with `Can` and an upper-case letter.
fn has_role_name_literal(line: &str) -> bool {
    line.match_indices("\"Can").any(|(i, m)| {
        line[i + m.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
    })
}

/// Whether `line` builds a `Role { .. }` itself (not a `ConsentRole { .. }` or other type whose
/// name ends in `Role`).
fn builds_a_role(line: &str) -> bool {
    line.match_indices("Role {").any(|(i, _)| {
        !line[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

fn violations(rule: impl Fn(&str) -> bool) -> Vec<String> {
    source_lines()
        .into_iter()
        .filter(|(_, line)| rule(line))
        .map(|(at, line)| format!("{at}: {}", line.trim()))
        .collect()
}

#[test]
fn role_names_are_defined_only_in_the_domain_catalogue() {
    let found = violations(|l| builds_a_role(l) || has_role_name_literal(l));
    assert!(
        found.is_empty(),
        "define roles in obp_domain::role and use them from there:\n{}",
        found.join("\n")
    );
}

#[test]
fn view_moderation_is_decided_in_the_domain() {
    let found = violations(|l| l.contains(".allows("));
    assert!(
        found.is_empty(),
        "moderate through obp_domain::moderation instead of asking the view per field:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_role_name_rule_sees_a_literal() {
    assert!(has_role_name_literal(r#"    name: "CanCreateBank","#));
    assert!(!has_role_name_literal(
        r#"    "Cannot parse", "Can", "Can't""#
    ));
}
