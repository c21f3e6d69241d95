//! Dynamic entities: resources a bank defines at run time (OBP's `DynamicEntity`).
//!
//! A definition is OBP's JSON
//! `{"FooBar": {"description", "required", "properties": {...}}, "hasPersonalEntity": bool}`.
//! [`Definition::parse`] validates it (OBP's `DynamicEntityCommons.apply` rules, plus the
//! platform's limits) and names the offending property; [`Definition::json_schema`] turns it
//! into a JSON Schema (draft 2020-12) that [`RecordValidator`] compiles once and checks every
//! record against, naming every failing field and keyword.
//!
//! Rules beyond OBP's, chosen here:
//! * a property accepts only the keywords `type`, `example`, `description`, `minLength`,
//!   `maxLength` (strings), `minimum`, `maximum` (numbers); anything else (`pattern`, `$ref`,
//!   `format`, ...) is refused, so no client-supplied regex or reference is ever compiled;
//! * a record may carry only the defined properties (`additionalProperties: false`), except
//!   the entity's own id field (`foo_bar_id`), which is ignored;
//! * `minLength <= maxLength` and `minimum <= maximum` (OBP asks `minLength < maxLength`);
//! * limits: [`MAX_DEFINITION_BYTES`], [`MAX_FIELDS`], [`MAX_DEPTH`], [`MAX_RECORD_BYTES`],
//!   [`MAX_NAME_LEN`], and [`MAX_ENTITIES_PER_SCOPE`] definitions per bank (or system-wide).

use serde_json::{Map, Value};

/// Largest definition body, in bytes of compact JSON.
pub const MAX_DEFINITION_BYTES: usize = 64 * 1024;
/// Most properties an entity may define.
pub const MAX_FIELDS: usize = 64;
/// Deepest nesting of a definition body (the root object is depth 1).
pub const MAX_DEPTH: usize = 6;
/// Largest record body, in bytes of compact JSON.
pub const MAX_RECORD_BYTES: usize = 16 * 1024;
/// Longest entity or property name.
pub const MAX_NAME_LEN: usize = 64;
/// Most definitions per bank, and system-wide.
pub const MAX_ENTITIES_PER_SCOPE: usize = 50;
/// Entity names that would shadow the generated paths (`/obp/dynamic-entity/banks/...`,
/// `/obp/dynamic-entity/my/...`).
pub const RESERVED_NAMES: &[&str] = &["banks", "my"];

/// The field types of OBP's `DynamicEntityFieldType`, and `reference:<Type>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// A JSON number.
    Number,
    /// A JSON integer.
    Integer,
    /// `true` / `false`.
    Boolean,
    /// A JSON string.
    String,
    /// A `yyyy-MM-dd` date string.
    DateWithDay,
    /// The id of another resource (`reference:Customer`, `reference:FooBar`); a non-blank
    /// string naming an existing resource (checked by the API on create and update), or
    /// for a composite type (`reference:Branch:bankId&branchId`) `bankId=..&branchId=..`.
    Reference(String),
}

impl FieldType {
    /// OBP's static reference types (`ReferenceType.staticRefTypeToValidateFunction`).
    pub const STATIC_REFERENCES: &'static [&'static str] = &[
        "Bank",
        "Consumer",
        "Customer",
        "MethodRouting",
        "DynamicEntity",
        "TransactionRequest",
        "ProductAttribute",
        "AccountAttribute",
        "TransactionAttribute",
        "CustomerAttribute",
        "AccountApplication",
        "CardAttribute",
        "Counterparty",
        "Branch:bankId&branchId",
        "Atm:bankId&atmId",
        "BankAccount:bankId&accountId",
        "Product:bankId&productCode",
        "PhysicalCard:bankId&cardId",
        "Transaction:bankId&accountId&transactionId",
        "Counterparty:bankId&accountId&counterpartyId",
    ];

    /// Parses a `type` value; `reference:X` must name a static reference type or a valid
    /// entity name.
    pub fn parse(s: &str) -> Option<FieldType> {
        Some(match s {
            "number" => FieldType::Number,
            "integer" => FieldType::Integer,
            "boolean" => FieldType::Boolean,
            "string" => FieldType::String,
            "DATE_WITH_DAY" => FieldType::DateWithDay,
            _ => {
                let target = s.strip_prefix("reference:")?;
                if Self::STATIC_REFERENCES.contains(&target) || valid_name(target) {
                    FieldType::Reference(target.to_owned())
                } else {
                    return None;
                }
            }
        })
    }

    /// The type as OBP writes it.
    pub fn as_string(&self) -> String {
        match self {
            FieldType::Number => "number".into(),
            FieldType::Integer => "integer".into(),
            FieldType::Boolean => "boolean".into(),
            FieldType::String => "string".into(),
            FieldType::DateWithDay => "DATE_WITH_DAY".into(),
            FieldType::Reference(t) => format!("reference:{t}"),
        }
    }

    fn is_numeric(&self) -> bool {
        matches!(self, FieldType::Number | FieldType::Integer)
    }

    fn is_textual(&self) -> bool {
        matches!(self, FieldType::String)
    }
}

