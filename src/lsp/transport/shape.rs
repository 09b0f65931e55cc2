//! Reading a message's members through serde without building a JSON value: the shape of
//! each value, and the few scalars the transport needs.

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The JSON type of a value, read through without keeping it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Shape {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A value the transport needs: an id, `jsonrpc`, `method`, an error's `code`.
#[derive(Debug)]
pub(super) enum Scalar<'a> {
    Int(i64),
    /// An integer beyond `i64`, which tower-lsp-server's ids cannot hold.
    BigInt(u64),
    Str(Cow<'a, str>),
    Other(Shape),
}

#[derive(Default)]
pub(super) struct Fields<'a> {
    pub(super) jsonrpc: Option<Scalar<'a>>,
    pub(super) method: Option<Scalar<'a>>,
    pub(super) id: Option<Scalar<'a>>,
    pub(super) params: Option<Shape>,
    pub(super) result: Option<Shape>,
    pub(super) error: Option<bool>,
    /// A member that appears twice (tower-lsp-server refuses the message).
    pub(super) duplicate: bool,
    pub(super) duplicate_id: bool,
}

pub(super) enum Top<'a> {
    Object(Fields<'a>),
    Other(Shape),
}

fn set<T>(slot: &mut Option<T>, value: T) -> bool {
    let twice = slot.is_some();
    *slot = Some(value);
    twice
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Number)
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::String)
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<Shape>()?.is_some() {}
        Ok(Shape::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_key::<Shape>()?.is_some() {
            map.next_value::<Shape>()?;
        }
        Ok(Shape::Object)
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Shape::Bool))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Int(n))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(n).map_or(Scalar::BigInt(n), Scalar::Int))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Shape::Number))
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(s.to_owned())))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Shape::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                ShapeVisitor.visit_seq(seq).map(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                ShapeVisitor.visit_map(map).map(Scalar::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// A member name of a message or of its error object.
enum Key {
    Jsonrpc,
    Method,
    Id,
    Params,
    Result,
    Error,
    Code,
    Message,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E>(self, s: &str) -> Result<Key, E> {
                Ok(match s {
                    "jsonrpc" => Key::Jsonrpc,
                    "method" => Key::Method,
                    "id" => Key::Id,
                    "params" => Key::Params,
                    "result" => Key::Result,
                    "error" => Key::Error,
                    "code" => Key::Code,
                    "message" => Key::Message,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether an `error` member is what tower-lsp-server reads: an object with an integer `code`
/// and a string `message`.
struct ErrorObject(bool);

impl<'de> Deserialize<'de> for ErrorObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorObject;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorObject, A::Error> {
                let (mut code, mut message, mut twice) = (None, None, false);
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Code => twice |= set(&mut code, map.next_value::<Scalar>()?),
                        Key::Message => twice |= set(&mut message, map.next_value::<Shape>()?),
                        _ => {
                            map.next_value::<Shape>()?;
                        }
                    }
                }
                Ok(ErrorObject(
                    !twice
                        && matches!(code, Some(Scalar::Int(_)))
                        && message == Some(Shape::String),
                ))
            }
            fn visit_bool<E>(self, _: bool) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_unit<E>(self) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ErrorObject, A::Error> {
                ShapeVisitor.visit_seq(seq).map(|_| ErrorObject(false))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON-RPC message")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
                let mut f = Fields::default();
                while let Some(key) = map.next_key::<Key>()? {
                    let twice = match key {
                        Key::Jsonrpc => set(&mut f.jsonrpc, map.next_value()?),
                        Key::Method => set(&mut f.method, map.next_value()?),
                        Key::Id => {
                            let twice = set(&mut f.id, map.next_value()?);
                            f.duplicate_id |= twice;
                            twice
                        }
                        Key::Params => set(&mut f.params, map.next_value()?),
                        Key::Result => set(&mut f.result, map.next_value()?),
                        Key::Error => set(&mut f.error, map.next_value::<ErrorObject>()?.0),
                        _ => {
                            map.next_value::<Shape>()?;
                            false
                        }
                    };
                    f.duplicate |= twice;
                }
                Ok(Top::Object(f))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Bool))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Number))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Number))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Number))
            }
            fn visit_str<E>(self, _: &str) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::String))
            }
            fn visit_unit<E>(self) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Top<'de>, A::Error> {
                ShapeVisitor.visit_seq(seq).map(Top::Other)
            }
        }
        d.deserialize_any(V)
    }
}
