//! OBP's JSON shapes of views: the view itself (`ViewJsonV500`, `ViewJsonV300`,
//! `CustomViewJsonV510`), the create/update bodies and the account-access bodies.

use std::borrow::Cow;

use obp_domain::ids::ViewId;
use obp_domain::view::{Permission, PermissionSet, ViewAlias, ViewDefinition};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::service::views::{
    AccessChange, DauthAccess, NewSystemView, NewView, SystemViewUpdate, ViewSettings,
};

fn alias_str(a: ViewAlias) -> &'static str {
    match a {
        ViewAlias::None => "",
        ViewAlias::Public => "public",
        ViewAlias::Private => "private",
    }
}

fn id_strings(l: &[ViewId]) -> Vec<String> {
    l.iter().map(|i| i.as_str().to_owned()).collect()
}

// ------------------------------------------------------------------------ the view JSON

/// `ViewJsonV300`: a view's identity, flags and one boolean per permission (`can_*`).
///
/// Serialised with its keys in sorted order, permissions interleaved: the server has always
/// sent this body that way (it was built as a `serde_json` map, which sorts its keys), and
/// the bytes on the wire stay as they were.
#[derive(Debug, Clone)]
pub struct ViewJsonV300 {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub short_name: String,
    /// Description.
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// System view.
    pub is_system: bool,
    /// Firehose view.
    pub is_firehose: bool,
    /// `public`, `private` or `""`.
    pub alias: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// The permissions: every permission is sent as `"<name>": true|false`.
    pub permissions: PermissionSet,
}

/// `ViewJsonV500`: [`ViewJsonV300`] and the system views a holder may grant and revoke.
#[derive(Debug, Clone)]
pub struct ViewJsonV500 {
    /// Identity, flags and permissions.
    pub view: ViewJsonV300,
    /// System views a holder may grant.
    pub can_grant_access_to_views: Vec<String>,
    /// System views a holder may revoke.
    pub can_revoke_access_to_views: Vec<String>,
}

impl From<&ViewDefinition> for ViewJsonV300 {
    fn from(v: &ViewDefinition) -> Self {
        Self {
            id: v.id.as_str().to_owned(),
            short_name: v.name.clone(),
            description: v.description.clone(),
            metadata_view: v.metadata_view.clone(),
            is_public: v.is_public,
            is_system: v.is_system,
            is_firehose: v.is_firehose,
            alias: alias_str(v.alias).to_owned(),
            hide_metadata_if_alias_used: v.hide_metadata_if_alias_used,
            permissions: v.permissions,
        }
    }
}

impl From<&ViewDefinition> for ViewJsonV500 {
    fn from(v: &ViewDefinition) -> Self {
        Self {
            view: v.into(),
            can_grant_access_to_views: id_strings(&v.can_grant_access_to_views),
            can_revoke_access_to_views: id_strings(&v.can_revoke_access_to_views),
        }
    }
}

/// One value of the view JSON.
#[derive(Serialize)]
#[serde(untagged)]
enum Field<'a> {
    Text(&'a str),
    Flag(bool),
    Ids(&'a [String]),
}

impl ViewJsonV300 {
    fn fields(&self) -> Vec<(&'static str, Field<'_>)> {
        let mut f = vec![
            ("id", Field::Text(&self.id)),
            ("short_name", Field::Text(&self.short_name)),
            ("description", Field::Text(&self.description)),
            ("metadata_view", Field::Text(&self.metadata_view)),
            ("is_public", Field::Flag(self.is_public)),
            ("is_system", Field::Flag(self.is_system)),
            ("is_firehose", Field::Flag(self.is_firehose)),
            ("alias", Field::Text(&self.alias)),
            (
                "hide_metadata_if_alias_used",
                Field::Flag(self.hide_metadata_if_alias_used),
            ),
        ];
        f.extend(
            self.permissions
                .flags()
                .chain(self.permissions.alias_flags())
                .map(|(name, allowed)| (name, Field::Flag(allowed))),
        );
        f
    }
}

fn serialize_sorted<S: Serializer>(
    mut fields: Vec<(&'static str, Field<'_>)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    fields.sort_by_key(|(name, _)| *name);
    let mut m = s.serialize_map(Some(fields.len()))?;
    for (name, value) in &fields {
        m.serialize_entry(name, value)?;
    }
    m.end()
}

impl Serialize for ViewJsonV300 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_sorted(self.fields(), s)
    }
}

