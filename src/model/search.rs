//! Finding skills by what they are called, what they are about, what links they have and
//! what the person wrote about them. Ranked: a title match beats a summary match beats a
//! link match beats a note match; a word with one letter wrong, missing, extra or swapped
//! still matches, below an exact one.
//!
//! The index keeps all skills' text lower-cased in one string, and a vocabulary of the
//! distinct words with where each occurs. A query is one substring pass over that string
//! per word, and a typo check against the vocabulary, not against every word of every skill.

use super::{Progress, Roadmap, Status};

/// Where a match was found, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchField {
    Title,
    Summary,
    Resource,
    Notes,
}

impl MatchField {
    const ALL: [MatchField; 4] = [
        MatchField::Title,
        MatchField::Summary,
        MatchField::Resource,
        MatchField::Notes,
    ];

    fn weight(self) -> u32 {
        match self {
            MatchField::Title => 8,
            MatchField::Summary => 4,
            MatchField::Resource => 3,
            MatchField::Notes => 2,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MatchField::Title => "title",
            MatchField::Summary => "summary",
            MatchField::Resource => "link",
            MatchField::Notes => "notes",
        }
    }

    fn slot(self) -> usize {
        match self {
            MatchField::Title => 0,
            MatchField::Summary => 1,
            MatchField::Resource => 2,
            MatchField::Notes => 3,
        }
    }
}

/// Narrows the skills searched; `None` means any.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SearchFilter {
    pub status: Option<Status>,
    pub stage: Option<String>,
    pub area: Option<String>,
}

impl SearchFilter {
    pub fn is_empty(&self) -> bool {
        self.status.is_none() && self.stage.is_none() && self.area.is_none()
    }
}

/// One skill found: where, how well, and which text matched (for showing it).
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// The skill's index in `roadmap.skills`.
    pub skill_index: usize,
    pub score: u32,
    /// The field of the best match of the first word of the query, if there was a query.
    pub field: Option<MatchField>,
    /// Byte range of that match in the field's text.
    range: (usize, usize),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    /// Every skill's fields as written, by `MatchField::slot`, for snippets.
    originals: Vec<[String; 4]>,
    /// All fields of all skills, lower-cased, one after another, each ended by a separator
    /// no query can contain: one pass over it finds a word in every skill.
    corpus: String,
    /// Where each field starts in `corpus`: skill `i`, slot `f` at `i * 4 + f`; one more
    /// entry at the end.
    field_starts: Vec<usize>,
    /// Each distinct word, and where it occurs: skill, slot, and byte range in `corpus`.
    vocabulary: Vec<String>,
    postings: Vec<Vec<(u32, u8, u32, u32)>>,
}

const SEPARATOR: char = '\u{1}';

fn fields_of(roadmap: &Roadmap, progress: &Progress, index: usize) -> [String; 4] {
    let Some(skill) = roadmap.skills.get(index) else {
        return Default::default();
    };
    let resources: Vec<&str> = skill.resources.iter().map(|r| r.title.as_str()).collect();
    [
        skill.title.clone(),
        skill.summary.clone(),
        resources.join(" \u{b7} "),
        progress.notes(&skill.id).to_owned(),
    ]
}

/// A query term: its lower-cased text and characters.
struct Term {
    text: String,
    chars: Vec<char>,
}

/// The best match of one term in one skill.
#[derive(Clone, Copy, Default)]
struct TermMatch {
    score: u32,
    slot: u8,
    start: u32,
    end: u32,
}