/// A reference value split into the ids it names, in the order of the type's parameters:
/// `Branch:bankId&branchId` with `bankId=b1&branchId=x` gives `["b1", "x"]`; a simple
/// type (`Bank`, `FooBar`) gives the value itself. `Err` carries OBP's message for a value
/// that does not have the type's format (`ReferenceType.valueNotMatchFn`).
pub fn reference_ids(target: &str, field: &str, value: &str) -> Result<Vec<String>, String> {
    let Some((_, params)) = target.split_once(':') else {
        return Ok(vec![value.to_owned()]);
    };
    let names: Vec<&str> = params.split('&').collect();
    let parts: Vec<&str> = value.split('&').collect();
    let ids: Option<Vec<String>> = (names.len() == parts.len())
        .then(|| {
            names
                .iter()
                .zip(&parts)
                .map(|(n, p)| {
                    p.strip_prefix(n)
                        .and_then(|r| r.strip_prefix('='))
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned)
                })
                .collect()
        })
        .flatten();
    ids.ok_or_else(|| {
        let format: Vec<String> = names.iter().map(|n| format!("{n}=(.+)")).collect();
        format!(
            "reference type field have wrong format value '{value}', field name is '{field}', it should be this format: {}",
            format.join("&")
        )
    })
}

/// One property of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The field name.
    pub name: String,
    /// Its type.
    pub field_type: FieldType,
    /// `minLength` (strings).
    pub min_length: Option<u64>,
    /// `maxLength` (strings).
    pub max_length: Option<u64>,
    /// `minimum` (numbers).
    pub minimum: Option<serde_json::Number>,
    /// `maximum` (numbers).
    pub maximum: Option<serde_json::Number>,
}

/// A validated dynamic entity definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The entity name (`FooBar`).
    pub entity_name: String,
    /// Whether `/my/` personal endpoints exist for it (OBP default `true`).
    pub has_personal_entity: bool,
    /// Required property names.
    pub required: Vec<String>,
    /// The properties, in definition order.
    pub properties: Vec<Property>,
    /// The definition as posted (`{"FooBar": {...}, "hasPersonalEntity": b}`), normalised
    /// so `hasPersonalEntity` is always present.
    pub body: Value,
}

/// Why a definition is refused: the detail after OBP-09007.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError(pub String);

impl std::fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(msg: impl Into<String>) -> Result<T, DefinitionError> {
    Err(DefinitionError(msg.into()))
}

/// An entity or field name: `[-_A-Za-z0-9]+`, at most [`MAX_NAME_LEN`] characters.
pub fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_NAME_LEN
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Depth of a JSON value (a scalar is 0, `{}` is 1).
pub fn json_depth(v: &Value) -> usize {
    match v {
        Value::Object(m) => 1 + m.values().map(json_depth).max().unwrap_or(0),
        Value::Array(a) => 1 + a.iter().map(json_depth).max().unwrap_or(0),
        _ => 0,
    }
}

const PROPERTY_KEYWORDS: &[&str] = &[
    "type",
    "example",
    "description",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
];

fn non_empty_description(v: Option<&Value>, what: &str) -> Result<(), DefinitionError> {
    match v {
        None => Ok(()),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(()),
        Some(_) => fail(format!(
            "The 'description' field {what} must be a not empty string value."
        )),
    }
}

fn length_keyword(
    obj: &Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<u64>, DefinitionError> {
    match obj.get(key) {
        None => Ok(None),
        Some(v) => v.as_u64().map(Some).ok_or_else(|| {
            DefinitionError(format!(
                "The property {field}'s '{key}' should be a non-negative integer."
            ))
        }),
    }
}

fn number_keyword(
    obj: &Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<serde_json::Number>, DefinitionError> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) => Ok(Some(n.clone())),
        Some(_) => fail(format!(
            "The property {field}'s '{key}' should be a number."
        )),
    }
}

fn cmp_numbers(a: &serde_json::Number, b: &serde_json::Number) -> Option<std::cmp::Ordering> {
    use std::str::FromStr;
    let a = rust_decimal::Decimal::from_str(&a.to_string())
        .or_else(|_| rust_decimal::Decimal::from_scientific(&a.to_string()))
        .ok()?;
    let b = rust_decimal::Decimal::from_str(&b.to_string())
        .or_else(|_| rust_decimal::Decimal::from_scientific(&b.to_string()))
        .ok()?;
    Some(a.cmp(&b))
}

