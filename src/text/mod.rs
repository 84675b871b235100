//! Text layout: paragraphs, sentences and tokens, each with byte offsets into the article.
//!
//! Invariant: every span lies on `char` boundaries inside the text, spans of one layer do not
//! overlap and come in text order. Everything downstream addresses text through these spans.

use unicode_segmentation::UnicodeSegmentation;

/// A half-open byte range `[start, end)` in a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether one of the byte offsets `sorted` (ascending) lies in this span.
    pub fn holds_any(&self, sorted: &[usize]) -> bool {
        let i = sorted.partition_point(|&at| at < self.start);
        sorted.get(i).is_some_and(|&at| at < self.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner apostrophes or inner hyphens: "James's", "8am").
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Index of the sentence holding this token.
    pub sentence: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// Indices into [`Layout::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// The layers of one text.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Layout {
    /// Splits `text` into paragraphs (at line breaks), sentences (UAX #29, mended for the
    /// abbreviations news text uses) and tokens (UAX #29 words; spaces dropped).
    pub fn new(text: &str) -> Self {
        let mut layout = Layout::default();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let start = offset + (line.len() - line.trim_start().len());
                layout
                    .paragraphs
                    .push(Span::new(start, start + trimmed.len()));
            }
            offset += line.len();
        }
        // About one token for every five bytes of news text: room made once.
        layout.tokens.reserve(text.len() / 4);
        let mut scratch = WordScratch::default();
        for p in 0..layout.paragraphs.len() {
            let para = layout.paragraphs[p];
            let body = &text[para.start..para.end];
            let mut pending: Option<Span> = None;
            for (rel, piece) in sentence_pieces(body) {
                let lead = piece.len() - piece.trim_start().len();
                let piece_trim = piece.trim();
                if piece_trim.is_empty() {
                    continue;
                }
                let span = Span::new(
                    para.start + rel + lead,
                    para.start + rel + lead + piece_trim.len(),
                );
                pending = match pending {
                    Some(prev) if !ends_sentence(&text[prev.start..prev.end], piece_trim) => {
                        Some(prev.join(span))
                    }
                    Some(prev) => {
                        layout.push_sentence(text, prev, p, &mut scratch);
                        Some(span)
                    }
                    None => Some(span),
                };
            }
            if let Some(prev) = pending {
                layout.push_sentence(text, prev, p, &mut scratch);
            }
        }
        layout
    }

    fn push_sentence(
        &mut self,
        text: &str,
        span: Span,
        paragraph: usize,
        scratch: &mut WordScratch,
    ) {
        let index = self.sentences.len();
        let first = self.tokens.len();
        let sentence = &text[span.start..span.end];
        word_pieces_into(sentence, scratch);
        for &(start, end) in &scratch.pieces {
            let word = &sentence[start..end];
            let Some(c) = word.chars().next() else {
                continue;
            };
            if c.is_whitespace() {
                continue;
            }
            let kind = if c.is_ascii_alphabetic() || word.chars().any(char::is_alphabetic) {
                TokenKind::Word
            } else if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Punct
            };
            self.tokens.push(Token {
                span: Span::new(span.start + start, span.start + end),
                kind,
                sentence: index,
            });
        }
        self.sentences.push(Sentence {
            span,
            paragraph,
            tokens: first..self.tokens.len(),
        });
    }

    /// The sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The paragraph holding byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|s| s.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= offset).then_some(i)
    }

    /// The first token starting at or after byte `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }
}

/// Sentence pieces of a paragraph, as (byte offset, piece): UAX #29's sentence boundaries.
/// Ordinary prose (single `.`, `!` or `?` before closing quotes, spaces or the end) is cut
/// by a byte scan; a paragraph with anything less ordinary around a terminator goes through
/// the full Unicode algorithm, which is several times slower.
fn sentence_pieces(body: &str) -> Vec<(usize, &str)> {
    ordinary_sentence_pieces(body).unwrap_or_else(|| body.split_sentence_bound_indices().collect())
}

