//! A quick reader for RON as Waymark writes it. RON's own parser steps through the text a
//! character at a time (whitespace included, and a third of a saved file is indentation),
//! which made it most of the time it takes to open a big roadmap.
//!
//! This reader knows only the plain part of RON that Waymark's files use: named or
//! unnamed structs, lists, maps, strings with the escapes Waymark writes, whole numbers,
//! decimals, `true`/`false`, `Some(..)`/`None` and enum variants. Anything else (comments,
//! raw strings, extensions, other escapes, exponents, a name that is not the expected one)
//! is an error, and so is every mistake; the caller then reads the text with RON itself,
//! whose errors point into the file. So it never needs to say *what* went wrong, only
//! that it could not read the text exactly as RON would.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

mod parts;

pub use parts::from_str_in_parts;

/// Reads `text` as a `T`, or gives `None` when it is not plain RON that reads as one.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut reader = Reader::new(text);
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_whitespace();
    (reader.at == reader.text.len()).then_some(value)
}

/// Not readable the quick way. What went wrong is RON's to say.
#[derive(Debug)]
pub struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not plain RON")
    }
}

impl std::error::Error for Unreadable {}

impl de::Error for Unreadable {
    fn custom<M: std::fmt::Display>(_message: M) -> Self {
        Unreadable
    }
}

type Result<T> = std::result::Result<T, Unreadable>;

struct Reader<'de> {
    text: &'de str,
    at: usize,
    /// Where the reader goes on from (the second) on reaching the first, once: past the
    /// pieces of a list read on other threads (see [`from_str_in_parts`]).
    jump: Option<(usize, usize)>,
    /// How many brackets deep the reader is.
    depth: usize,
}

/// How deep the quick reader goes before it leaves a file to RON, whose limit is the same
/// and whose error says where: a fork nested thousands deep overflowed the stack.
const MAX_DEPTH: usize = 128;

impl<'de> Reader<'de> {
    fn new(text: &'de str) -> Self {
        Self {
            text,
            at: 0,
            jump: None,
            depth: 0,
        }
    }

    /// Reads something inside brackets, one level deeper, refusing past [`MAX_DEPTH`].
    fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return Err(Unreadable);
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    fn skip_whitespace(&mut self) {
        if let Some((from, to)) = self.jump
            && self.at == from
        {
            self.at = to;
            self.jump = None;
        }
        while (self.bytes().get(self.at)).is_some_and(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
        {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes().get(self.at).copied()
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(Unreadable)
        }
    }

    /// An identifier: ASCII letters, digits and `_`, not starting with a digit.
    fn identifier(&mut self) -> Result<&'de str> {
        self.skip_whitespace();
        let start = self.at;
        if !self
            .bytes()
            .get(start)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            return Err(Unreadable);
        }
        let length = self
            .bytes()
            .get(start..)
            .unwrap_or_default()
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(self.bytes().len() - start);
        self.at = start + length;
        // A raw identifier (`r#name`) or string (`r"…"`, `b"…"`) is for RON to read.
        if matches!(self.bytes().get(self.at), Some(b'#' | b'"' | b'\'')) {
            return Err(Unreadable);
        }
        self.text.get(start..self.at).ok_or(Unreadable)
    }

    /// The identifier that names a struct, if one comes next.
    fn optional_name(&mut self, name: &str) -> Result<()> {
        if self.peek() == Some(b'(') {
            return Ok(());
        }
        if self.identifier()? == name {
            Ok(())
        } else {
            Err(Unreadable)
        }
    }

    /// A string in double quotes: borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Text<'de>> {
        self.expect(b'"')?;
        let mut owned: Option<String> = None;
        loop {
            // Straight to the next quote or backslash.
            let start = self.at;
            let end = self
                .bytes()
                .get(start..)
                .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                .map(|run| start + run)
                .ok_or(Unreadable)?;
            let piece = self.text.get(start..end).ok_or(Unreadable)?;
            self.at = end + 1;
            if self.bytes().get(end) == Some(&b'"') {
                return Ok(match owned {
                    None => Text::Borrowed(piece),
                    Some(mut text) => {
                        text.push_str(piece);
                        Text::Owned(text)
                    }
                });
            }
            let text = owned.get_or_insert_with(String::new);
            text.push_str(piece);
            text.push(self.escape()?);
        }
    }

    /// The character an escape after a backslash stands for: those that Rust's
    /// `escape_debug` (and so RON's writer) produces.
    fn escape(&mut self) -> Result<char> {
        let byte = *self.bytes().get(self.at).ok_or(Unreadable)?;
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\'' => '\'',
            b'\\' => '\\',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'u' => {
                if self.bytes().get(self.at) != Some(&b'{') {
                    return Err(Unreadable);
                }
                let start = self.at + 1;
                let digits = self
                    .bytes()
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .take(7)
                    .position(|b| *b == b'}')
                    .filter(|count| (1..=6).contains(count))
                    .ok_or(Unreadable)?;
                let hex = self.text.get(start..start + digits).ok_or(Unreadable)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(Unreadable);
                }
                self.at = start + digits + 1;
                let code = u32::from_str_radix(hex, 16).map_err(|_| Unreadable)?;
                char::from_u32(code).ok_or(Unreadable)?
            }
            _ => return Err(Unreadable),
        })
    }

    /// A number: `-`, digits, and an optional fraction of digits. No leading zeros, no
    /// `_`, no exponent, no `+`: those are RON's to read.
    fn number(&mut self) -> Result<&'de str> {
        self.skip_whitespace();
        let start = self.at;
        let digits = |reader: &Self, from: usize| {
            reader
                .bytes()
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let mut end = start;
        if self.bytes().get(end) == Some(&b'-') {
            end += 1;
        }
        let whole = digits(self, end);
        if whole == 0 || (whole > 1 && self.bytes().get(end) == Some(&b'0')) {
            return Err(Unreadable);
        }
        end += whole;
        if self.bytes().get(end) == Some(&b'.') {
            let fraction = digits(self, end + 1);
            if fraction == 0 {
                return Err(Unreadable);
            }
            end += 1 + fraction;
        }
        if self
            .bytes()
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
        {
            return Err(Unreadable);
        }
        self.at = end;
        self.text.get(start..end).ok_or(Unreadable)
    }

    fn integer<T: std::str::FromStr>(&mut self) -> Result<T> {
        let number = self.number()?;
        if number.contains('.') {
            return Err(Unreadable);
        }
        number.parse().map_err(|_| Unreadable)
    }

    fn decimal<T: std::str::FromStr>(&mut self) -> Result<T> {
        self.number()?.parse().map_err(|_| Unreadable)
    }

    /// After an element of a list, map, struct or tuple: a comma, or the closing bracket.
    /// True when the bracket closes it.
    fn next_or_close(&mut self, close: u8) -> Result<bool> {
        if self.eat(close) {
            return Ok(true);
        }
        self.expect(b',')?;
        Ok(self.eat(close))
    }
}

enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Text<'de> {
    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }
}

macro_rules! integers {
    ($($method:ident $visit:ident $type:ty),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.$visit(self.integer::<$type>()?)
        })*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Unreadable;

    /// Only for types that read whatever comes: none of Waymark's files has one.
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Unreadable)
    }

    // Kinds of value that Waymark's files do not have: refused, like `deserialize_any`.
    serde::forward_to_deserialize_any! {
        char bytes byte_buf unit unit_struct newtype_struct tuple_struct ignored_any
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.identifier()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Unreadable),
        }
    }

    integers! {
        deserialize_i8 visit_i8 i8,
        deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64,
        deserialize_u8 visit_u8 u8,
        deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f32(self.decimal()?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(self.decimal()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string()?.visit(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string()?.visit(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.identifier()? {
            "None" => visitor.visit_none(),
            "Some" => self.nested(|reader| {
                reader.expect(b'(')?;
                let value = visitor.visit_some(&mut *reader)?;
                // RON allows a trailing comma here too.
                reader.eat(b',');
                reader.expect(b')')?;
                Ok(value)
            }),
            _ => Err(Unreadable),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.nested(|reader| {
            reader.expect(b'[')?;
            visitor.visit_seq(Elements::new(reader, b']'))
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.nested(|reader| {
            reader.expect(b'(')?;
            let mut elements = Elements::new(reader, b')');
            let value = visitor.visit_seq(&mut elements)?;
            // A tuple is read only to its length; it must end there.
            if !elements.closed {
                return Err(Unreadable);
            }
            Ok(value)
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.nested(|reader| {
            reader.expect(b'{')?;
            visitor.visit_map(Elements::new(reader, b'}'))
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|reader| {
            reader.optional_name(name)?;
            reader.expect(b'(')?;
            visitor.visit_map(Elements::new(reader, b')'))
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.identifier()?)
    }

    fn is_human_readable(&self) -> bool {
        true
    }
}

/// The elements of a list, map, struct or tuple, up to its closing bracket.
struct Elements<'r, 'de> {
    reader: &'r mut Reader<'de>,
    close: u8,
    closed: bool,
}

impl<'r, 'de> Elements<'r, 'de> {
    fn new(reader: &'r mut Reader<'de>, close: u8) -> Self {
        let closed = reader.eat(close);
        Self {
            reader,
            close,
            closed,
        }
    }

    fn after_element(&mut self) -> Result<()> {
        self.closed = self.reader.next_or_close(self.close)?;
        Ok(())
    }
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Unreadable;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.closed {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.after_element()?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Elements<'_, 'de> {
    type Error = Unreadable;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.closed {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.reader)?;
        self.reader.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.after_element()?;
        Ok(value)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = Unreadable;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.identifier()?;
        let variant =
            seed.deserialize(de::value::BorrowedStrDeserializer::<Unreadable>::new(name))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Unreadable;

    fn unit_variant(self) -> Result<()> {
        // `Learned(...)` is not a unit variant; RON says so.
        if self.peek() == Some(b'(') {
            return Err(Unreadable);
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.expect(b'(')?;
        let value = seed.deserialize(&mut *self)?;
        self.eat(b',');
        self.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(Unreadable)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Progress, Roadmap, Skill, SkillProgress, Status, TeamFile};

    /// Read quickly, the text gives what RON gives.
    fn same_as_ron<T>(text: &str) -> T
    where
        T: DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let quick: T = from_str(text).expect("read quickly");
        assert_eq!(quick, ron::from_str::<T>(text).unwrap());
        quick
    }

    #[test]
    fn waymark_s_own_files_read_quickly_as_ron_reads_them() {
        same_as_ron::<Roadmap>(crate::files::bundled::BACKEND_DEVELOPER.text);
        same_as_ron::<TeamFile>(crate::files::bundled::EXAMPLE_TEAM);
        let (roadmap, progress) = crate::model::generate::generate(300, 3);
        same_as_ron::<Roadmap>(&crate::files::to_ron(&roadmap).unwrap());
        same_as_ron::<Progress>(&crate::files::to_ron(&progress).unwrap());
    }

    #[test]
    fn escapes_positions_and_odd_text_survive_a_save() {
        let mut roadmap = Roadmap::new_empty("odd", "Odd \"quoted\" \\ roadmap");
        let mut skill = Skill::new(
            "odd-1",
            "Tab\there, new\nline, \u{7} bell, 'quote'",
            "junior",
        );
        skill.summary = "é, 🦀, \u{200E}, \u{0}, \r\n".to_owned();
        skill.position = Some((-12.5, 1e-3));
        skill.estimate_hours = Some(u32::MAX);
        roadmap.skills.push(skill);
        let text = crate::files::to_ron(&roadmap).unwrap();
        assert_eq!(same_as_ron::<Roadmap>(&text), roadmap);

        let mut progress = Progress::new("odd");
        progress.skills.insert(
            "odd-1".to_owned(),
            SkillProgress {
                status: Status::Learning,
                notes: "Line one\nline \"two\"\\".to_owned(),
                ..SkillProgress::default()
            },
        );
        let text = crate::files::to_ron(&progress).unwrap();
        assert_eq!(same_as_ron::<Progress>(&text), progress);
    }

    #[test]
    fn what_is_not_plain_ron_is_left_to_ron() {
        let plain = r#"Stage(id: "a", title: "A")"#;
        same_as_ron::<crate::model::Stage>(plain);
        for text in [
            r#"Stage(id: "a", title: "A") // comment"#,
            r#"Stage(/* c */ id: "a", title: "A")"#,
            r##"Stage(id: r#"a"#, title: "A")"##,
            r#"Stage(r#id: "a", title: "A")"#,
            r#"Stage(id: "\x41", title: "A")"#,
            "Stage(id: \"a\\\n b\", title: \"A\")",
            "#![enable(implicit_some)]\nStage(id: \"a\", title: \"A\")",
            "Stage(id: \"a\", title: \"A\")\u{85}",
        ] {
            assert!(
                from_str::<crate::model::Stage>(text).is_none(),
                "read quickly: {text}"
            );
        }
        assert_eq!(from_str::<u32>("007"), None);
        assert_eq!(from_str::<u32>("1_000"), None);
        assert_eq!(from_str::<f32>("1e3"), None);
        assert_eq!(from_str::<f32>(".5"), None);
        assert_eq!(from_str::<f32>("+1.0"), None);
        assert_eq!(from_str::<f32>("-0.25"), Some(-0.25));
        assert_eq!(from_str::<u32>(" 42 "), Some(42));
    }

    #[test]
    fn every_mistake_is_refused() {
        for text in [
            r#"Stage(id: "a", title: "A""#,
            r#"Stage(id: "a", title: "A") x"#,
            r#"Stage(id: "a" title: "A")"#,
            r#"Stage(id: "a", title: "A",,)"#,
            r#"Stage(id: "a", titel: "A")"#,
            r#"Stage(id: "a", id: "b", title: "A")"#,
            r#"Skill(id: "a", title: "A")"#,
            r#"Stage(id: 5, title: "A")"#,
            r#"Stage(id: "a, title: "A")"#,
            r#"Stage(id: "\u{110000}", title: "A")"#,
            r#"Stage(id: "\u{}", title: "A")"#,
        ] {
            assert!(
                ron::from_str::<crate::model::Stage>(text).is_err(),
                "{text}"
            );
            assert!(
                from_str::<crate::model::Stage>(text).is_none(),
                "read quickly: {text}"
            );
        }
        assert_eq!(from_str::<Option<u32>>("Some(1,)"), Some(Some(1)));
        assert_eq!(from_str::<Option<u32>>("Some(1,,)"), None);
        assert_eq!(from_str::<(u32, u32)>("(1, 2, 3)"), None);
        assert_eq!(from_str::<Status>("Learned(1)"), None);
        assert_eq!(from_str::<Status>("Learnt"), None);
        assert_eq!(from_str::<u32>("4294967296"), None);
    }
}
