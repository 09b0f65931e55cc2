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

/// `Deserialize` for `$ty` through `deserialize_any`, with a visitor that expects
/// `$expecting` and has the methods given.
macro_rules! deserialize_any {
    ($ty:ty, $expecting:literal, $($method:tt)*) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    $($method)*
                }
                d.deserialize_any(V)
            }
        }
    };
}

/// The visitor methods for these kinds of value that keep only the value's shape, as
/// `$wrap(shape)`. serde forwards the narrower numbers and the borrowed and owned strings to
/// them.
macro_rules! visit_shapes {
    ($wrap:expr; $($kind:ident)*) => {
        $(visit_shapes!(@$kind $wrap);)*
    };
    (@bool $wrap:expr) => { visit_shapes!(@value $wrap, visit_bool(bool), Bool); };
    (@i64 $wrap:expr) => { visit_shapes!(@value $wrap, visit_i64(i64), Number); };
    (@u64 $wrap:expr) => { visit_shapes!(@value $wrap, visit_u64(u64), Number); };
    (@f64 $wrap:expr) => { visit_shapes!(@value $wrap, visit_f64(f64), Number); };
    (@str $wrap:expr) => { visit_shapes!(@value $wrap, visit_str(&str), String); };
    (@unit $wrap:expr) => { visit_shapes!(@value $wrap, visit_unit(), Null); };
    (@value $wrap:expr, $method:ident($($arg:ty)?), $shape:ident) => {
        fn $method<E>(self, $(_: $arg)?) -> Result<Self::Value, E> {
            Ok($wrap(Shape::$shape))
        }
    };
    (@seq $wrap:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<Shape>()?.is_some() {}
            Ok($wrap(Shape::Array))
        }
    };
    (@map $wrap:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_key::<Shape>()?.is_some() {
                map.next_value::<Shape>()?;
            }
            Ok($wrap(Shape::Object))
        }
    };
}

deserialize_any! {
    Shape, "any JSON value",
    visit_shapes!(std::convert::identity; bool i64 u64 f64 str unit seq map);
}

deserialize_any! {
    Scalar<'de>, "any JSON value",
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Int(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(n).map_or(Scalar::BigInt(n), Scalar::Int))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(s.to_owned())))
    }
    visit_shapes!(Scalar::Other; bool f64 unit seq map);
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

deserialize_any! {
    Key, "a member name",
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

/// Whether an `error` member is what tower-lsp-server reads: an object with an integer `code`
/// and a string `message`.
struct ErrorObject(bool);

deserialize_any! {
    ErrorObject, "any JSON value",
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
            !twice && matches!(code, Some(Scalar::Int(_))) && message == Some(Shape::String),
        ))
    }
    visit_shapes!(|_| ErrorObject(false); bool i64 u64 f64 str unit seq);
}

deserialize_any! {
    Top<'de>, "a JSON-RPC message",
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
    visit_shapes!(Top::Other; bool i64 u64 f64 str unit seq);
}