fn ordinary_sentence_pieces(body: &str) -> Option<Vec<(usize, &str)>> {
    let bytes = body.as_bytes();
    // Other terminators (ellipsis, full-width stops, ...) are all outside ASCII and rare.
    const OTHER_TERMINATORS: &[char] = &[
        '\u{2026}', '\u{203C}', '\u{203D}', '\u{2047}', '\u{2048}', '\u{2049}', '\u{3002}',
        '\u{FF01}', '\u{FF0E}', '\u{FF1F}', '\u{FF61}', '\u{0589}', '\u{061F}', '\u{06D4}',
    ];
    if !body.is_ascii() && body.contains(OTHER_TERMINATORS) {
        return None;
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for at in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if at < start {
            continue;
        }
        let full_stop = bytes[at] == b'.';
        let after = &body[at + 1..];
        let Some(next) = after.chars().next() else {
            break;
        };
        if !(is_close(next) || is_sentence_space(next)) {
            let prev = body[..at].chars().next_back();
            // SB6 "3.5" and SB7 "U.S", "Road.More": no break inside.
            let inside = full_stop
                && (next.is_ascii_digit()
                    || (next.is_uppercase()
                        && prev.is_some_and(|c| c.is_uppercase() || c.is_lowercase())));
            if inside {
                continue;
            }
            return None;
        }
        // Close* Sp*
        let mut end = at + 1;
        let mut chars = after.chars().peekable();
        while let Some(&c) = chars.peek() {
            if !is_close(c) {
                break;
            }
            end += c.len_utf8();
            chars.next();
        }
        for c in chars {
            if is_sentence_space(c) {
                end += c.len_utf8();
            } else if c.is_whitespace() {
                return None;
            } else {
                break;
            }
        }
        let rest = &body[end..];
        let Some(following) = rest.chars().next() else {
            break;
        };
        if matches!(following, '.' | '!' | '?') || following.is_whitespace() {
            return None;
        }
        // SB8a: a continuation (",", ";", ":", a dash) goes on.
        if matches!(following, ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}') {
            continue;
        }
        // SB8: after a full stop, a lower-case word goes on.
        if full_stop {
            let letter = rest
                .chars()
                .find(|&c| c.is_alphabetic() || matches!(c, '.' | '!' | '?' | '\n' | '\r'));
            if letter.is_some_and(char::is_lowercase) {
                continue;
            }
            if !letter.is_some_and(char::is_alphabetic) && letter.is_some() {
                return None;
            }
        }
        pieces.push((start, &body[start..end]));
        start = end;
    }
    if start < body.len() {
        pieces.push((start, &body[start..]));
    }
    Some(pieces)
}

/// Word pieces of a sentence, as (byte offset, piece): UAX #29's word boundaries. Text of
/// ASCII and the usual typographic marks (curly quotes, pound sign, dashes, no-break
/// space) is cut by a byte scan; anything else goes through the full Unicode algorithm.
#[cfg(test)]
fn word_pieces(text: &str) -> Vec<(usize, &str)> {
    let mut scratch = WordScratch::default();
    word_pieces_into(text, &mut scratch);
    scratch.pieces_of(text)
}

/// Buffers the word scan reuses from one sentence to the next.
#[derive(Default)]
struct WordScratch {
    classes: Vec<(usize, WordClass)>,
    /// The pieces of the last sentence scanned, as byte ranges.
    pieces: Vec<(usize, usize)>,
}

#[cfg(test)]
impl WordScratch {
    fn pieces_of<'t>(&self, text: &'t str) -> Vec<(usize, &'t str)> {
        self.pieces.iter().map(|&(s, e)| (s, &text[s..e])).collect()
    }
}

fn word_pieces_into(text: &str, scratch: &mut WordScratch) {
    if !ordinary_word_pieces(text, scratch) {
        scratch.pieces.clear();
        scratch.pieces.extend(
            text.split_word_bound_indices()
                .map(|(at, piece)| (at, at + piece.len())),
        );
    }
}