impl Definition {
    /// Validates a posted definition. `body` must already be within [`MAX_DEFINITION_BYTES`]
    /// (checked here too).
    ///
    /// # Errors
    /// A message naming the offending entity, property or keyword.
    pub fn parse(body: &Value) -> Result<Definition, DefinitionError> {
        let size = serde_json::to_vec(body)
            .map(|b| b.len())
            .unwrap_or(usize::MAX);
        if size > MAX_DEFINITION_BYTES {
            return fail(format!(
                "The definition is {size} bytes; at most {MAX_DEFINITION_BYTES} are allowed."
            ));
        }
        if json_depth(body) > MAX_DEPTH {
            return fail(format!(
                "The definition is nested deeper than {MAX_DEPTH} levels."
            ));
        }
        let Some(root) = body.as_object() else {
            return fail("The Json root should be an object with a single entity.");
        };
        let has_personal_entity = match root.get("hasPersonalEntity") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => return fail("The 'hasPersonalEntity' field should be a boolean."),
        };
        let entities: Vec<(&String, &Value)> = root
            .iter()
            .filter(|(k, _)| k.as_str() != "hasPersonalEntity")
            .collect();
        let (entity_name, entity) = match entities.as_slice() {
            [one] => *one,
            [] => {
                return fail(
                    "The Json root object should have a single entity, but current have none.",
                )
            }
            many => {
                let names: Vec<&str> = many.iter().map(|(k, _)| k.as_str()).collect();
                return fail(format!(
                    "The Json root object should at most two fields: entity and hasPersonalEntity, but current entityNames: {}",
                    names.join(", ")
                ));
            }
        };
        if !valid_name(entity_name) {
            return fail(format!(
                "The entity name should contains characters [-_A-Za-z0-9] (at most {MAX_NAME_LEN}), but current entity name: {entity_name}"
            ));
        }
        if RESERVED_NAMES.contains(&entity_name.as_str()) {
            return fail(format!(
                "The entity name '{entity_name}' is reserved (it is a path segment of the generated endpoints)."
            ));
        }
        let Some(entity) = entity.as_object() else {
            return fail(format!("The {entity_name} should have an object value."));
        };
        for key in entity.keys() {
            if !["description", "required", "properties"].contains(&key.as_str()) {
                return fail(format!(
                    "The {entity_name} has an unknown field '{key}'; allowed: description, required, properties."
                ));
            }
        }
        non_empty_description(entity.get("description"), &format!("in {entity_name}"))?;
        let required: Vec<String> = match entity.get("required") {
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    DefinitionError(format!(
                        "The 'required' field's type of {entity_name} should be array[string]"
                    ))
                })?,
            Some(_) => {
                return fail(format!(
                    "The 'required' field's type of {entity_name} should be array[string]"
                ))
            }
            None => {
                return fail(format!(
                "There must be 'required' field in {entity_name}, and type is json array[string]"
            ))
            }
        };
        let props = match entity.get("properties") {
            Some(Value::Object(p)) => p,
            Some(_) => {
                return fail(format!(
                    "The 'properties' field's type of {entity_name} should be json object"
                ))
            }
            None => {
                return fail(format!(
                    "There must be 'properties' field in {entity_name}, and type is json object"
                ))
            }
        };
        if props.is_empty() {
            return fail(format!("The 'properties' of {entity_name} are empty."));
        }
        if props.len() > MAX_FIELDS {
            return fail(format!(
                "{entity_name} has {} properties; at most {MAX_FIELDS} are allowed.",
                props.len()
            ));
        }
        let missing: Vec<&str> = required
            .iter()
            .filter(|r| !props.contains_key(r.as_str()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            return fail(format!(
                "In the {entity_name}, all 'required' fields should be present, these are missing: {}",
                missing.join(", ")
            ));
        }
        let id_field = id_field_name(entity_name);
        let mut properties = Vec::with_capacity(props.len());
        for (name, spec) in props {
            properties.push(parse_property(entity_name, &id_field, name, spec)?);
        }
        let mut normalised = Map::new();
        normalised.insert(entity_name.clone(), Value::Object(entity.clone()));
        normalised.insert("hasPersonalEntity".into(), Value::Bool(has_personal_entity));
        Ok(Definition {
            entity_name: entity_name.clone(),
            has_personal_entity,
            required,
            properties,
            body: Value::Object(normalised),
        })
    }

    /// The JSON Schema (draft 2020-12) a record of this entity must match.
    pub fn json_schema(&self) -> Value {
        let mut props = Map::new();
        for p in &self.properties {
            props.insert(p.name.clone(), property_schema(p));
        }
        serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": self.required,
            "properties": props,
            "additionalProperties": false,
        })
    }

    /// The id field of a record (`foo_bar_id`).
    pub fn id_field(&self) -> String {
        id_field_name(&self.entity_name)
    }

    /// The list key of GET-all (`foo_bar_list`).
    pub fn list_name(&self) -> String {
        format!("{}_list", single_name(&self.entity_name))
    }

    /// The key of one record (`foo_bar`).
    pub fn single_name(&self) -> String {
        single_name(&self.entity_name)
    }
}