impl Serialize for ViewJsonV500 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = self.view.fields();
        f.push((
            "can_grant_access_to_views",
            Field::Ids(&self.can_grant_access_to_views),
        ));
        f.push((
            "can_revoke_access_to_views",
            Field::Ids(&self.can_revoke_access_to_views),
        ));
        serialize_sorted(f, s)
    }
}

/// The schema of the view JSON, with the grant/revoke lists for v5.0.0: every field is
/// always present.
fn view_schema(description: &str, grant_lists: bool) -> Schema {
    let text = |d: &str| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(d))
    };
    let flag = |d: &str| {
        ObjectBuilder::new()
            .schema_type(Type::Boolean)
            .description(Some(d))
    };
    let mut o = ObjectBuilder::new()
        .description(Some(description))
        .property("id", text("VIEW_ID."))
        .property("short_name", text("Name."))
        .property("description", text("Description."))
        .property("metadata_view", text("Metadata view."))
        .property("is_public", flag("Public."))
        .property("is_system", flag("System view."))
        .property("is_firehose", flag("Firehose view."))
        .property("alias", text("`public`, `private` or `\"\"`."))
        .property(
            "hide_metadata_if_alias_used",
            flag("Hide metadata when an alias is used."),
        );
    let mut required = vec![
        "id",
        "short_name",
        "description",
        "metadata_view",
        "is_public",
        "is_system",
        "is_firehose",
        "alias",
        "hide_metadata_if_alias_used",
    ];
    if grant_lists {
        let ids = |d: &str| {
            ArrayBuilder::new()
                .items(ObjectBuilder::new().schema_type(Type::String))
                .description(Some(d))
        };
        o = o
            .property(
                "can_grant_access_to_views",
                ids("System views a holder may grant."),
            )
            .property(
                "can_revoke_access_to_views",
                ids("System views a holder may revoke."),
            );
        required.extend(["can_grant_access_to_views", "can_revoke_access_to_views"]);
    }
    for p in Permission::ALL {
        o = o.property(p.as_str(), flag("Whether the view has this permission."));
        required.push(p.as_str());
    }
    for (alias, p) in Permission::ALIASES {
        o = o.property(
            *alias,
            flag(&format!("OBP's name of `{}`: the same value.", p.as_str())),
        );
        required.push(alias);
    }
    for r in required {
        o = o.required(r);
    }
    o.build().into()
}

impl PartialSchema for ViewJsonV300 {
    fn schema() -> RefOr<Schema> {
        view_schema(
            "`ViewJsonV300`: identity, flags and one boolean per permission.",
            false,
        )
        .into()
    }
}

impl ToSchema for ViewJsonV300 {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ViewJsonV300")
    }
}

impl PartialSchema for ViewJsonV500 {
    fn schema() -> RefOr<Schema> {
        view_schema(
            "`ViewJsonV500`: identity, flags, grant lists and one boolean per permission.",
            true,
        )
        .into()
    }
}

impl ToSchema for ViewJsonV500 {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ViewJsonV500")
    }
}

/// `{views: [ViewJsonV500]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViewsJson {
    /// Views.
    pub views: Vec<ViewJsonV500>,
}

/// `{views: [{id}]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViewsIdsJson {
    /// Ids.
    pub views: Vec<ViewIdJson>,
}

/// `{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViewIdJson {
    /// VIEW_ID.
    pub id: String,
}

/// `CustomViewJsonV510`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomViewJson {
    /// VIEW_ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Alias.
    pub alias: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_permissions: Vec<String>,
}

impl From<&ViewDefinition> for CustomViewJson {
    fn from(v: &ViewDefinition) -> Self {
        Self {
            id: v.id.as_str().to_owned(),
            name: v.name.clone(),
            description: v.description.clone(),
            metadata_view: v.metadata_view.clone(),
            is_public: v.is_public,
            alias: alias_str(v.alias).to_owned(),
            hide_metadata_if_alias_used: v.hide_metadata_if_alias_used,
            allowed_permissions: v
                .permissions
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
        }
    }
}

