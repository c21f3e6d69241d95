//! `#[endpoint(...)]`: the one declaration of an HTTP endpoint of `obp-api`.
//!
//! Why: an endpoint used to be written down three times — a `#[utoipa::path]` for the
//! OpenAPI document, an `endpoint!` guard marker for its login and roles, and an entry in a
//! hand-kept list of guards (and a fourth, its registration in a `configure` function) — and
//! nothing tied them together: forgetting one silently dropped the endpoint from the router or
//! its roles from the document. This attribute takes all of it at once and emits each part:
//!
//! ```ignore
//! #[endpoint(
//!     POST "/banks",
//!     operation_id = "OBPv5.0.0-createBank",
//!     login,
//!     roles = [role::CAN_CREATE_BANK],
//!     tag = "Bank",
//!     request_body = PostBankJson500,
//!     responses((status = 201, description = "The bank", body = BankJson500))
//! )]
//! pub async fn create_bank(auth: Authorized<CreateBank>, ...) -> ApiResult<HttpResponse> { ... }
//! ```
//!
//! emits
//! - the guard marker `CreateBank` (named after the operation id's last part, upper-camel;
//!   `guard = Name` overrides) implementing `crate::guard::Endpoint`, which the handler's
//!   `Authorized<CreateBank>` extractor enforces before the body runs;
//! - `#[utoipa::path(<every other argument>)]` and `#[post("/banks")]` on a shim
//!   `__route_<handler>` that calls the handler (utoipa reads the verb and path from the actix
//!   attribute, and only recognises it by its bare name, so the module must
//!   `use actix_web::{get, post, ...}` for the verbs it uses); the handler stays a plain fn;
//! - an `inventory` registration (`crate::guard::Registration`) through which the router
//!   serves the handler (`route`), and the OpenAPI document is built (`register`) and copies
//!   the guard.
//!
//! Arguments of its own (all others go to `utoipa::path` unchanged):
//! - first, the verb and the path: `GET "/banks/{bank_id}"` (GET, POST, PUT, DELETE, PATCH);
//! - `login` or `anonymous` (exactly one): whether a logged-in user is required;
//! - `roles = [..]`: roles of which the caller needs one (default none);
//! - `roles_in_handler`: the roles depend on the body; the handler checks them, the guard only
//!   documents them;
//! - `guard = Name`: the marker's name when the derived one does not fit;
//! - `unversioned`: mounted at the root, not under `/obp/{version}`;
//! - `shapes = TABLE`: the endpoint answers in a shape per version; `TABLE` is its
//!   `crate::versioned::Shapes` static, listed in the registration;
//! - `operation_id = ".."` is required (and also passed on to utoipa).

use proc_macro::TokenStream;
use proc_macro2::{Delimiter, Ident, Span, TokenStream as TokenStream2, TokenTree};
use quote::{format_ident, quote};
use syn::{parse_macro_input, ItemFn, LitStr};

/// Declares an endpoint; see the crate documentation.
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    let handler = parse_macro_input!(item as ItemFn);
    match expand(args.into(), handler) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

struct Declaration {
    verb: Ident,
    path: LitStr,
    login: bool,
    roles: Option<TokenStream2>,
    roles_in_handler: bool,
    guard: Option<Ident>,
    unversioned: bool,
    shapes: Option<TokenStream2>,
    operation_id: LitStr,
    utoipa: Vec<TokenStream2>,
}

/// `args` without invisible groups: a `macro_rules!` fragment (`$path:literal`) reaches an
/// attribute wrapped in a group without delimiters.
fn flatten(args: TokenStream2) -> Vec<TokenTree> {
    args.into_iter()
        .flat_map(|tt| match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => flatten(g.stream()),
            other => vec![other],
        })
        .collect()
}