/// The word-break classes of the characters the byte scan knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Letter,
    Digit,
    /// `_`, which joins letters and digits on both sides.
    Joiner,
    /// `:` between letters.
    MidLetter,
    /// `,` `;` between digits.
    MidNum,
    /// `.` `'` `‘` `’` between letters or between digits.
    MidNumLet,
    Space,
    Cr,
    Lf,
    Other,
}

fn ascii_word_class(b: u8) -> WordClass {
    use WordClass::*;
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Letter,
        b'0'..=b'9' => Digit,
        b'_' => Joiner,
        b':' => MidLetter,
        b',' | b';' => MidNum,
        b'.' | b'\'' => MidNumLet,
        b' ' => Space,
        b'\r' => Cr,
        b'\n' => Lf,
        _ => Other,
    }
}

fn word_class(c: char) -> Option<WordClass> {
    if c.is_ascii() {
        return Some(ascii_word_class(c as u8));
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' => WordClass::MidNumLet,
        '\u{201C}' | '\u{201D}' | '\u{00A3}' | '\u{2013}' | '\u{2014}' | '\u{00A0}' => {
            WordClass::Other
        }
        _ => return None,
    })
}

/// The byte scan: fills `scratch.pieces` and returns true, or returns false when `text`
/// has a character it does not know.
fn ordinary_word_pieces(text: &str, scratch: &mut WordScratch) -> bool {
    let pieces = &mut scratch.pieces;
    pieces.clear();
    if text.is_ascii() {
        // Most sentences: a byte is a character, and its class is a table lookup.
        let bytes = text.as_bytes();
        scan_word_pieces(
            bytes.len(),
            |i| bytes.get(i).map(|&b| ascii_word_class(b)),
            |i| i,
            pieces,
        );
        return true;
    }
    let chars = &mut scratch.classes;
    chars.clear();
    for (i, c) in text.char_indices() {
        match word_class(c) {
            Some(class) => chars.push((i, class)),
            None => return false,
        }
    }
    scan_word_pieces(
        chars.len(),
        |i| chars.get(i).map(|&(_, k)| k),
        |i| chars.get(i).map_or(text.len(), |&(at, _)| at),
        pieces,
    );
    true
}

/// UAX #29's word rules over `len` characters, given each one's class and byte offset
/// (`offset(len)` is the text's length); pushes the pieces as byte ranges.
fn scan_word_pieces(
    len: usize,
    class: impl Fn(usize) -> Option<WordClass>,
    offset: impl Fn(usize) -> usize,
    pieces: &mut Vec<(usize, usize)>,
) {
    use WordClass::*;
    let mut i = 0;
    while i < len {
        let start = offset(i);
        let mut j = i + 1;
        match class(i) {
            Some(Cr) if class(j) == Some(Lf) => j += 1,
            Some(Space) => {
                while class(j) == Some(Space) {
                    j += 1;
                }
            }
            Some(Letter | Digit | Joiner) => loop {
                match class(j) {
                    Some(Letter | Digit | Joiner) => j += 1,
                    // WB6/7 and WB11/12: one middle mark between two letters or two digits.
                    Some(mid @ (MidLetter | MidNum | MidNumLet)) => {
                        let (before, after) = (class(j - 1), class(j + 1));
                        let joins = (before == Some(Letter)
                            && after == Some(Letter)
                            && mid != MidNum)
                            || (before == Some(Digit) && after == Some(Digit) && mid != MidLetter);
                        if !joins {
                            break;
                        }
                        j += 2;
                    }
                    _ => break,
                }
            },
            _ => {}
        }
        pieces.push((start, offset(j.min(len))));
        i = j;
    }
}

/// UAX #29 Close: quotation marks and closing brackets.
fn is_close(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{00BB}'
            | '\u{00AB}'
            | '('
            | '['
            | '{'
    )
}

fn is_sentence_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{00A0}'
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Cllr", "No", "Sgt", "Rev", "Gen", "Capt", "Lt", "Col",
    "Jr", "Sr", "Co", "Inc", "Ltd", "vs", "e.g", "i.e", "approx",
];

