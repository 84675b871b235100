//! Normalised keys and IRI slugs for names.

/// Titles dropped from the front of a person's name when comparing names.
const TITLES: &[&str] = &[
    "dr",
    "mr",
    "mrs",
    "miss",
    "ms",
    "mx",
    "prof",
    "professor",
    "sir",
    "dame",
    "cllr",
    "councillor",
    "lord",
    "lady",
    "rev",
    "the",
];

/// Folds the Latin letters with diacritics that names use to their ASCII base.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'ē' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'ī' => "i",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => "o",
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => "u",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ł' => "l",
        'ý' | 'ÿ' => "y",
        _ => return None,
    })
}

/// A comparison key: lower case, diacritics folded, punctuation to spaces, "&" as "and",
/// no leading "the" or title, and no possessive "'s".
pub fn name_key(name: &str) -> String {
    let flat = if name.is_ascii() {
        flatten_ascii(name)
    } else {
        flatten(name)
    };
    let mut words = flat
        .split_whitespace()
        .map(|w| trim_possessives(w).trim_matches('\''))
        .filter(|w| !w.is_empty())
        .peekable();
    let mut key = String::with_capacity(flat.len());
    // A title goes unless it is the only word.
    while let Some(word) = words.next() {
        if key.is_empty() && TITLES.contains(&word) && words.peek().is_some() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// `word` without its trailing "'s" (all of them, as `trim_end_matches("'s")` would, but
/// without building a substring searcher for every word of every name).
fn trim_possessives(mut word: &str) -> &str {
    while let Some(rest) = word.strip_suffix("'s") {
        word = rest;
    }
    word
}

/// The key's characters before it is cut into words: lower case, folded, punctuation as
/// spaces.
fn flatten(name: &str) -> String {
    let mut flat = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if let Some(f) = fold(c) {
            flat.push_str(f);
        } else if c == '&' {
            flat.push_str(" and ");
        } else if c == '\'' || c == '’' {
            flat.push('\'');
        } else if c.is_alphanumeric() {
            flat.push(c);
        } else {
            flat.push(' ');
        }
    }
    flat
}

/// [`flatten`] for ASCII names, most of them, a byte at a time.
fn flatten_ascii(name: &str) -> String {
    let mut flat = String::with_capacity(name.len() + 4);
    for b in name.bytes() {
        match b {
            b'&' => flat.push_str(" and "),
            b'\'' => flat.push('\''),
            _ if b.is_ascii_alphanumeric() => flat.push(char::from(b.to_ascii_lowercase())),
            _ => flat.push(' '),
        }
    }
    flat
}

/// A readable IRI path segment: "Alan Marsh" -> "alan-marsh".
pub fn slugify(name: &str) -> String {
    let key = name_key(name);
    let mut slug = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_titles_case_and_punctuation() {
        assert_eq!(name_key("Dr Nadia Okafor"), "nadia okafor");
        assert_eq!(name_key("the BMA"), "bma");
        assert_eq!(name_key("St James's"), "st james");
        assert_eq!(name_key("Tyne & Wear"), "tyne and wear");
        assert_eq!(name_key("Ní Bhriain"), "ni bhriain");
        assert_eq!(name_key("Dr"), "dr", "a title alone is kept");
        assert_eq!(name_key("The Dr Who"), "who");
        assert_eq!(name_key("O'Neill's"), "o'neill");
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_flattens_as_the_general_one(name in "[ -~]{0,24}") {
            proptest::prop_assert_eq!(flatten_ascii(&name), flatten(&name));
        }
    }

    #[test]
    fn slugs_are_readable() {
        assert_eq!(slugify("Alan Marsh"), "alan-marsh");
        assert_eq!(
            slugify("Northvale and Eastwick Wells NHS Trust"),
            "northvale-and-eastwick-wells-nhs-trust"
        );
        assert_eq!(
            slugify("Advisory, Conciliation and Arbitration Service"),
            "advisory-conciliation-and-arbitration-service"
        );
    }
}
