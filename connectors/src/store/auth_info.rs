//! What a remote connector tells the adapter about the calling user (OBP's
//! `outboundAdapterAuthInfo`): the user's auth context, the customers linked to the user and
//! the views the user holds.
//!
//! OBP builds it on every call from its own database (`CallContext.toOutboundAdapterCallContext`
//! in `ApiSession.scala`): customers linked to the user with their number and legal name, and,
//! for each view the user holds, the view and the account as `LocalMappedConnector` knows it
//! (routings, owners). This platform reads the same from its store, once per request and only
//! when a remote connector sends a message ([`loader`] is called lazily by
//! [`CallContext::load_auth_info`](obp_domain::context::CallContext::load_auth_info)).
//!
//! Where OBP and this platform differ, for the adapter's benefit and never beyond what the
//! platform knows:
//! - a linked customer held by a remote core is still sent (its CUSTOMER_ID is platform
//!   data; number and legal name are `""`), where OBP, reading only its local customers, drops
//!   it — so the adapter that holds the customer learns the link;
//! - a view on an account held by a remote core is still sent, with no routings (the platform
//!   does not ask the core to describe the caller on every call), where OBP drops it;
//! - `customerOwners` is always empty: the platform keeps no customer–account links;
//! - `userOwners` are the users holding the account's `owner` view (see [`owners_of`]);
//! - a message the star connector routes by bank carries that bank's linked customers and
//!   views only ([`CallContext::for_bank`](obp_domain::context::CallContext::for_bank)): OBP,
//!   usually in front of one core, sends all of them to every adapter.
//!
//! Under a consent, only the consent's views are sent; linked customers and the auth context
//! are the user's, as OBP sends them (a consent limits views and roles, not who the user is).
//! The info grows with the user's grants (about 400 bytes a view): a service user holding
//! thousands of views makes large messages.

use std::collections::{BTreeMap, BTreeSet};

use obp_domain::bank::Routing;
use obp_domain::context::{
    AccountOwner, AuthInfo, AuthInfoLoader, HeldView, LinkedCustomer, UserAuthContextPair,
};
use obp_domain::customer::Customer;
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{account_access, resource_user};
use super::user_auth_contexts::user_auth_contexts_of_user;
use super::user_customer_links::user_customer_links_of_user;
use super::views::{access_of_user, find_view_for_account};
use super::{Store, StoreResult};
use crate::mapped::entity::{account_routing, customer};

/// The view whose holders are the account's owners.
const OWNER_VIEW_ID: &str = "owner";

/// The loader the web layer puts in every authenticated call context: reads the user's
/// [`AuthInfo`] when a remote connector first needs it.
pub fn loader(store: Store) -> AuthInfoLoader {
    AuthInfoLoader::new(move |user_id| {
        let store = store.clone();
        Box::pin(async move { Ok(auth_info(&store, &user_id).await?) })
    })
}

/// The user's auth info as the store knows it.
///
/// # Errors
/// A database failure.
pub async fn auth_info(store: &Store, user_id: &str) -> StoreResult<AuthInfo> {
    let user_auth_context = user_auth_contexts_of_user(store, user_id)
        .await?
        .into_iter()
        .map(|r| UserAuthContextPair {
            key: r.key,
            value: r.value,
        })
        .collect();
    Ok(AuthInfo {
        user_auth_context,
        linked_customers: linked_customers(store, user_id).await?,
        auth_views: held_views(store, user_id).await?,
    })
}

/// The user's active customer links, ordered by CUSTOMER_ID, with the number and legal name of
/// the customers this platform keeps.
async fn linked_customers(store: &Store, user_id: &str) -> StoreResult<Vec<LinkedCustomer>> {
    let ids: BTreeSet<(String, String)> = user_customer_links_of_user(store, user_id)
        .await?
        .into_iter()
        .filter(|l| l.is_active)
        .map(|l| (l.customer_id, l.bank_id))
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for (customer_id, bank_id) in ids {
        let local = customer::Entity::find_by_id(customer_id.as_str())
            .one(&store.db)
            .await?;
        let (customer_number, legal_name) = local.map_or_else(Default::default, |row| {
            // The row's JSON is the mapped connector's own; a legal name it cannot read is
            // sent empty rather than failing the call.
            let legal_name = serde_json::from_str::<Customer>(&row.data)
                .map(|c| c.legal_name)
                .unwrap_or_default();
            (row.customer_number, legal_name)
        });
        out.push(LinkedCustomer {
            bank_id,
            customer_id,
            customer_number,
            legal_name,
        });
    }
    Ok(out)
}