/// `{revoked: true}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevokedJson {
    /// Whether the access was revoked.
    pub revoked: bool,
}

// ------------------------------------------------------------------------------ bodies

/// `CreateViewJsonV500` (system views).
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateViewJson {
    /// Name; the view id derives from it.
    #[schema(max_length = 125)]
    pub name: String,
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public (refused for system views).
    pub is_public: bool,
    /// `public`, `private` or `""`.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
    /// System views holders may grant.
    pub can_grant_access_to_views: Option<Vec<String>>,
    /// System views holders may revoke.
    pub can_revoke_access_to_views: Option<Vec<String>>,
}

impl From<CreateViewJson> for NewSystemView {
    fn from(b: CreateViewJson) -> Self {
        Self {
            view: NewView {
                name: b.name,
                settings: ViewSettings {
                    description: b.description,
                    metadata_view: b.metadata_view,
                    is_public: b.is_public,
                    which_alias_to_use: b.which_alias_to_use,
                    hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
                    permissions: b.allowed_actions,
                },
            },
            can_grant_access_to_views: b.can_grant_access_to_views,
            can_revoke_access_to_views: b.can_revoke_access_to_views,
        }
    }
}

/// `UpdateViewJsonV500`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateViewJson {
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Firehose.
    pub is_firehose: Option<bool>,
    /// Alias.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
    /// System views holders may grant.
    pub can_grant_access_to_views: Option<Vec<String>>,
    /// System views holders may revoke.
    pub can_revoke_access_to_views: Option<Vec<String>>,
}

impl From<UpdateViewJson> for SystemViewUpdate {
    fn from(b: UpdateViewJson) -> Self {
        Self {
            settings: ViewSettings {
                description: b.description,
                metadata_view: b.metadata_view,
                is_public: b.is_public,
                which_alias_to_use: b.which_alias_to_use,
                hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
                permissions: b.allowed_actions,
            },
            is_firehose: b.is_firehose,
            can_grant_access_to_views: b.can_grant_access_to_views,
            can_revoke_access_to_views: b.can_revoke_access_to_views,
        }
    }
}

/// `CreateCustomViewJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateCustomViewJson {
    /// Name; the id derives from it and must start with `_`.
    #[schema(max_length = 125)]
    pub name: String,
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Alias.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_permissions: Vec<String>,
}

impl From<CreateCustomViewJson> for NewView {
    fn from(b: CreateCustomViewJson) -> Self {
        Self {
            name: b.name,
            settings: ViewSettings {
                description: b.description,
                metadata_view: b.metadata_view,
                is_public: b.is_public,
                which_alias_to_use: b.which_alias_to_use,
                hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
                permissions: b.allowed_permissions,
            },
        }
    }
}

/// `UpdateCustomViewJson`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateCustomViewJson {
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// Alias.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_permissions: Vec<String>,
}

impl From<UpdateCustomViewJson> for ViewSettings {
    fn from(b: UpdateCustomViewJson) -> Self {
        Self {
            description: b.description,
            metadata_view: b.metadata_view,
            is_public: b.is_public,
            which_alias_to_use: b.which_alias_to_use,
            hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
            permissions: b.allowed_permissions,
        }
    }
}

/// `CreateViewJsonV300`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateViewJsonV300 {
    /// Name; the id derives from it and must start with `_`.
    #[schema(max_length = 125)]
    pub name: String,
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// `public`, `private` or `""`.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
}

impl From<CreateViewJsonV300> for NewView {
    fn from(b: CreateViewJsonV300) -> Self {
        Self {
            name: b.name,
            settings: ViewSettings {
                description: b.description,
                metadata_view: b.metadata_view,
                is_public: b.is_public,
                which_alias_to_use: b.which_alias_to_use,
                hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
                permissions: b.allowed_actions,
            },
        }
    }
}

