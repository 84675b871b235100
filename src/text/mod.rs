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
        for (p, para) in layout.paragraphs.clone().into_iter().enumerate() {
            let body = &text[para.start..para.end];
            let mut pending: Option<Span> = None;
            for (rel, piece) in body.split_sentence_bound_indices() {
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
                        layout.push_sentence(text, prev, p);
                        Some(span)
                    }
                    None => Some(span),
                };
            }
            if let Some(prev) = pending {
                layout.push_sentence(text, prev, p);
            }
        }
        layout
    }

    fn push_sentence(&mut self, text: &str, span: Span, paragraph: usize) {
        let index = self.sentences.len();
        let first = self.tokens.len();
        for (rel, word) in text[span.start..span.end].split_word_bound_indices() {
            let Some(c) = word.chars().next() else {
                continue;
            };
            if c.is_whitespace() {
                continue;
            }
            let kind = if word.chars().any(char::is_alphabetic) {
                TokenKind::Word
            } else if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Punct
            };
            let start = span.start + rel;
            self.tokens.push(Token {
                span: Span::new(start, start + word.len()),
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

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Cllr", "No", "Sgt", "Rev", "Gen", "Capt", "Lt", "Col",
    "Jr", "Sr", "Co", "Inc", "Ltd", "vs", "e.g", "i.e", "approx",
];

fn ends_sentence(previous: &str, next: &str) -> bool {
    let prev = previous.trim_end();
    if let Some(stripped) = prev.strip_suffix('.') {
        let last = stripped
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .unwrap_or("");
        if ABBREVIATIONS.contains(&last)
            || (last.len() == 1 && last.chars().all(char::is_uppercase))
        {
            return false;
        }
    }
    // A new sentence starts with a capital, a digit or an opening quote; UAX #29 sometimes
    // breaks after a closing quote followed by a lower-case continuation ("..." said X).
    next.chars().next().is_none_or(|c| !c.is_lowercase())
}

/// Converts a byte offset to a count of Unicode scalar values, as NIF offsets count.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

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