/// The views the user holds, ordered by bank, account and view; a grant whose view no longer
/// exists is left out.
async fn held_views(store: &Store, user_id: &str) -> StoreResult<Vec<HeldView>> {
    let grants = access_of_user(store, user_id, None).await?;
    if grants.is_empty() {
        return Ok(Vec::new());
    }
    let held: BTreeSet<(String, String)> = grants
        .iter()
        .map(|g| (g.bank_id.clone(), g.account_id.clone()))
        .collect();
    let routings = routings_of(store, user_id, &held).await?;
    let owners = owners_of(store, user_id).await?;
    let mut out = Vec::with_capacity(grants.len());
    for g in grants {
        let Some(view) =
            find_view_for_account(store, &g.bank_id, &g.account_id, &g.view_id).await?
        else {
            continue;
        };
        let key = (g.bank_id, g.account_id);
        out.push(HeldView {
            view_id: g.view_id,
            view_name: view.name,
            view_description: view.description,
            account_routings: routings.get(&key).cloned().unwrap_or_default(),
            user_owners: owners.get(&key).cloned().unwrap_or_default(),
            bank_id: key.0,
            account_id: key.1,
        });
    }
    Ok(out)
}

/// The `account_id`s `user_id` holds a view on, as a subquery (one bound parameter however
/// many accounts the user holds).
fn accounts_held_by(user_id: &str) -> SelectStatement {
    Query::select()
        .column(account_access::Column::AccountId)
        .from(account_access::Entity)
        .and_where(account_access::Column::UserId.eq(user_id))
        .to_owned()
}

/// The routings, by scheme, of the accounts kept here that `user_id` holds a view on
/// (`held`).
async fn routings_of(
    store: &Store,
    user_id: &str,
    held: &BTreeSet<(String, String)>,
) -> StoreResult<BTreeMap<(String, String), Vec<Routing>>> {
    let rows = account_routing::Entity::find()
        .filter(account_routing::Column::AccountId.in_subquery(accounts_held_by(user_id)))
        .order_by_asc(account_routing::Column::Scheme)
        .all(&store.db)
        .await?;
    let mut out: BTreeMap<(String, String), Vec<Routing>> = BTreeMap::new();
    for r in rows {
        let key = (r.bank_id, r.account_id);
        // The subquery matches by account id alone; another bank's namesake is not the user's.
        if held.contains(&key) {
            out.entry(key).or_default().push(Routing {
                scheme: r.scheme,
                address: r.address,
            });
        }
    }
    Ok(out)
}

/// The users holding the `owner` view of the accounts `user_id` holds a view on (neither
/// deleted nor locked), ordered by USER_ID. These are this platform's account holders: the
/// `owner` view is what opening an account or the account refresh gives a holder (OBP reads
/// its `AccountHolders` table, which those same two fill); an administrator's grant of
/// `owner` makes a holder too.
async fn owners_of(
    store: &Store,
    user_id: &str,
) -> StoreResult<BTreeMap<(String, String), Vec<AccountOwner>>> {
    let grants = account_access::Entity::find()
        .filter(account_access::Column::ViewId.eq(OWNER_VIEW_ID))
        .filter(account_access::Column::AccountId.in_subquery(accounts_held_by(user_id)))
        .order_by_asc(account_access::Column::UserId)
        .all(&store.db)
        .await?;
    let owner_ids = Query::select()
        .column(account_access::Column::UserId)
        .from(account_access::Entity)
        .and_where(account_access::Column::ViewId.eq(OWNER_VIEW_ID))
        .and_where(account_access::Column::AccountId.in_subquery(accounts_held_by(user_id)))
        .to_owned();
    let users: BTreeMap<String, AccountOwner> = resource_user::Entity::find()
        .filter(resource_user::Column::Id.in_subquery(owner_ids))
        .filter(resource_user::Column::IsDeleted.eq(false))
        .filter(resource_user::Column::IsLocked.eq(false))
        .all(&store.db)
        .await?
        .into_iter()
        .map(|u| {
            (
                u.id.clone(),
                AccountOwner {
                    user_id: u.id,
                    email: u.email,
                    name: u.username,
                },
            )
        })
        .collect();
    let mut out: BTreeMap<(String, String), Vec<AccountOwner>> = BTreeMap::new();
    for g in grants {
        if let Some(u) = users.get(&g.user_id) {
            out.entry((g.bank_id, g.account_id))
                .or_default()
                .push(u.clone());
        }
    }
    Ok(out)
}