/// Splits `args` at its top-level commas.
fn split_commas(args: TokenStream2) -> Vec<Vec<TokenTree>> {
    let mut items = vec![Vec::new()];
    for tt in flatten(args) {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => items.push(Vec::new()),
            _ => {
                if let Some(last) = items.last_mut() {
                    last.push(tt);
                }
            }
        }
    }
    items.retain(|i| !i.is_empty());
    items
}

fn err(span: Span, msg: &str) -> syn::Error {
    syn::Error::new(span, msg)
}

fn parse(args: TokenStream2) -> syn::Result<Declaration> {
    let mut items = split_commas(args).into_iter();
    let first = items
        .next()
        .ok_or_else(|| err(Span::call_site(), "expected `VERB \"/path\"` first"))?;
    let (verb, path) = match first.as_slice() {
        [TokenTree::Ident(v), TokenTree::Literal(l)] => {
            let verb = v.to_string();
            if !["GET", "POST", "PUT", "DELETE", "PATCH"].contains(&verb.as_str()) {
                return Err(err(v.span(), "the verb is GET, POST, PUT, DELETE or PATCH"));
            }
            let path: LitStr = syn::parse2(TokenTree::Literal(l.clone()).into())?;
            (
                format_ident!("{}", verb.to_lowercase(), span = v.span()),
                path,
            )
        }
        _ => {
            return Err(err(
                Span::call_site(),
                "expected `VERB \"/path\"` first, e.g. `GET \"/banks\"`",
            ))
        }
    };
    let mut login = None;
    let mut roles = None;
    let mut roles_in_handler = false;
    let mut guard = None;
    let mut unversioned = false;
    let mut shapes = None;
    let mut operation_id = None;
    let mut utoipa = Vec::new();
    for item in items {
        let key = match item.first() {
            Some(TokenTree::Ident(i)) => i.to_string(),
            _ => String::new(),
        };
        let span = item.first().map_or(Span::call_site(), TokenTree::span);
        let value: TokenStream2 = item.iter().skip(2).cloned().collect();
        let is_assignment = matches!(item.get(1), Some(TokenTree::Punct(p)) if p.as_char() == '=');
        match (key.as_str(), item.len()) {
            ("login", 1) | ("anonymous", 1) => {
                if login.replace(key == "login").is_some() {
                    return Err(err(span, "say `login` or `anonymous` once"));
                }
            }
            ("roles_in_handler", 1) => roles_in_handler = true,
            ("unversioned", 1) => unversioned = true,
            ("roles", _) if is_assignment => match item.get(2) {
                Some(TokenTree::Group(g))
                    if g.delimiter() == Delimiter::Bracket && item.len() == 3 =>
                {
                    roles = Some(g.stream());
                }
                _ => return Err(err(span, "expected `roles = [ROLE, ...]`")),
            },
            ("guard", 3) if is_assignment => match item.get(2) {
                Some(TokenTree::Ident(i)) => guard = Some(i.clone()),
                _ => return Err(err(span, "expected `guard = MarkerName`")),
            },
            ("shapes", _) if is_assignment && item.len() > 2 => shapes = Some(value),
            ("operation_id", _) if is_assignment => {
                operation_id = Some(syn::parse2::<LitStr>(value)?);
                utoipa.push(item.into_iter().collect());
            }
            ("path", _) if is_assignment => {
                return Err(err(span, "the path is given first, with the verb"));
            }
            _ => utoipa.push(item.into_iter().collect()),
        }
    }
    let login = login.ok_or_else(|| err(Span::call_site(), "say `login` or `anonymous`"))?;
    let operation_id = operation_id
        .ok_or_else(|| err(Span::call_site(), "`operation_id = \"..\"` is required"))?;
    Ok(Declaration {
        verb,
        path,
        login,
        roles,
        roles_in_handler,
        guard,
        unversioned,
        shapes,
        operation_id,
        utoipa,
    })
}

