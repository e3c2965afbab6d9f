//! Typed deserialization straight from the positioned YAML tree.
//!
//! Going through `serde_json::Value` (`Node::to_json` then `serde_json::from_value`) copied
//! every string and built a sorted map per mapping for each of ten thousand files, a tenth of
//! `check`. This deserializer reads the tree in place and mirrors what `serde_json`'s `Value`
//! deserializer accepts (same visitor calls per value, non-finite numbers read as null). When
//! it fails, the old path runs again to produce the error, so a message (which depends on the
//! order `serde_json` visits keys in) stays exactly what it was.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
use serde::forward_to_deserialize_any;

use super::yaml::{Key, Node, Value};

type Error = serde_json::Error;

/// Deserializes `node` into `T`, with `serde_json::from_value(node.to_json())`'s result and
/// error text.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Error> {
    T::deserialize(NodeDe(node)).or_else(|_| serde_json::from_value(node.to_json()))
}

struct NodeDe<'a>(&'a Node);

impl NodeDe<'_> {
    /// True for what `to_json` turns into JSON `null` (a number JSON cannot write included).
    fn is_null(&self) -> bool {
        match self.0.value {
            Value::Null => true,
            Value::Float(f) => !f.is_finite(),
            _ => false,
        }
    }

    /// Only the retry's error is ever shown, so this one needs no words.
    fn refuse<T>(&self) -> Result<T, Error> {
        Err(de::Error::custom("type"))
    }
}

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = Error;

    fn deserialize_any<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            // `serde_json::Number` keeps a non-negative integer as unsigned.
            Value::Int(i) if *i >= 0 => v.visit_u64(*i as u64),
            Value::Int(i) => v.visit_i64(*i),
            Value::Float(f) if f.is_finite() => v.visit_f64(*f),
            Value::Float(_) => v.visit_unit(),
            Value::Str(s) => v.visit_borrowed_str(s),
            Value::Seq(items) => visit_seq(items, v),
            Value::Map(entries) => visit_map(entries, v),
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        if self.is_null() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_bool<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Bool(b) => v.visit_bool(b),
            _ => self.refuse(),
        }
    }

    fn deserialize_str<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Str(s) => v.visit_borrowed_str(s),
            _ => self.refuse(),
        }
    }

    fn deserialize_string<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_char<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_unit<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        if self.is_null() {
            v.visit_unit()
        } else {
            self.refuse()
        }
    }

    fn deserialize_unit_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Seq(items) => visit_seq(items, v),
            _ => self.refuse(),
        }
    }

    fn deserialize_tuple<V: de::Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Map(entries) => visit_map(entries, v),
            _ => self.refuse(),
        }
    }

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Map(entries) => visit_map(entries, v),
            Value::Seq(items) => visit_seq(items, v),
            _ => self.refuse(),
        }
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match &self.0.value {
            // A unit variant; variants with data (a one-key mapping) are left to the retry.
            Value::Str(s) => v.visit_enum(BorrowedStrDeserializer::<Error>::new(s)),
            _ => self.refuse(),
        }
    }

    fn deserialize_ignored_any<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }

    fn deserialize_i8<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_i16<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_i32<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_i64<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_u8<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_u16<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_u32<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_u64<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_f32<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }
    fn deserialize_f64<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_number(v)
    }

    forward_to_deserialize_any! {
        i128 u128 bytes byte_buf
    }
}

impl<'de> NodeDe<'de> {
    /// A number as `serde_json` hands it over; anything else is refused.
    fn deserialize_number<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Int(_) => self.deserialize_any(v),
            Value::Float(f) if f.is_finite() => self.deserialize_any(v),
            _ => self.refuse(),
        }
    }
}

fn visit_seq<'de, V: de::Visitor<'de>>(items: &'de [Node], v: V) -> Result<V::Value, Error> {
    let mut access = Items(items.iter());
    let out = v.visit_seq(&mut access)?;
    // Like `serde_json`: a list longer than the type takes is an error.
    if access.0.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::custom("length"))
    }
}

fn visit_map<'de, V: de::Visitor<'de>>(
    entries: &'de [(Key, Node)],
    v: V,
) -> Result<V::Value, Error> {
    let mut access = Entries {
        iter: entries.iter(),
        value: None,
    };
    let out = v.visit_map(&mut access)?;
    if access.iter.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::custom("length"))
    }
}

struct Items<'de>(std::slice::Iter<'de, Node>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|n| seed.deserialize(NodeDe(n)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'de> {
    iter: std::slice::Iter<'de, (Key, Node)>,
    value: Option<&'de Node>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(BorrowedStrDeserializer::<Error>::new(&k.name))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        match self.value.take() {
            Some(v) => seed.deserialize(NodeDe(v)),
            None => Err(de::Error::custom("value before key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::raw;
    use crate::catalogue::yaml::parse;
    use serde::Deserialize;

    /// Every file of the shipped catalogue reads the same both ways.
    #[test]
    fn agrees_with_the_json_path_on_the_shipped_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogue/procedures");
        let mut n = 0;
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "yaml") {
                let node = parse(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
                let direct: raw::ProcedureFile =
                    raw::ProcedureFile::deserialize(NodeDe(&node)).unwrap();
                let json: raw::ProcedureFile = serde_json::from_value(node.to_json()).unwrap();
                assert_eq!(
                    serde_json::to_value(&direct).unwrap(),
                    serde_json::to_value(&json).unwrap()
                );
                n += 1;
            }
        }
        assert!(n > 50);
    }

    #[test]
    fn errors_are_the_json_paths() {
        let node = parse("a: 99999999999\n").unwrap();
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct S {
            a: u32,
        }
        let e = from_node::<S>(&node).unwrap_err().to_string();
        assert_eq!(e, "invalid value: integer `99999999999`, expected u32");
    }

    #[test]
    fn unrepresentable_numbers_read_as_null_like_json() {
        let node = parse("a: 1e999\n").unwrap();
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct S {
            a: Option<f64>,
        }
        assert_eq!(from_node::<S>(&node).unwrap(), S { a: None });
        assert_eq!(S::deserialize(NodeDe(&node)).unwrap(), S { a: None });
    }
}
