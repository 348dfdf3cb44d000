//! What an id may be: plain, short, and unlike any other.

/// The longest an id may be, in characters.
pub const MAX_ID_CHARS: usize = 100;

/// Ids are plain: letters, digits, `-`, `_` and `.`, so that no two of them look alike
/// (an invisible character, a right-to-left override, an accent made of two characters).
pub fn check_id(id: &str) -> Result<(), String> {
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!(
            "is {} characters long; ids may be up to {MAX_ID_CHARS}",
            id.chars().count()
        ));
    }
    match id
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        None => Ok(()),
        Some(c) => Err(format!(
            "`{}` holds U+{:04X}; ids are letters, digits, `-`, `_` and `.`",
            crate::model::text::visible(id),
            u32::from(c)
        )),
    }
}
