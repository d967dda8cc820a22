//! Right-to-left lines: the Unicode bidirectional algorithm (UAX #9, through the
//! `unicode-bidi` crate) applied per visual line, after line breaking.
//!
//! egui lays text out left to right in the order it is given. It does shape each run
//! of one font (harfrust joins Arabic letters and, for a run in Arabic script, puts its
//! glyphs right to left), but it neither orders the words of a line nor the runs of
//! different directions. So a line is cut here into *pieces* in visual order, left
//! to right: a word of right-to-left letters (kept in logical order, for the shaper
//! to join and turn), a run of left-to-right text such as a Latin name or a number
//! (kept as it is), or one neutral character (a space, a comma, "!").
//! `widgets::rtl_label` draws these pieces.

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};
use welkom_core::LanguageTag;

/// The base direction of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (Dutch, English, Turkish, Polish, Ukrainian, …).
    LeftToRight,
    /// Right to left (Arabic).
    RightToLeft,
}

/// Languages written right to left, by their primary subtag.
const RIGHT_TO_LEFT: [&str; 6] = ["ar", "fa", "he", "ur", "ps", "yi"];

impl Direction {
    /// The direction a language is written in.
    pub fn of_language(language: &LanguageTag) -> Self {
        if RIGHT_TO_LEFT.contains(&language.primary()) {
            Self::RightToLeft
        } else {
            Self::LeftToRight
        }
    }

    /// The direction of a text on its own: that of its first strong letter
    /// (rules P2 and P3), left to right when it has none.
    pub fn of_text(text: &str) -> Self {
        for c in text.chars() {
            match bidi_class(c) {
                BidiClass::L => return Self::LeftToRight,
                BidiClass::R | BidiClass::AL => return Self::RightToLeft,
                _ => {}
            }
        }
        Self::LeftToRight
    }

    /// Whether this is right to left.
    pub fn is_rtl(self) -> bool {
        self == Self::RightToLeft
    }

    fn level(self) -> Level {
        match self {
            Self::LeftToRight => Level::ltr(),
            Self::RightToLeft => Level::rtl(),
        }
    }
}

/// Whether a text holds any right-to-left letter (and so needs reordering at all).
pub fn has_rtl(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// A piece of a visual line, drawn as one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The characters in logical order (a right-to-left word is turned by the shaper).
    pub text: String,
    /// Whether the piece reads right to left.
    pub rtl: bool,
}

/// A line of a paragraph: its byte range in the paragraph, in logical order.
pub type LineRange = std::ops::Range<usize>;

/// Breaks a paragraph into lines no wider than `max_width`, at spaces, in logical
/// order: the first line holds the start of the sentence. A word wider than a line
/// on its own is cut between its characters (its start on the upper line), as few
/// times as it takes. `measure` gives the width of a line (a byte range of `text`)
/// as drawn. A line's trailing spaces are not part of it.
pub fn wrap(
    text: &str,
    max_width: f32,
    mut measure: impl FnMut(LineRange) -> f32,
) -> Vec<LineRange> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (word_start, word_end) in words(text) {
        if end > start && measure(start..word_end) > max_width {
            lines.push(start..end);
            start = word_start;
        }
        if start == word_start || end == start {
            // The word begins its line: cut it while it is wider than a line.
            let mut from = word_start;
            while measure(from..word_end) > max_width {
                let cut = longest_fitting(text, from..word_end, max_width, &mut measure);
                if cut >= word_end {
                    break;
                }
                lines.push(from..cut);
                from = cut;
            }
            if from > word_start {
                // Its last piece begins the line.
                start = from;
            }
        }
        end = word_end;
    }
    if end > start || lines.is_empty() {
        lines.push(start..end);
    }
    lines
}

