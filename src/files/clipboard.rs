//! Skills on the clipboard: copied as the RON a roadmap file holds (so a person can paste
//! them into another roadmap, or into a text editor), read back with the limits every
//! Waymark reader has.

use crate::model::Skill;

use super::Problem;

/// More than any roadmap's worth of skills is not what a person copied.
pub const MAX_CLIPBOARD_BYTES: usize = 4 * 1024 * 1024;
/// The most skills one paste adds: each is placed apart from the others, and a paste is
/// one step to look over. (A whole stage of the bundled roadmap is 25.)
pub const MAX_PASTED_SKILLS: usize = 500;

/// Why the clipboard's text gave no skills.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClipboardError {
    #[error("the clipboard holds no skills (copy skills on a Waymark canvas first)")]
    NoSkills,
    #[error("the clipboard holds {bytes} bytes, more than skills copied from a roadmap")]
    TooLong { bytes: usize },
    #[error("the skills on the clipboard could not be read: {0}")]
    Unreadable(Problem),
    #[error("the clipboard holds {count} skills; paste at most {MAX_PASTED_SKILLS} at a time")]
    TooMany { count: usize },
}

/// The skills as the list a roadmap file has under `skills:`.
pub fn skills_to_text(skills: &[Skill]) -> String {
    // Serialising plain data to RON does not fail; were it ever to, nothing is copied
    // rather than something half made.
    super::to_ron(&skills).unwrap_or_default()
}

/// The skills in copied text: a list of skills, or one skill on its own.
pub fn skills_from_text(text: &str) -> Result<Vec<Skill>, ClipboardError> {
    if text.len() > MAX_CLIPBOARD_BYTES {
        return Err(ClipboardError::TooLong { bytes: text.len() });
    }
    let trimmed = text.trim_start();
    let skills = if trimmed.starts_with('[') {
        super::parse_with_ron::<Vec<Skill>>(text)
    } else if trimmed.starts_with("Skill(") || trimmed.starts_with("Skill (") {
        super::parse_with_ron::<Skill>(text).map(|skill| vec![skill])
    } else {
        return Err(ClipboardError::NoSkills);
    };
    match skills {
        Ok(skills) if skills.is_empty() => Err(ClipboardError::NoSkills),
        Ok(skills) if skills.len() > MAX_PASTED_SKILLS => Err(ClipboardError::TooMany {
            count: skills.len(),
        }),
        Ok(skills) => Ok(skills),
        Err(problems) => Err(problems
            .into_iter()
            .next()
            .map_or(ClipboardError::NoSkills, ClipboardError::Unreadable)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_skills_read_back_the_same() {
        let mut git = Skill::new("git", "Git fundamentals", "junior");
        git.requires = vec!["internet".into()];
        git.position = Some((10.0, 20.0));
        let sql = Skill::new("sql", "SQL", "junior");
        let text = skills_to_text(&[git.clone(), sql.clone()]);
        assert!(text.contains("Skill("), "{text}");
        assert_eq!(skills_from_text(&text).unwrap(), vec![git.clone(), sql]);
        let one = super::super::to_ron(&git).unwrap();
        assert_eq!(skills_from_text(&one).unwrap(), vec![git]);
    }

    #[test]
    fn other_text_is_no_skills_and_broken_skills_say_where() {
        assert_eq!(
            skills_from_text("Kubernetes"),
            Err(ClipboardError::NoSkills)
        );
        assert_eq!(skills_from_text("[]"), Err(ClipboardError::NoSkills));
        let broken = skills_from_text("[\n  Skill(id: \"a\", title: 3),\n]");
        match broken {
            Err(ClipboardError::Unreadable(problem)) => assert_eq!(problem.line, 2),
            other => panic!("{other:?}"),
        }
        let many: Vec<Skill> = (0..=MAX_PASTED_SKILLS)
            .map(|n| Skill::new(format!("s{n}"), "S", "junior"))
            .collect();
        assert_eq!(
            skills_from_text(&skills_to_text(&many)),
            Err(ClipboardError::TooMany {
                count: MAX_PASTED_SKILLS + 1
            })
        );
        let long = format!("[{}]", " ".repeat(MAX_CLIPBOARD_BYTES));
        assert!(matches!(
            skills_from_text(&long),
            Err(ClipboardError::TooLong { .. })
        ));
    }
}