impl SearchIndex {
    pub fn build(roadmap: &Roadmap, progress: &Progress) -> Self {
        let originals: Vec<[String; 4]> = (0..roadmap.skills.len())
            .map(|index| fields_of(roadmap, progress, index))
            .collect();
        let mut corpus = String::new();
        let mut field_starts = Vec::with_capacity(originals.len() * 4 + 1);
        let mut word_ids: foldhash::HashMap<String, u32> = Default::default();
        let mut vocabulary = Vec::new();
        let mut postings: Vec<Vec<(u32, u8, u32, u32)>> = Vec::new();
        for (skill_index, fields) in originals.iter().enumerate() {
            for (slot, field) in fields.iter().enumerate() {
                let start = corpus.len();
                field_starts.push(start);
                // Lower-cased char by char, so a field never grows a separator.
                corpus.extend(
                    field
                        .chars()
                        .flat_map(char::to_lowercase)
                        .map(|c| if c == SEPARATOR { ' ' } else { c }),
                );
                let end = corpus.len();
                let text = corpus.get(start..end).unwrap_or_default();
                let mut word_start = None;
                for (offset, c) in text.char_indices().chain([(text.len(), ' ')]) {
                    match (c.is_alphanumeric(), word_start) {
                        (true, None) => word_start = Some(offset),
                        (false, Some(begin)) => {
                            let word = text.get(begin..offset).unwrap_or_default();
                            let id = *word_ids.entry(word.to_owned()).or_insert_with(|| {
                                vocabulary.push(word.to_owned());
                                postings.push(Vec::new());
                                (vocabulary.len() - 1) as u32
                            });
                            if let Some(list) = postings.get_mut(id as usize) {
                                list.push((
                                    skill_index as u32,
                                    slot as u8,
                                    (start + begin) as u32,
                                    (start + offset) as u32,
                                ));
                            }
                            word_start = None;
                        }
                        _ => {}
                    }
                }
                corpus.push(SEPARATOR);
            }
        }
        field_starts.push(corpus.len());
        Self {
            originals,
            corpus,
            field_starts,
            vocabulary,
            postings,
        }
    }

    fn field_range(&self, skill_index: usize, slot: usize) -> (usize, usize) {
        let at = skill_index * 4 + slot;
        let start = self.field_starts.get(at).copied().unwrap_or(0);
        // The next field starts after this one's separator.
        let end = self
            .field_starts
            .get(at + 1)
            .map_or(start, |next| next.saturating_sub(SEPARATOR.len_utf8()));
        (start, end)
    }

    /// The best match of `term` in every skill, by skill index.
    fn match_term(&self, term: &Term, best: &mut [TermMatch]) {
        best.fill(TermMatch::default());
        let skills = self.originals.len();
        // Matches come in order, so the field they are in only moves forward.
        let mut field = 0;
        for (position, _) in self.corpus.match_indices(term.text.as_str()) {
            while self
                .field_starts
                .get(field + 1)
                .is_some_and(|next| *next <= position)
            {
                field += 1;
            }
            let (skill_index, slot) = (field / 4, field % 4);
            if skill_index >= skills {
                continue;
            }
            let (start, end) = self.field_range(skill_index, slot);
            let match_end = position + term.text.len();
            let at_word_start = position == start
                || self
                    .corpus
                    .get(..position)
                    .and_then(|before| before.chars().next_back())
                    .is_none_or(|c| !c.is_alphanumeric());
            let quality = if position == start && match_end == end {
                10
            } else if at_word_start {
                6
            } else {
                4
            };
            let weight = MatchField::ALL.get(slot).map_or(1, |f| f.weight());
            let score = weight * quality;
            if let Some(current) = best.get_mut(skill_index)
                && score > current.score
            {
                *current = TermMatch {
                    score,
                    slot: slot as u8,
                    start: position as u32,
                    end: match_end as u32,
                };
            }
        }
        // One typo away, only for words long enough that one letter is a typo, not another
        // word; found in the vocabulary once, then where those words occur.
        if term.chars.len() < 4 {
            return;
        }
        // A word's beginning one typo away ("postgers" for "PostgreSQL") counts too, for
        // terms long enough that a beginning is not a different short word.
        let prefix_typos = term.chars.len() >= MIN_PREFIX_TYPO_CHARS;
        for (word, places) in self.vocabulary.iter().zip(&self.postings) {
            let length_difference = word.len().abs_diff(term.text.len());
            let too_different = length_difference > 4
                || length_difference > 1 && word.is_ascii() && term.text.is_ascii();
            let quality = if !too_different && within_one_edit(word, term) {
                2
            } else if prefix_typos && begins_within_one_edit(word, term) {
                1
            } else {
                continue;
            };
            for &(skill_index, slot, start, end) in places {
                let weight = MatchField::ALL.get(slot as usize).map_or(1, |f| f.weight());
                let score = weight * quality;
                if let Some(current) = best.get_mut(skill_index as usize)
                    && score > current.score
                {
                    *current = TermMatch {
                        score,
                        slot,
                        start,
                        end,
                    };
                }
            }
        }
    }