/// `UpdateViewJsonV300`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateViewJsonV300 {
    /// Description.
    #[schema(max_length = 255)]
    pub description: String,
    /// Metadata view.
    pub metadata_view: String,
    /// Public.
    pub is_public: bool,
    /// `public`, `private` or `""`.
    pub which_alias_to_use: String,
    /// Hide metadata when an alias is used.
    pub hide_metadata_if_alias_used: bool,
    /// Permission names.
    pub allowed_actions: Vec<String>,
}

impl From<UpdateViewJsonV300> for ViewSettings {
    fn from(b: UpdateViewJsonV300) -> Self {
        Self {
            description: b.description,
            metadata_view: b.metadata_view,
            is_public: b.is_public,
            which_alias_to_use: b.which_alias_to_use,
            hide_metadata_if_alias_used: b.hide_metadata_if_alias_used,
            permissions: b.allowed_actions,
        }
    }
}

/// `PostAccountAccessJsonV510`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostAccountAccessJson {
    /// The user to grant to / revoke from.
    pub user_id: String,
    /// The target view.
    pub view_id: String,
}

impl From<PostAccountAccessJson> for AccessChange {
    fn from(b: PostAccountAccessJson) -> Self {
        Self {
            user_id: b.user_id,
            view_id: b.view_id,
        }
    }
}

/// `PostCreateUserAccountAccessJsonV510`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostCreateUserAccountAccessJson {
    /// Username of the (DAuth) user, created when missing.
    pub username: String,
    /// Provider; must start with `dauth.`.
    #[schema(example = "dauth.example")]
    pub provider: String,
    /// The target view.
    pub view_id: String,
}

impl From<PostCreateUserAccountAccessJson> for DauthAccess {
    fn from(b: PostCreateUserAccountAccessJson) -> Self {
        Self {
            username: b.username,
            provider: b.provider,
            view_id: b.view_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use obp_domain::view::ViewAlias;

    /// The view JSON as the server built it before it was typed: a `serde_json` map.
    fn as_map(v: &ViewDefinition, grant_lists: bool) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("id".into(), v.id.as_str().into());
        m.insert("short_name".into(), v.name.clone().into());
        m.insert("description".into(), v.description.clone().into());
        m.insert("metadata_view".into(), v.metadata_view.clone().into());
        m.insert("is_public".into(), v.is_public.into());
        m.insert("is_system".into(), v.is_system.into());
        m.insert("is_firehose".into(), v.is_firehose.into());
        m.insert("alias".into(), alias_str(v.alias).into());
        m.insert(
            "hide_metadata_if_alias_used".into(),
            v.hide_metadata_if_alias_used.into(),
        );
        if grant_lists {
            m.insert(
                "can_grant_access_to_views".into(),
                id_strings(&v.can_grant_access_to_views).into(),
            );
            m.insert(
                "can_revoke_access_to_views".into(),
                id_strings(&v.can_revoke_access_to_views).into(),
            );
        }
        for (name, allowed) in v.permissions.flags() {
            m.insert(name.into(), allowed.into());
        }
        // Added since: OBP's owner-comment names of the narrative permissions.
        for (name, allowed) in v.permissions.alias_flags() {
            m.insert(name.into(), allowed.into());
        }
        serde_json::Value::Object(m)
    }

    fn sample() -> ViewDefinition {
        let mut v = ViewDefinition::new_custom(
            ViewId::parse("_work".to_owned()).unwrap(),
            "_work",
            "Work",
            PermissionSet::from_names(["can_see_transaction_amount", "can_add_comment"]).unwrap(),
        )
        .unwrap();
        v.alias = ViewAlias::Private;
        v.can_grant_access_to_views = vec![ViewId::parse("owner".to_owned()).unwrap()];
        v
    }

    #[test]
    fn the_typed_view_json_sends_the_same_bytes_as_the_map_it_replaced() {
        let v = sample();
        assert_eq!(
            serde_json::to_string(&ViewJsonV500::from(&v)).unwrap(),
            serde_json::to_string(&as_map(&v, true)).unwrap()
        );
        assert_eq!(
            serde_json::to_string(&ViewJsonV300::from(&v)).unwrap(),
            serde_json::to_string(&as_map(&v, false)).unwrap()
        );
    }
}