/// Months as news agencies abbreviate them, with a full stop ("Sept. 13").
const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Capital letters between full stops, without the last one: "A", "M.K", "T.R.B".
pub(crate) fn are_initials(letters: &str) -> bool {
    letters
        .split('.')
        .all(|l| l.len() == 1 && l.bytes().all(|b| b.is_ascii_uppercase()))
}

fn is_month_or_weekday(word: &str) -> bool {
    word.parse::<chrono::Month>().is_ok() || word.parse::<chrono::Weekday>().is_ok()
}

fn ends_sentence(previous: &str, next: &str) -> bool {
    let prev = previous.trim_end();
    if let Some(stripped) = prev.strip_suffix('.') {
        let last = stripped
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .unwrap_or("");
        // "Dr.", "A.", and initials ("M.K. Stalin").
        if ABBREVIATIONS.contains(&last) || are_initials(last) {
            return false;
        }
        // News agencies' dates and times: "Sept. 13", "12:01 a.m. Oct. 2".
        let next_word = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if MONTH_ABBREVIATIONS.contains(&last) && next.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        if matches!(last, "a.m" | "p.m")
            && (MONTH_ABBREVIATIONS.contains(&next_word) || is_month_or_weekday(next_word))
        {
            return false;
        }
    }
    // A new sentence starts with a capital, a digit or an opening quote; UAX #29 sometimes
    // breaks after a closing quote followed by a lower-case continuation ("..." said X).
    next.chars().next().is_none_or(|c| !c.is_lowercase())
}

