//! The open-data JSON format: motcua's own, documented and versioned types, built from the
//! model. Nothing here serializes a catalogue (input) type, so renaming a YAML key cannot
//! silently change the published format; a change to these types is a change of
//! [`FORMAT_VERSION`] and of the shipped JSON Schemas (`schema/open-data*.schema.json`, also
//! published under `du-lieu/`).
//!
//! Also here: the linked-data views of the same facts, schema.org JSON-LD for procedure pages
//! ([`jsonld`]) and the CPSV-AP 3.2 export ([`cpsv`]).

pub mod cpsv;
pub mod jsonld;
mod records;

#[cfg(test)]
pub(crate) use records::procedure_record;
pub(crate) use records::{bulk, legal_status, procedure_document};
pub use records::{Dataset, ProcedureDocument};

use schemars::JsonSchema;

/// The version of the JSON format: major changes when a field changes meaning or goes away,
/// minor when one is added.
pub const FORMAT_VERSION: &str = "1.0";

/// Where the bulk file's schema is published, relative to the site root.
pub const DATASET_SCHEMA: &str = "du-lieu/open-data.schema.json";
/// Where the per-procedure file's schema is published, relative to the site root.
pub const PROCEDURE_SCHEMA: &str = "du-lieu/open-data-procedure.schema.json";

/// The JSON Schemas of the format: (file name, under `schema/` in the repository and
/// `du-lieu/` on the site; pretty JSON text).
pub fn schemas() -> [(&'static str, String); 2] {
    [
        (file_name(DATASET_SCHEMA), schema_text::<Dataset>()),
        (
            file_name(PROCEDURE_SCHEMA),
            schema_text::<ProcedureDocument>(),
        ),
    ]
}

fn file_name(path: &'static str) -> &'static str {
    path.rsplit('/').next().unwrap_or(path)
}

fn schema_value<T: JsonSchema>() -> serde_json::Value {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

fn schema_text<T: JsonSchema>() -> String {
    // A `Value` always serializes; `{:#}` is `serde_json::to_string_pretty`.
    format!("{:#}\n", schema_value::<T>())
}

/// The fields of a procedure record and their meaning (the record type's doc comments, as the
/// schema carries them), for the data page: documentation that cannot drift from the format.
pub fn procedure_fields() -> Vec<(String, String)> {
    let schema = schema_value::<ProcedureDocument>();
    let props = schema
        .get("definitions")
        .or_else(|| schema.get("$defs"))
        .and_then(|d| d.get("ProcedureRecord"))
        .and_then(|r| r.get("properties"))
        .and_then(serde_json::Value::as_object);
    props
        .into_iter()
        .flatten()
        .map(|(name, prop)| {
            let meaning = prop.get("description").and_then(serde_json::Value::as_str);
            (name.clone(), meaning.unwrap_or("").to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::schema::{json_schema, FileKind};

    fn definitions(schema: &serde_json::Value) -> Vec<String> {
        schema
            .get("definitions")
            .or_else(|| schema.get("$defs"))
            .and_then(serde_json::Value::as_object)
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default()
    }

    #[test]
    fn every_procedure_field_is_documented() {
        let fields = procedure_fields();
        assert!(fields.len() > 20, "{fields:?}");
        for (name, meaning) in &fields {
            assert!(!meaning.is_empty(), "{name} has no description");
        }
        assert!(fields.iter().any(|(n, _)| n == "last_verified"));
    }

    #[test]
    fn the_format_reuses_no_input_type() {
        // An input type in a record would show as its definition in the schema; the format's
        // own types all end in Record, Code, Ref, Document or are named below.
        let mut input = Vec::new();
        for kind in FileKind::ALL {
            input.extend(definitions(&json_schema(kind)));
        }
        for (name, text) in schemas() {
            let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
            for def in definitions(&schema) {
                assert!(!input.contains(&def), "{name} uses the input type {def}");
            }
        }
    }
}