    /// Every skill that matches the query and the filter, best first (roadmap order among
    /// equals). An empty query with a filter lists what the filter lets through.
    /// `status_of` gives a skill's status by index.
    pub fn search(
        &self,
        roadmap: &Roadmap,
        status_of: impl Fn(usize) -> Status,
        query: &str,
        filter: &SearchFilter,
    ) -> Vec<SearchHit> {
        let lowered: String = query
            .trim()
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| *c != SEPARATOR)
            .collect();
        let terms: Vec<Term> = lowered
            .split_whitespace()
            .map(|text| Term {
                text: text.to_owned(),
                chars: text.chars().collect(),
            })
            .collect();
        if terms.is_empty() && filter.is_empty() {
            return Vec::new();
        }
        let skills = self.originals.len().min(roadmap.skills.len());
        let mut totals = vec![0_u32; skills];
        let mut first_matches = vec![TermMatch::default(); skills];
        let mut alive = vec![true; skills];
        let mut best = vec![TermMatch::default(); skills];
        for (term_index, term) in terms.iter().enumerate() {
            self.match_term(term, &mut best);
            for (skill_index, found) in best.iter().enumerate() {
                let (Some(total), Some(alive)) =
                    (totals.get_mut(skill_index), alive.get_mut(skill_index))
                else {
                    continue;
                };
                if found.score == 0 {
                    *alive = false;
                }
                *total += found.score;
                if term_index == 0
                    && let Some(first) = first_matches.get_mut(skill_index)
                {
                    *first = *found;
                }
            }
        }
        let mut hits = Vec::new();
        for (skill_index, skill) in roadmap.skills.iter().enumerate().take(skills) {
            if !alive.get(skill_index).copied().unwrap_or(false)
                || filter.status.is_some_and(|s| status_of(skill_index) != s)
                || filter.stage.as_ref().is_some_and(|s| *s != skill.stage)
                || filter.area.as_ref().is_some_and(|a| *a != skill.area.0)
            {
                continue;
            }
            let mut score = totals.get(skill_index).copied().unwrap_or(0);
            let (start, end) = self.field_range(skill_index, 0);
            let title = self.corpus.get(start..end).unwrap_or_default();
            // The whole query as written, in the title: what the person most likely means.
            if terms.len() > 1 && title.contains(&lowered) {
                score += 40;
            }
            if !terms.is_empty() && title == lowered {
                score += 80;
            }
            let first = first_matches.get(skill_index).copied().unwrap_or_default();
            let field = (!terms.is_empty())
                .then(|| MatchField::ALL.get(first.slot as usize).copied())
                .flatten();
            let field_start = self.field_range(skill_index, first.slot as usize).0;
            hits.push(SearchHit {
                skill_index,
                score,
                field,
                range: (
                    (first.start as usize).saturating_sub(field_start),
                    (first.end as usize).saturating_sub(field_start),
                ),
            });
        }
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.skill_index.cmp(&b.skill_index))
        });
        hits
    }

    /// The matched text with some context, as written: "…read the Raft paper and…".
    pub fn snippet(&self, hit: &SearchHit) -> String {
        const CONTEXT: usize = 30;
        let Some(field) = hit.field else {
            return String::new();
        };
        let slot = field.slot();
        let Some(original) = self
            .originals
            .get(hit.skill_index)
            .and_then(|fields| fields.get(slot))
        else {
            return String::new();
        };
        let (start, end) = self.field_range(hit.skill_index, slot);
        // Lower-casing keeps byte offsets for almost all text; where it did not, show the
        // start of the field instead of cutting in the wrong place.
        let text = original.as_str();
        let (from, to) = if end - start == text.len() {
            hit.range
        } else {
            (0, 0)
        };
        let from = floor_char_boundary(text, from.saturating_sub(CONTEXT));
        let to = floor_char_boundary(text, (to + CONTEXT).min(text.len()));
        let mut snippet = String::new();
        if from > 0 {
            snippet.push('\u{2026}');
        }
        snippet.push_str(
            text.get(from..to)
                .unwrap_or_default()
                .replace(['\n', '\r'], " ")
                .trim(),
        );
        if to < text.len() {
            snippet.push('\u{2026}');
        }
        snippet
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Whether `word` and the term differ by at most one letter changed, added, removed, or
/// two neighbours swapped.
fn within_one_edit(word: &str, term: &Term) -> bool {
    if word.is_ascii() && term.text.is_ascii() {
        one_edit(word.as_bytes(), term.text.as_bytes())
    } else {
        let chars: Vec<char> = word.chars().collect();
        one_edit(&chars, &term.chars)
    }
}

/// The shortest term whose typo may be at a word's beginning rather than the whole word.
const MIN_PREFIX_TYPO_CHARS: usize = 5;

/// Whether some beginning of `word` (one letter shorter than the term, as long, or one
/// longer) is within one edit of the term: a typo in what the person has typed so far.
fn begins_within_one_edit(word: &str, term: &Term) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let length = term.chars.len();
    (length.saturating_sub(1)..=length + 1)
        .filter(|prefix| *prefix < chars.len())
        .any(|prefix| {
            chars
                .get(..prefix)
                .is_some_and(|p| one_edit(p, &term.chars))
        })
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true; // equal, or one extra at the end
    }
    let (short_rest, long_rest) = (
        short.get(prefix..).unwrap_or_default(),
        long.get(prefix..).unwrap_or_default(),
    );
    if short.len() == long.len() {
        // One changed, or two neighbours swapped.
        let changed = short_rest.get(1..) == long_rest.get(1..);
        let swapped = short_rest.len() >= 2
            && short_rest.first() == long_rest.get(1)
            && short_rest.get(1) == long_rest.first()
            && short_rest.get(2..) == long_rest.get(2..);
        changed || swapped
    } else {
        // One inserted in the longer.
        short_rest == long_rest.get(1..).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, Resource, Skill, Stage, Timestamp};

    fn roadmap() -> Roadmap {
        let mut roadmap = Roadmap::new_empty("search", "Search test");
        roadmap.stages = vec![
            Stage {
                id: "junior".into(),
                title: "Junior".into(),
            },
            Stage {
                id: "senior".into(),
                title: "Senior".into(),
            },
        ];
        let mut caching = Skill::new("caching", "Caching", "senior");
        caching.summary = "Keep answers close to where they are needed.".into();
        caching.area = Area("performance".into());
        let mut redis = Skill::new("redis", "Redis", "senior");
        redis.summary = "An in-memory store, often used for caching.".into();
        redis.area = Area("databases".into());
        let mut http = Skill::new("http", "HTTP", "junior");
        http.summary = "Requests, responses, status codes.".into();
        http.resources = vec![Resource {
            title: "MDN: HTTP caching".into(),
            url: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Caching".into(),
        }];
        let git = Skill::new("git", "Git fundamentals", "junior");
        let postgres = Skill::new("postgres", "PostgreSQL", "senior");
        roadmap.skills = vec![http, git, redis, caching, postgres];
        roadmap
    }

    fn progress(roadmap: &Roadmap) -> Progress {
        let mut progress = Progress::new(&roadmap.id);
        let now = Timestamp::now();
        progress.set_notes("git", "Rebase vs merge; caching credentials.", now);
        progress.set_status("redis", Status::Learned, now);
        progress.set_status("git", Status::Learning, now);
        progress
    }

    fn found(query: &str, filter: &SearchFilter) -> Vec<String> {
        let roadmap = roadmap();
        let progress = progress(&roadmap);
        let index = SearchIndex::build(&roadmap, &progress);
        index
            .search(
                &roadmap,
                |i| progress.status(&roadmap.skills[i].id),
                query,
                filter,
            )
            .iter()
            .map(|hit| roadmap.skills[hit.skill_index].id.clone())
            .collect()
    }

    #[test]
    fn an_exact_title_beats_a_summary_beats_a_link_beats_a_note() {
        assert_eq!(
            found("caching", &SearchFilter::default()),
            ["caching", "redis", "http", "git"]
        );
    }

    #[test]
    fn a_one_letter_typo_still_finds_it() {
        for typo in ["cachign", "cahing", "cachinng", "caxhing", "Cashing"] {
            assert_eq!(
                found(typo, &SearchFilter::default())
                    .first()
                    .map(String::as_str),
                Some("caching"),
                "{typo}"
            );
        }
        assert!(found("cxxhing", &SearchFilter::default()).is_empty());
    }

    #[test]
    fn a_typo_in_a_words_beginning_still_finds_it() {
        // Issue 16, item 15: these found nothing, while whole-word typos worked.
        for typo in ["postgers", "postgrs", "Postgre", "psotgres", "postgresq"] {
            assert_eq!(
                found(typo, &SearchFilter::default()),
                ["postgres"],
                "{typo}"
            );
        }
        // Two typos are too many; short terms stay exact.
        assert!(found("pzstgzrs", &SearchFilter::default()).is_empty());
        assert!(found("pstg", &SearchFilter::default()).is_empty());
    }

    #[test]
    fn every_word_of_the_query_must_match() {
        assert_eq!(found("memory caching", &SearchFilter::default()), ["redis"]);
        assert_eq!(found("git rebase", &SearchFilter::default()), ["git"]);
    }

    #[test]
    fn filters_narrow_by_status_stage_and_area() {
        let learned = SearchFilter {
            status: Some(Status::Learned),
            ..SearchFilter::default()
        };
        assert_eq!(found("caching", &learned), ["redis"]);
        assert_eq!(found("", &learned), ["redis"]);
        let junior = SearchFilter {
            stage: Some("junior".into()),
            ..SearchFilter::default()
        };
        assert_eq!(found("", &junior), ["http", "git"]);
        let performance = SearchFilter {
            area: Some("performance".into()),
            ..SearchFilter::default()
        };
        assert_eq!(found("", &performance), ["caching"]);
        assert!(found("", &SearchFilter::default()).is_empty());
    }

    #[test]
    fn snippets_show_the_match_as_written() {
        let roadmap = roadmap();
        let progress = progress(&roadmap);
        let index = SearchIndex::build(&roadmap, &progress);
        let hits = index.search(
            &roadmap,
            |i| progress.status(&roadmap.skills[i].id),
            "credentials",
            &SearchFilter::default(),
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].field, Some(MatchField::Notes));
        assert_eq!(
            index.snippet(&hits[0]),
            "Rebase vs merge; caching credentials."
        );
    }

    #[test]
    fn one_edit_distance() {
        assert!(one_edit(b"kitten", b"kitten"));
        assert!(one_edit(b"kitten", b"sitten"));
        assert!(one_edit(b"kitten", b"kittn"));
        assert!(one_edit(b"kitten", b"kitteen"));
        assert!(one_edit(b"kitten", b"iktten"));
        assert!(!one_edit(b"kitten", b"sittin"));
        assert!(!one_edit(b"kitten", b"kit"));
    }
}