/// The end of the longest start of `word` (at least one character) no wider than
/// `max_width`.
fn longest_fitting(
    text: &str,
    word: LineRange,
    max_width: f32,
    measure: &mut impl FnMut(LineRange) -> f32,
) -> usize {
    let ends: Vec<usize> = text[word.clone()]
        .char_indices()
        .skip(1)
        .map(|(i, _)| word.start + i)
        .chain(std::iter::once(word.end))
        .collect();
    // Widths grow with the characters taken: the first end that is too wide, found
    // by halving, less one.
    let (mut low, mut high) = (0, ends.len());
    while low < high {
        let mid = (low + high) / 2;
        if measure(word.start..ends[mid]) > max_width {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    ends[low.saturating_sub(1)]
}

/// The words of a text (byte ranges without the spaces around them).
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The pieces of one line of a paragraph in visual order, left to right. The levels
/// come from the whole paragraph (so a line's neutral characters resolve as in the
/// sentence), the order from the line alone (rule L2 applied per line).
pub fn visual_pieces(paragraph: &str, base: Direction, line: LineRange) -> Vec<Piece> {
    let info = ParagraphBidiInfo::new(paragraph, Some(base.level()));
    let (levels, runs) = info.visual_runs(line);
    let mut pieces = Vec::new();
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        let text = &paragraph[run];
        if rtl {
            let mut run_pieces = rtl_run_pieces(text);
            run_pieces.reverse();
            pieces.extend(run_pieces);
        } else {
            pieces.push(Piece {
                text: text.to_owned(),
                rtl: false,
            });
        }
    }
    pieces
}

/// A right-to-left run cut into words of right-to-left letters and single other
/// characters (mirrored where the Unicode data says so, rule L4), in logical order.
fn rtl_run_pieces(run: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut in_word = false;
    for c in run.chars() {
        let letter = matches!(
            bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
        );
        match pieces.last_mut() {
            Some(last) if letter && in_word => last.text.push(c),
            _ => pieces.push(Piece {
                text: mirrored(c).to_string(),
                rtl: letter,
            }),
        }
        in_word = letter;
    }
    pieces
}

/// The mirror image of a paired punctuation mark, drawn in a right-to-left run.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

/// The characters of a line in visual order, left to right: the pieces with each
/// right-to-left word turned round, as the shaper draws it. What the tests compare
/// with the bidi algorithm's own reordering.
pub fn visual_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| {
            if p.rtl {
                p.text.chars().rev().collect()
            } else {
                p.text.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line as the `unicode-bidi` crate reorders it (rules L1 and L2).
    fn expected(paragraph: &str, base: Direction, line: LineRange) -> String {
        ParagraphBidiInfo::new(paragraph, Some(base.level()))
            .reorder_line(line)
            .into_owned()
    }

    fn whole(text: &str) -> String {
        visual_text(&visual_pieces(text, Direction::RightToLeft, 0..text.len()))
    }

    #[test]
    fn an_arabic_greeting_with_a_latin_name_reads_right_to_left_with_the_name_intact() {
        let line = "صباح الخير، Sanne!";
        let visual = whole(line);
        assert_eq!(
            visual,
            expected(line, Direction::RightToLeft, 0..line.len())
        );
        // Left to right on the screen: "!", the name, the comma, then the Arabic
        // words from the last to the first (the first at the right edge).
        assert_eq!(visual, "!Sanne ،ريخلا حابص");
        let pieces = visual_pieces(line, Direction::RightToLeft, 0..line.len());
        let texts: Vec<&str> = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["!", "Sanne", " ", "،", "الخير", " ", "صباح"]);
        assert!(pieces[4].rtl && pieces[6].rtl && !pieces[1].rtl);
    }

    #[test]
    fn a_number_keeps_its_digits_in_order() {
        let line = "عمرك اليوم 13 سنة!";
        let visual = whole(line);
        assert_eq!(
            visual,
            expected(line, Direction::RightToLeft, 0..line.len())
        );
        assert_eq!(visual, "!ةنس 13 مويلا كرمع");
    }

    #[test]
    fn punctuation_at_the_end_goes_to_the_left() {
        for line in ["كيف كان التوصيل اليوم؟", "شكرًا جزيلًا، Emma.", "تم!"]
        {
            let visual = whole(line);
            assert_eq!(
                visual,
                expected(line, Direction::RightToLeft, 0..line.len()),
                "{line}"
            );
        }
        assert_eq!(whole("كيف كان؟"), "؟ناك فيك");
        assert_eq!(whole("شكرًا، Emma."), ".Emma ،اًركش");
    }

    #[test]
    fn a_wrapped_paragraph_starts_on_the_first_line_and_each_line_is_reordered_alone() {
        let paragraph = "أهلًا وسهلًا يا Yusuf! نتمنى لك يومًا أول جميلًا!";
        // Every character one unit wide; room for 26.
        let lines = wrap(paragraph, 26.0, |r| paragraph[r].chars().count() as f32);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(&paragraph[lines[0].clone()], "أهلًا وسهلًا يا Yusuf!");
        assert_eq!(&paragraph[lines[1].clone()], "نتمنى لك يومًا أول جميلًا!");
        for line in &lines {
            let pieces = visual_pieces(paragraph, Direction::RightToLeft, line.clone());
            assert_eq!(
                visual_text(&pieces),
                expected(paragraph, Direction::RightToLeft, line.clone())
            );
        }
        let first = visual_pieces(paragraph, Direction::RightToLeft, lines[0].clone());
        // The sentence starts at the right edge of the first line.
        assert_eq!(first.last().map(|p| p.text.as_str()), Some("أهلًا"));
        assert_eq!(visual_text(&first), "!Yusuf اي اًلهسو اًلهأ");
    }

    #[test]
    fn latin_text_in_a_left_to_right_paragraph_is_one_piece_as_given() {
        let line = "Goedemorgen, Sanne!";
        let pieces = visual_pieces(line, Direction::LeftToRight, 0..line.len());
        assert_eq!(
            pieces,
            [Piece {
                text: line.to_owned(),
                rtl: false
            }]
        );
        assert!(!has_rtl(line));
        assert!(has_rtl("صباح الخير، Sanne!"));
    }

    #[test]
    fn brackets_are_mirrored_in_a_right_to_left_run() {
        assert_eq!(whole("الطعام (والشراب)"), "(بارشلاو) ماعطلا");
    }

    #[test]
    fn direction_of_languages_and_texts() {
        let ar = LanguageTag::parse("ar").unwrap();
        assert_eq!(Direction::of_language(&ar), Direction::RightToLeft);
        assert_eq!(
            Direction::of_language(&LanguageTag::dutch()),
            Direction::LeftToRight
        );
        assert_eq!(Direction::of_text("12 تم"), Direction::RightToLeft);
        assert_eq!(Direction::of_text("Daan"), Direction::LeftToRight);
    }

    #[test]
    fn wrapping_cuts_a_too_long_word_and_never_returns_nothing() {
        let empty = wrap("", 10.0, |r| r.len() as f32);
        assert_eq!(empty.len(), 1);
        assert!(empty[0].is_empty());
        let lines = wrap("aaaaaaaaaaaaaa b", 5.0, |r| r.len() as f32);
        assert_eq!(lines, [0..5, 5..10, 10..14, 15..16]);
    }

    #[test]
    fn a_word_wider_than_a_line_is_cut_with_its_start_on_top() {
        // Ten points a character; lines of at most 100 points.
        let measure = |text: &str, line: LineRange| text[line].chars().count() as f32 * 10.0;
        let text = "نحتاج kinderopvangtoeslagaanvraagformulier اليوم كثيرا";
        let lines = wrap(text, 100.0, |line| measure(text, line));
        let shown: Vec<&str> = lines.iter().map(|line| &text[line.clone()]).collect();
        assert_eq!(
            shown,
            [
                "نحتاج",
                "kinderopva",
                "ngtoeslaga",
                "anvraagfor",
                "mulier",
                "اليوم",
                "كثيرا"
            ]
        );
        // The word's last piece takes the next words while they fit.
        let text = "ab kinderopvangtoes cd ef";
        let lines = wrap(text, 100.0, |line| measure(text, line));
        let shown: Vec<&str> = lines.iter().map(|line| &text[line.clone()]).collect();
        assert_eq!(shown, ["ab", "kinderopva", "ngtoes cd", "ef"]);
        // A character wider than a line still gets one, and the cutting ends.
        let lines = wrap("ab", 5.0, |line| measure("ab", line));
        assert_eq!(lines, [0..1, 1..2]);
    }
}