fn parse_property(
    entity_name: &str,
    id_field: &str,
    name: &str,
    spec: &Value,
) -> Result<Property, DefinitionError> {
    if !valid_name(name) {
        return fail(format!(
            "The field name should contains characters [-_A-Za-z0-9] (at most {MAX_NAME_LEN}), the wrong field name: {name}"
        ));
    }
    if name == id_field {
        return fail(format!(
            "The field name {name} is the id field of {entity_name}, which the platform sets."
        ));
    }
    let Some(obj) = spec.as_object() else {
        return fail(format!(
            "The property of {name}'s type should be json object"
        ));
    };
    for key in obj.keys() {
        if !PROPERTY_KEYWORDS.contains(&key.as_str()) {
            return fail(format!(
                "The property {name} has an unsupported keyword '{key}'; allowed: {}.",
                PROPERTY_KEYWORDS.join(", ")
            ));
        }
    }
    let type_name = match obj.get("type") {
        Some(Value::String(s)) if !s.is_empty() => s.as_str(),
        _ => {
            return fail(format!(
                "The property of {name}'s 'type' field should be exists and type is json string"
            ))
        }
    };
    let field_type = FieldType::parse(type_name).ok_or_else(|| {
        DefinitionError(format!(
            "The property of {name}'s 'type' field should be one of these string value: number, integer, boolean, string, DATE_WITH_DAY, reference:<Type>; current value: {type_name}"
        ))
    })?;
    let min_length = length_keyword(obj, "minLength", name)?;
    let max_length = length_keyword(obj, "maxLength", name)?;
    let minimum = number_keyword(obj, "minimum", name)?;
    let maximum = number_keyword(obj, "maximum", name)?;
    if (min_length.is_some() || max_length.is_some()) && !field_type.is_textual() {
        return fail(format!(
            "The property {name}'s minLength/maxLength apply to type string only."
        ));
    }
    if (minimum.is_some() || maximum.is_some()) && !field_type.is_numeric() {
        return fail(format!(
            "The property {name}'s minimum/maximum apply to types number and integer only."
        ));
    }
    if let (Some(lo), Some(hi)) = (min_length, max_length) {
        if lo > hi {
            return fail(format!(
                "The property {name}'s minLength should not be greater than maxLength, minLength: {lo}, maxLength: {hi}"
            ));
        }
    }
    if let (Some(lo), Some(hi)) = (&minimum, &maximum) {
        if cmp_numbers(lo, hi) == Some(std::cmp::Ordering::Greater) {
            return fail(format!(
                "The property {name}'s minimum should not be greater than maximum, minimum: {lo}, maximum: {hi}"
            ));
        }
    }
    non_empty_description(obj.get("description"), &format!("of property {name}"))?;
    let property = Property {
        name: name.to_owned(),
        field_type,
        min_length,
        max_length,
        minimum,
        maximum,
    };
    let Some(example) = obj.get("example") else {
        return fail(format!(
            "The property of {name}'s 'example' field should be exists"
        ));
    };
    let schema = property_schema(&property);
    match RecordValidator::compile(&schema) {
        Ok(v) => {
            let errors = v.errors_of(example);
            if !errors.is_empty() {
                return fail(format!(
                    "The value of {name}'s 'example' is wrong: {}",
                    errors.join("; ")
                ));
            }
        }
        Err(e) => return fail(format!("The property {name} is not valid: {e}")),
    }
    Ok(property)
}

fn property_schema(p: &Property) -> Value {
    let mut s = Map::new();
    match &p.field_type {
        FieldType::Number => {
            s.insert("type".into(), "number".into());
        }
        FieldType::Integer => {
            s.insert("type".into(), "integer".into());
        }
        FieldType::Boolean => {
            s.insert("type".into(), "boolean".into());
        }
        FieldType::String => {
            s.insert("type".into(), "string".into());
        }
        FieldType::DateWithDay => {
            s.insert("type".into(), "string".into());
            s.insert("format".into(), "date".into());
        }
        FieldType::Reference(_) => {
            s.insert("type".into(), "string".into());
            s.insert("minLength".into(), 1.into());
        }
    }
    if let Some(n) = p.min_length {
        s.insert("minLength".into(), n.into());
    }
    if let Some(n) = p.max_length {
        s.insert("maxLength".into(), n.into());
    }
    if let Some(n) = &p.minimum {
        s.insert("minimum".into(), Value::Number(n.clone()));
    }
    if let Some(n) = &p.maximum {
        s.insert("maximum".into(), Value::Number(n.clone()));
    }
    Value::Object(s)
}

