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
    let mut words: Vec<&str> = flat
        .split_whitespace()
        .map(|w| w.trim_end_matches("'s").trim_matches('\''))
        .filter(|w| !w.is_empty())
        .collect();
    while words.first().is_some_and(|w| TITLES.contains(w)) && words.len() > 1 {
        words.remove(0);
    }
    words.join(" ")
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
