//! Writing catalogue records as YAML, for the generator, the benchmark converter and
//! scaffolds. This is the only use of serde_yaml: writing needs no positions.

/// Serializes a record as YAML, dropping `null` entries, empty lists and the default
/// `unverified: false`, so generated files look hand-written.
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, serde_yaml::Error> {
    fn prune(v: &mut serde_yaml::Value) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                m.retain(|k, x| {
                    !(x.is_null()
                        || x.as_sequence().is_some_and(|s| s.is_empty())
                        || (k.as_str() == Some("unverified") && x.as_bool() == Some(false)))
                });
                m.values_mut().for_each(prune);
            }
            serde_yaml::Value::Sequence(s) => s.iter_mut().for_each(prune),
            _ => {}
        }
    }
    let mut v = serde_yaml::to_value(value)?;
    prune(&mut v);
    serde_yaml::to_string(&v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn drops_nulls_empty_lists_and_default_flags() {
        let v = serde_json::json!({"a": null, "b": [], "unverified": false, "c": 1});
        assert_eq!(super::to_yaml(&v).unwrap(), "c: 1\n");
    }
}