/// Byte offsets into one text as counts of Unicode scalar values, as NIF offsets count:
/// O(log n) each instead of a count from the start. Holds, for each character longer than one byte, where it ends and how many
/// bytes more than characters the text has up to there (nothing for ASCII text).
pub struct CharOffsets {
    wide_ends: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut wide_ends = Vec::new();
        if !text.is_ascii() {
            let mut surplus = 0;
            for (at, c) in text.char_indices() {
                let len = c.len_utf8();
                if len > 1 {
                    surplus += len - 1;
                    wide_ends.push((at + len, surplus));
                }
            }
        }
        Self { wide_ends }
    }

    /// The character offset of byte `byte` (a `char` boundary).
    pub fn of(&self, byte: usize) -> usize {
        let before = self.wide_ends.partition_point(|&(end, _)| end <= byte);
        byte - before
            .checked_sub(1)
            .map_or(0, |last| self.wide_ends[last].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters before `byte`, counted from the start: what [`CharOffsets`] answers.
    fn char_offset(text: &str, byte: usize) -> usize {
        text.get(..byte).map_or(0, |s| s.chars().count())
    }

    #[test]
    fn char_offsets_count_characters_at_every_boundary() {
        for text in [
            "",
            "plain ASCII text",
            "“Enough,” she said — £5 a day, café, 日本, 🙂 end",
            "é",
        ] {
            let offsets = CharOffsets::new(text);
            for byte in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
                assert_eq!(
                    offsets.of(byte),
                    char_offset(text, byte),
                    "{text:?} at {byte}"
                );
            }
        }
    }

    #[test]
    fn the_fast_sentence_scan_agrees_with_unicode() {
        let texts = [
            "Dr Ann Lee said: \"We will strike.\" The trust said it was sorry.",
            "Pay rose 3.5% in the U.S. last year. Talks resume on Monday!",
            "\u{201C}Enough,\u{201D} she said. \u{201C}We are tired.\u{201D} He agreed... Then what?",
            "It is over. (The union disagreed.) A vote follows? yes, said one.",
            "Staff walked out at 7am. the picket grew; numbers rose. E.g. nurses.",
            "Visit www.example-nhs.net.More on the site. Road.Next item in 2016.More here",
        ];
        for text in texts {
            let fast: Vec<_> = sentence_pieces(text);
            let unicode: Vec<_> = text.split_sentence_bound_indices().collect();
            assert_eq!(fast, unicode, "{text}");
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        Layout::new(text)
            .sentences
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn paragraphs_are_lines_and_sentences_split_inside_them() {
        let text = "First one. Second one.\n\nThird, by Dr. Jones.\n";
        let layout = Layout::new(text);
        assert_eq!(layout.paragraphs.len(), 2);
        assert_eq!(
            sentences(text),
            vec!["First one.", "Second one.", "Third, by Dr. Jones."]
        );
        assert_eq!(layout.sentences[2].paragraph, 1);
    }

    #[test]
    fn agency_dates_and_times_do_not_end_sentences() {
        let text = "Staff walked out Sept. 13 at 12:01 a.m. Oct. 2 was next. It ended in Dec. \
                    The end. M.K. Varan spoke.";
        assert_eq!(
            sentences(text),
            vec![
                "Staff walked out Sept. 13 at 12:01 a.m. Oct. 2 was next.",
                "It ended in Dec.",
                "The end.",
                "M.K. Varan spoke."
            ]
        );
    }

    #[test]
    fn a_quote_followed_by_said_stays_one_sentence() {
        let text = "\"We are angry,\" said Ann Lee. \"Very.\" she added.";
        assert_eq!(
            sentences(text),
            vec!["\"We are angry,\" said Ann Lee.", "\"Very.\" she added."]
        );
    }

    #[test]
    fn tokens_keep_offsets_and_kinds() {
        let text = "St James's, 8am: 48-hour walkout.";
        let layout = Layout::new(text);
        let words: Vec<_> = layout
            .tokens
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(
            words,
            vec!["St", "James's", ",", "8am", ":", "48", "-", "hour", "walkout", "."]
        );
        assert_eq!(layout.tokens[5].kind, TokenKind::Number);
        assert_eq!(layout.tokens[3].kind, TokenKind::Word);
    }

    #[test]
    fn char_offsets_count_scalars() {
        assert_eq!(char_offset("Ní Bhriain", 3), 2);
    }
}
#[cfg(test)]
mod sentence_scan_agreement {
    use super::*;

    /// A fixed-seed xorshift generator: the same random texts on every run.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// Random strings of the characters that decide sentence boundaries, from a fixed
    /// seed: the byte scan must cut them exactly where UAX #29 does.
    #[test]
    fn the_fast_scan_agrees_with_unicode_on_random_text() {
        const PIECES: &[&str] = &[
            "a", "b", "Z", "Q", "1", "7", ".", ".", "!", "?", " ", " ", "\"", "'", ")", "(", ",",
            ";", ":", "-", "\u{201D}", "\u{201C}", "\u{2019}", "\u{2014}", "\t", "\u{00A0}", "é",
            "É", "%", "word", "Name", "U.S.", "e.g.", "3.5", "...", "?!",
        ];
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let fast = sentence_pieces(&text);
            let unicode: Vec<_> = text.split_sentence_bound_indices().collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
    }

    /// The same for the word scan, with the characters that decide word boundaries.
    #[test]
    fn the_fast_word_scan_agrees_with_unicode_on_random_text() {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "q",
            "1",
            "7",
            "0",
            "_",
            ":",
            ",",
            ";",
            ".",
            "'",
            "\u{2018}",
            "\u{2019}",
            " ",
            " ",
            "  ",
            "\r",
            "\n",
            "\r\n",
            "\t",
            "\u{0B}",
            "-",
            "%",
            "\"",
            "(",
            ")",
            "\u{201C}",
            "\u{201D}",
            "\u{00A3}",
            "\u{2013}",
            "\u{2014}",
            "\u{00A0}",
            "é",
            "ś",
            "word",
            "St James's",
            "3.5",
            "1,000",
            "e.g.",
            "8am",
            "48-hour",
            "U.S.",
            "a:b",
        ];
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let mut fast_ones = 0;
        for _ in 0..50_000 {
            let len = (next() % 16) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let unicode: Vec<_> = text.split_word_bound_indices().collect();
            let mut scratch = WordScratch::default();
            if ordinary_word_pieces(&text, &mut scratch) {
                fast_ones += 1;
                assert_eq!(scratch.pieces_of(&text), unicode, "{text:?}");
            }
            assert_eq!(word_pieces(&text), unicode, "{text:?}");
        }
        // Most random strings take the byte scan, so the comparison above means something.
        assert!(fast_ones > 30_000, "{fast_ones}");
    }
}