/// OBP's id field of an entity's records: `FooBar` → `foo_bar_id`
/// (`MappedDynamicDataProvider.getIdName`).
pub fn id_field_name(entity_name: &str) -> String {
    let mut out = String::with_capacity(entity_name.len() + 4);
    let mut prev: Option<char> = None;
    for c in entity_name.chars() {
        if c == '-' {
            out.push('_');
        } else {
            if c.is_ascii_uppercase()
                && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
            {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        prev = Some(c);
    }
    out.push_str("_id");
    out
}

/// Lift's `snakify` with OBP's trailing-separator trim: `FooBar` → `foo_bar`,
/// `HTTPServer` → `http_server`.
pub fn single_name(entity_name: &str) -> String {
    let chars: Vec<char> = entity_name.chars().collect();
    let mut out = String::with_capacity(chars.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        if c.is_ascii_uppercase() {
            let after_lower = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            let acronym_end = prev.is_some_and(|p| p.is_ascii_uppercase())
                && next.is_some_and(|n| n.is_ascii_lowercase());
            if after_lower || acronym_end {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out.trim_end_matches(['-', '_']).to_owned()
}

/// A compiled record schema.
#[derive(Debug)]
pub struct RecordValidator(jsonschema::Validator);

impl RecordValidator {
    /// Compiles a schema from [`Definition::json_schema`] (formats validated).
    ///
    /// # Errors
    /// The compiler's message when the schema is invalid.
    pub fn compile(schema: &Value) -> Result<RecordValidator, String> {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(schema)
            .map(RecordValidator)
            .map_err(|e| e.to_string())
    }

    /// Every failure of `instance`, each naming the field (JSON pointer) and keyword.
    pub fn errors_of(&self, instance: &Value) -> Vec<String> {
        describe_failures(&self.0, instance)
    }
}

/// Every failure of `instance` against `validator`, each naming the field (JSON pointer) and
/// the failing keyword: `field 'name' (minLength): "ab" is shorter than 3 characters`.
pub(crate) fn describe_failures(
    validator: &jsonschema::Validator,
    instance: &Value,
) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| {
            let schema_path = e.schema_path.to_string();
            let keyword = schema_path.rsplit('/').next().unwrap_or("").to_owned();
            let field = e.instance_path.to_string();
            let field = field.trim_start_matches('/');
            if field.is_empty() {
                format!("{keyword}: {e}")
            } else {
                format!("field '{field}' ({keyword}): {e}")
            }
        })
        .collect()
}

/// Why a record is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// Too large (bytes).
    TooLarge(usize),
    /// Not a JSON object.
    NotAnObject,
    /// Schema failures, one message per field and keyword.
    Invalid(Vec<String>),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::TooLarge(n) => write!(
                f,
                "The record is {n} bytes; at most {MAX_RECORD_BYTES} are allowed."
            ),
            RecordError::NotAnObject => f.write_str("The record should be a json object."),
            RecordError::Invalid(errs) => f.write_str(&errs.join("; ")),
        }
    }
}

/// Checks a record body: size, an object, the id field dropped, the schema. Returns the
/// fields to store.
///
/// # Errors
/// [`RecordError`].
pub fn check_record(
    definition: &Definition,
    validator: &RecordValidator,
    body: &Value,
) -> Result<Map<String, Value>, RecordError> {
    let size = serde_json::to_vec(body)
        .map(|b| b.len())
        .unwrap_or(usize::MAX);
    if size > MAX_RECORD_BYTES {
        return Err(RecordError::TooLarge(size));
    }
    let Some(obj) = body.as_object() else {
        return Err(RecordError::NotAnObject);
    };
    let mut fields = obj.clone();
    fields.remove(&definition.id_field());
    let value = Value::Object(fields);
    let errors = validator.errors_of(&value);
    if !errors.is_empty() {
        return Err(RecordError::Invalid(errors));
    }
    match value {
        Value::Object(m) => Ok(m),
        _ => Err(RecordError::NotAnObject),
    }
}

/// Whether a stored record matches a GET-all filter `field=value` (strings compare as-is,
/// other values as the JSON the filter value parses to, e.g. `age=30`, `active=true`).
pub fn matches_filter(record: &Map<String, Value>, field: &str, value: &str) -> bool {
    match record.get(field) {
        Some(Value::String(s)) => s == value,
        Some(Value::Null) | None => false,
        Some(v) => serde_json::from_str::<Value>(value).is_ok_and(|q| q == *v),
    }
}

/// The stored values a GET-all filter value matches, as [`matches_filter`] decides: the text
/// itself (string fields), and the number or boolean it spells, if any (typed fields). A
/// database that holds records as JSON finds a record when one of its field's value is one
/// of these (how `mapped` pushes filters into SQL).
pub fn filter_candidates(value: &str) -> Vec<Value> {
    let mut out = vec![Value::String(value.to_owned())];
    if let Ok(v @ (Value::Number(_) | Value::Bool(_))) = serde_json::from_str::<Value>(value) {
        out.push(v);
    }
    out
}

/// The four operations of an entity's generated endpoints and their roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// POST.
    Create,
    /// GET one or all.
    Get,
    /// PUT.
    Update,
    /// DELETE.
    Delete,
}

impl Action {
    /// All four.
    pub const ALL: [Action; 4] = [Action::Create, Action::Update, Action::Get, Action::Delete];

    const fn prefix(self) -> &'static str {
        match self {
            Action::Create => "CanCreateDynamicEntity_",
            Action::Get => "CanGetDynamicEntity_",
            Action::Update => "CanUpdateDynamicEntity_",
            Action::Delete => "CanDeleteDynamicEntity_",
        }
    }
}

/// A role generated for a dynamic entity (OBP's `DynamicEntityInfo.canCreateRole`, ...):
/// `CanCreateDynamicEntity_FooBar` for a bank-level entity (granted at a bank),
/// `CanCreateDynamicEntity_SystemFooBar` for a system-level one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DynamicRole {
    /// The role name.
    pub name: String,
    /// Whether it is granted at a bank (bank-level entity).
    pub requires_bank_id: bool,
}