/// `OBPv4.0.0-getBanks` → `GetBanks`; `directLogin` → `DirectLogin`.
fn marker_name(operation_id: &LitStr) -> syn::Result<Ident> {
    let op = operation_id.value();
    let last = op.rsplit('-').next().unwrap_or(&op);
    let mut chars = last.chars();
    let name: String = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => String::new(),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(err(
            operation_id.span(),
            "cannot name the guard after this operation id; add `guard = Name`",
        ));
    }
    Ok(Ident::new(&name, operation_id.span()))
}

fn expand(args: TokenStream2, handler: ItemFn) -> syn::Result<TokenStream2> {
    let d = parse(args)?;
    let marker = match d.guard {
        Some(g) => g,
        None => marker_name(&d.operation_id)?,
    };
    let Declaration {
        verb,
        path,
        login,
        roles,
        roles_in_handler,
        unversioned,
        shapes,
        operation_id,
        utoipa,
        ..
    } = d;
    let shapes = match shapes {
        Some(table) => quote!(::core::option::Option::Some(&#table)),
        None => quote!(::core::option::Option::None),
    };
    let roles = roles.unwrap_or_default();
    let name = &handler.sig.ident;
    let (doc_shim, doc_name) = doc_shim(&handler, &verb, &path, &utoipa)?;
    let method = verb.to_string().to_uppercase();
    let doc = format!("Guard marker of `{}`.", operation_id.value());
    let mount = if unversioned {
        quote!(crate::guard::Mount::Root)
    } else {
        quote!(crate::guard::Mount::Versioned)
    };
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug)]
        pub struct #marker;
        impl crate::guard::Endpoint for #marker {
            const GUARD: crate::guard::Guard = crate::guard::Guard {
                operation_id: #operation_id,
                login_required: #login,
                roles: &[#roles],
                roles_checked_in_handler: #roles_in_handler,
            };
        }
        ::inventory::submit! {
            crate::guard::Registration {
                guard: <#marker as crate::guard::Endpoint>::GUARD,
                method: #method,
                path: #path,
                mount: #mount,
                shapes: #shapes,
                register: |cfg| {
                    cfg.service(#doc_name);
                },
                route: || ::actix_web::web::route().to(#name),
            }
        }
        #doc_shim
        #handler
    })
}

/// The actix resource and OpenAPI path of the handler: a fn named `__route_<handler>` that
/// calls the handler, under `#[utoipa::path]` and the actix verb attribute, with the handler's
/// doc comment (utoipa's summary and description). The handler itself stays a plain `async fn`
/// under its own name (its `#[tracing::instrument]` span keeps that name), so
/// [`crate::guard::Registration::route`] can hand it to the router that serves requests; the
/// resource is what the OpenAPI document and the unversioned (root) endpoints are built from.
fn doc_shim(
    handler: &ItemFn,
    verb: &Ident,
    path: &LitStr,
    utoipa: &[TokenStream2],
) -> syn::Result<(TokenStream2, Ident)> {
    let sig = &handler.sig;
    let name = &sig.ident;
    let shim = format_ident!("__route_{}", name);
    let docs = handler.attrs.iter().filter(|a| a.path().is_ident("doc"));
    let mut params = Vec::new();
    let mut args = Vec::new();
    for (i, input) in sig.inputs.iter().enumerate() {
        match input {
            syn::FnArg::Typed(t) => {
                let arg = format_ident!("__arg{}", i);
                let ty = &t.ty;
                params.push(quote!(#arg: #ty));
                args.push(arg);
            }
            syn::FnArg::Receiver(r) => {
                return Err(syn::Error::new_spanned(r, "a handler takes no self"))
            }
        }
    }
    let output = &sig.output;
    Ok((
        quote! {
            #(#docs)*
            #[::utoipa::path(#(#utoipa),*)]
            #[#verb(#path)]
            #[allow(clippy::too_many_arguments)]
            async fn #shim(#(#params),*) #output {
                #name(#(#args),*).await
            }
        },
        shim,
    ))
}