impl DynamicRole {
    /// The role of `action` on the entity (bank level when `bank_level`).
    pub fn of(action: Action, entity_name: &str, bank_level: bool) -> DynamicRole {
        let name = if bank_level {
            format!("{}{entity_name}", action.prefix())
        } else {
            format!("{}System{entity_name}", action.prefix())
        };
        DynamicRole {
            name,
            requires_bank_id: bank_level,
        }
    }

    /// The four roles of an entity.
    pub fn all_of(entity_name: &str, bank_level: bool) -> Vec<DynamicRole> {
        Action::ALL
            .iter()
            .map(|a| DynamicRole::of(*a, entity_name, bank_level))
            .collect()
    }

    /// The entity names a role name may stand for: `(entity_name, bank_level)`; a name
    /// `CanGetDynamicEntity_SystemFoo` is the system role of `Foo` or the bank role of
    /// `SystemFoo`. Empty when the name is not a dynamic entity role.
    pub fn candidates(role_name: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for a in Action::ALL {
            if let Some(rest) = role_name.strip_prefix(a.prefix()) {
                if valid_name(rest) {
                    out.push((rest.to_owned(), true));
                }
                if let Some(sys) = rest.strip_prefix("System") {
                    if valid_name(sys) {
                        out.push((sys.to_owned(), false));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        assert_eq!(
            reference_ids("Bank", "b", "gh.29.uk").unwrap(),
            vec!["gh.29.uk"]
        );
        assert_eq!(
            reference_ids("Branch:bankId&branchId", "f", "bankId=b1&branchId=x").unwrap(),
            vec!["b1", "x"]
        );
        let e = reference_ids("Branch:bankId&branchId", "f", "b1&x").unwrap_err();
        assert!(e.contains("bankId=(.+)&branchId=(.+)"), "{e}");
        assert!(reference_ids("Branch:bankId&branchId", "f", "bankId=&branchId=x").is_err());
        assert!(reference_ids("Branch:bankId&branchId", "f", "bankId=a").is_err());
    }
    use serde_json::json;

    fn foo_bar() -> Value {
        json!({
            "FooBar": {
                "description": "description of this entity",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 3, "maxLength": 20, "example": "James Brown"},
                    "number": {"type": "integer", "minimum": 0, "maximum": 100, "example": 7},
                    "ratio": {"type": "number", "example": 1.5},
                    "active": {"type": "boolean", "example": true},
                    "born": {"type": "DATE_WITH_DAY", "example": "2020-01-31"},
                    "bank": {"type": "reference:Bank", "example": "gh.29.uk"}
                }
            },
            "hasPersonalEntity": false
        })
    }

    fn err(body: Value) -> String {
        Definition::parse(&body).unwrap_err().0
    }

    #[test]
    fn parses_obp_definition() {
        let d = Definition::parse(&foo_bar()).unwrap();
        assert_eq!(d.entity_name, "FooBar");
        assert!(!d.has_personal_entity);
        assert_eq!(d.properties.len(), 6);
        assert_eq!(d.id_field(), "foo_bar_id");
        assert_eq!(d.list_name(), "foo_bar_list");
        assert_eq!(d.single_name(), "foo_bar");
        let mut without = foo_bar();
        without.as_object_mut().unwrap().remove("hasPersonalEntity");
        let d = Definition::parse(&without).unwrap();
        assert!(d.has_personal_entity);
        assert_eq!(d.body["hasPersonalEntity"], json!(true));
    }

    #[test]
    fn names() {
        assert_eq!(id_field_name("PetEntity"), "pet_entity_id");
        assert_eq!(id_field_name("my-thing"), "my_thing_id");
        assert_eq!(single_name("HTTPServer"), "http_server");
        assert_eq!(single_name("Foo_"), "foo");
        assert!(valid_name("a-b_C9"));
        assert!(!valid_name("a b"));
        assert!(!valid_name(""));
        assert!(!valid_name(&"x".repeat(MAX_NAME_LEN + 1)));
    }

    #[test]
    fn refuses_bad_definitions_naming_the_property() {
        let mut b = foo_bar();
        b["FooBar"]["properties"]["name"]["type"] = json!("text");
        assert!(err(b).contains("name's 'type'"));
        let mut b = foo_bar();
        b["FooBar"]["properties"]["number"]["example"] = json!("seven");
        assert!(err(b).contains("number's 'example'"));
        let mut b = foo_bar();
        b["FooBar"]["properties"]["name"]["minLength"] = json!(30);
        assert!(err(b).contains("minLength"));
        let mut b = foo_bar();
        b["FooBar"]["properties"]["name"]["pattern"] = json!("(a+)+$");
        assert!(err(b).contains("'pattern'"));
        let mut b = foo_bar();
        b["FooBar"]["required"] = json!(["nope"]);
        assert!(err(b).contains("nope"));
        let mut b = foo_bar();
        b["FooBar"]["properties"]["born"]["example"] = json!("2020-02-30");
        assert!(err(b).contains("born"));
        let mut b = foo_bar();
        b["FooBar"]["properties"]["active"]["minimum"] = json!(1);
        assert!(err(b).contains("active"));
        let mut b = foo_bar();
        b["Other"] = json!({});
        assert!(err(b).contains("at most two fields"));
        assert!(err(json!({"bad name": {"required": [], "properties": {}}})).contains("bad name"));
        assert!(err(json!({"banks": {"required": [], "properties": {"a": {"type": "string", "example": "x"}}}})).contains("reserved"));
        assert!(err(json!({"A": {"required": [], "properties": {"a_id": {"type": "string", "example": "x"}}}})).contains("id field"));
    }

    #[test]
    fn limits() {
        let mut props = Map::new();
        for i in 0..=MAX_FIELDS {
            props.insert(format!("f{i}"), json!({"type": "string", "example": "x"}));
        }
        assert!(err(json!({"Many": {"required": [], "properties": props}})).contains("at most"));
        let deep = json!({"D": {"required": [], "properties": {"a": {"type": "string", "example": "x", "description": {"x": {"y": {"z": 1}}}}}}});
        assert!(err(deep).contains("nested"));
        let big = "x".repeat(MAX_DEFINITION_BYTES);
        assert!(
            err(json!({"B": {"description": big, "required": [], "properties": {}}}))
                .contains("bytes")
        );
    }

    #[test]
    fn records_are_validated_with_every_failure_named() {
        let d = Definition::parse(&foo_bar()).unwrap();
        let v = RecordValidator::compile(&d.json_schema()).unwrap();
        let ok =
            json!({"name": "Abc", "number": 100, "born": "2000-02-29", "foo_bar_id": "ignored"});
        let stored = check_record(&d, &v, &ok).unwrap();
        assert!(!stored.contains_key("foo_bar_id"));
        assert!(check_record(&d, &v, &json!({"name": "x".repeat(20), "number": 0})).is_ok());
        let bad = json!({"name": "Ab", "number": 101, "ratio": "x", "active": 1, "born": "2001-02-29", "extra": 1});
        let RecordError::Invalid(errs) = check_record(&d, &v, &bad).unwrap_err() else {
            panic!()
        };
        let all = errs.join("\n");
        for needle in [
            "'name' (minLength)",
            "'number' (maximum)",
            "'ratio' (type)",
            "'active' (type)",
            "'born' (format)",
            "additionalProperties",
        ] {
            assert!(all.contains(needle), "{needle} in {all}");
        }
        let RecordError::Invalid(errs) =
            check_record(&d, &v, &json!({"name": "x".repeat(21), "number": -1})).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(errs.len(), 2, "{errs:?}");
        let RecordError::Invalid(errs) = check_record(&d, &v, &json!({})).unwrap_err() else {
            panic!()
        };
        assert!(errs[0].starts_with("required"), "{errs:?}");
        assert_eq!(
            check_record(&d, &v, &json!([1])),
            Err(RecordError::NotAnObject)
        );
        let big = json!({"name": "x".repeat(MAX_RECORD_BYTES)});
        assert!(matches!(
            check_record(&d, &v, &big),
            Err(RecordError::TooLarge(_))
        ));
    }

    #[test]
    fn roles_and_filters() {
        assert_eq!(
            DynamicRole::of(Action::Create, "FooBar", false).name,
            "CanCreateDynamicEntity_SystemFooBar"
        );
        let r = DynamicRole::of(Action::Get, "FooBar", true);
        assert_eq!(r.name, "CanGetDynamicEntity_FooBar");
        assert!(r.requires_bank_id);
        assert_eq!(
            DynamicRole::candidates("CanGetDynamicEntity_SystemFoo"),
            vec![("SystemFoo".to_owned(), true), ("Foo".to_owned(), false)]
        );
        assert!(DynamicRole::candidates("CanCreateBank").is_empty());
        let rec = json!({"a": "x", "n": 30, "b": true})
            .as_object()
            .unwrap()
            .clone();
        assert!(matches_filter(&rec, "a", "x"));
        assert!(matches_filter(&rec, "n", "30"));
        assert!(matches_filter(&rec, "b", "true"));
        assert!(!matches_filter(&rec, "n", "31"));
        assert!(!matches_filter(&rec, "zz", "x"));
    }
}

/// Property tests: a record generated to fit a generated definition always passes
/// [`check_record`], and the same record with one field broken (wrong type, out of its
/// bounds, a required field missing, an unknown field, a bad date) never does.
#[cfg(test)]
mod record_properties {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// A field kind with its bounds.
    #[derive(Debug, Clone)]
    enum Kind {
        Text { min: u64, max: u64 },
        Int { min: i64, max: i64 },
        Num,
        Bool,
        Date,
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![
            (0u64..5, 0u64..10).prop_map(|(min, extra)| Kind::Text {
                min,
                max: min + extra + 1
            }),
            (-1000i64..1000, 0i64..1000).prop_map(|(min, extra)| Kind::Int {
                min,
                max: min + extra
            }),
            Just(Kind::Num),
            Just(Kind::Bool),
            Just(Kind::Date),
        ]
    }

    /// A value of `kind` inside its bounds, from `seed`.
    fn valid_value(kind: &Kind, seed: u64) -> Value {
        match kind {
            Kind::Text { min, max } => {
                let len = min + seed % (max - min + 1);
                json!("x".repeat(usize::try_from(len).unwrap_or(0)))
            }
            Kind::Int { min, max } => {
                let span = u64::try_from(max - min).unwrap_or(0) + 1;
                json!(min + i64::try_from(seed % span).unwrap_or(0))
            }
            Kind::Num => json!(seed % 1000),
            Kind::Bool => json!(seed.is_multiple_of(2)),
            Kind::Date => json!(format!(
                "20{:02}-0{}-1{}",
                seed % 100,
                1 + seed % 9,
                seed % 10
            )),
        }
    }

    /// A value of `kind` that its schema refuses.
    fn broken_value(kind: &Kind, how: u64) -> Value {
        match (kind, how % 2) {
            (Kind::Text { max, .. }, 0) => {
                json!("y".repeat(usize::try_from(*max).unwrap_or(0) + 1))
            }
            (Kind::Text { .. }, _) => json!(42),
            (Kind::Int { max, .. }, 0) => json!(max + 1),
            (Kind::Int { .. }, _) => json!("12"),
            (Kind::Num, _) => json!("1.5"),
            (Kind::Bool, _) => json!("true"),
            (Kind::Date, 0) => json!("2024-13-40"),
            (Kind::Date, _) => json!(20240101),
        }
    }

    fn property_json(kind: &Kind, example: Value) -> Value {
        let mut p = match kind {
            Kind::Text { min, max } => {
                json!({"type": "string", "minLength": min, "maxLength": max})
            }
            Kind::Int { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
            Kind::Num => json!({"type": "number"}),
            Kind::Bool => json!({"type": "boolean"}),
            Kind::Date => json!({"type": "DATE_WITH_DAY"}),
        };
        p["example"] = example;
        p["description"] = json!("a field");
        p
    }

    /// A definition of `kinds` (field `fN` has `kinds[N]`; the first `required` are required)
    /// and its compiled validator.
    fn definition(kinds: &[Kind], required: usize) -> (Definition, RecordValidator) {
        let props: Map<String, Value> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (format!("f{i}"), property_json(k, valid_value(k, 0))))
            .collect();
        let required: Vec<String> = (0..required.min(kinds.len()))
            .map(|i| format!("f{i}"))
            .collect();
        let body = json!({"Gen": {"description": "generated", "required": required,
            "properties": props}, "hasPersonalEntity": false});
        let definition = Definition::parse(&body).unwrap();
        let validator = RecordValidator::compile(&definition.json_schema()).unwrap();
        (definition, validator)
    }

    fn record(
        kinds: &[Kind],
        present: &[bool],
        seeds: &[u64],
        required: usize,
    ) -> Map<String, Value> {
        kinds
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < required || present.get(*i).copied().unwrap_or(true))
            .map(|(i, k)| {
                (
                    format!("f{i}"),
                    valid_value(k, seeds.get(i).copied().unwrap_or(0)),
                )
            })
            .collect()
    }

    fn case() -> impl Strategy<Value = (Vec<Kind>, usize, Vec<bool>, Vec<u64>)> {
        prop::collection::vec(kind(), 1..8).prop_flat_map(|kinds| {
            let n = kinds.len();
            (
                Just(kinds),
                0..=n,
                prop::collection::vec(any::<bool>(), n),
                prop::collection::vec(any::<u64>(), n),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn generated_records_pass((kinds, required, present, seeds) in case()) {
            let (definition, validator) = definition(&kinds, required);
            let rec = Value::Object(record(&kinds, &present, &seeds, required));
            let checked = check_record(&definition, &validator, &rec);
            prop_assert!(checked.is_ok(), "{rec} refused: {checked:?}");
        }

        #[test]
        fn mutated_records_fail(
            (kinds, required, present, seeds) in case(),
            pick in any::<usize>(),
            how in any::<u64>(),
            mutation in 0u8..3,
        ) {
            let (definition, validator) = definition(&kinds, required);
            let mut rec = record(&kinds, &present, &seeds, required);
            let i = pick % kinds.len();
            match mutation {
                // One field of the wrong type or out of its bounds.
                0 => { rec.insert(format!("f{i}"), broken_value(&kinds[i], how)); }
                // A field the definition does not have.
                1 => { rec.insert("unknown_field".to_owned(), json!("x")); }
                // A required field missing (or, without one, an unknown field).
                _ => {
                    if required > 0 {
                        rec.remove(&format!("f{}", i % required));
                    } else {
                        rec.insert("another_unknown".to_owned(), json!(1));
                    }
                }
            }
            let rec = Value::Object(rec);
            let checked = check_record(&definition, &validator, &rec);
            prop_assert!(matches!(checked, Err(RecordError::Invalid(_))), "{rec} accepted");
        }
    }
}
