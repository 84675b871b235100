//! Content negotiation: which of the media types we offer best fits an `Accept` header.

/// Picks from `offered` (in the server's order of preference) the type the client's
/// `Accept` header ranks highest. No header (or an empty one) takes the first offer; a
/// header that accepts none of them gives `None` (406).
///
/// Ranking: the quality (`q`) of the most specific matching range, then how specific that
/// range is (`text/turtle` over `text/*` over `*/*`), then its place in the header, then
/// the server's order.
pub fn choose<'a>(accept: Option<&str>, offered: &[&'a str]) -> Option<&'a str> {
    let ranges = match accept.map(str::trim) {
        None | Some("") => return offered.first().copied(),
        Some(header) => parse(header),
    };
    let mut best: Option<(Rank, &'a str)> = None;
    for offer in offered {
        let Some((ty, sub)) = offer.split_once('/') else {
            continue;
        };
        // The most specific range that matches this offer decides its quality.
        let matched = ranges
            .iter()
            .filter_map(|r| {
                let specificity = match (r.ty.as_str(), r.sub.as_str()) {
                    ("*", "*") => 0,
                    (t, "*") if t.eq_ignore_ascii_case(ty) => 1,
                    (t, s) if t.eq_ignore_ascii_case(ty) && s.eq_ignore_ascii_case(sub) => 2,
                    _ => return None,
                };
                Some((specificity, r))
            })
            .max_by_key(|(s, r)| (*s, std::cmp::Reverse(r.position)));
        let Some((specificity, range)) = matched else {
            continue;
        };
        if range.quality == 0 {
            continue;
        }
        let key = (
            range.quality,
            specificity,
            std::cmp::Reverse(range.position),
        );
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, offer));
        }
    }
    best.map(|(_, offer)| offer)
}

/// How well an offer fits: quality, specificity of the matching range, its place (earlier wins).
type Rank = (u32, u8, std::cmp::Reverse<usize>);

struct Range {
    ty: String,
    sub: String,
    /// Quality in thousandths (q=0.8 is 800).
    quality: u32,
    position: usize,
}

fn parse(header: &str) -> Vec<Range> {
    header
        .split(',')
        .enumerate()
        .filter_map(|(position, item)| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim();
            let (ty, sub) = media.split_once('/')?;
            let mut quality = 1000;
            for param in parts {
                if let Some((k, v)) = param.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        quality = parse_quality(v.trim()).unwrap_or(0);
                    }
                }
            }
            Some(Range {
                ty: ty.trim().to_owned(),
                sub: sub.trim().to_owned(),
                quality,
                position,
            })
        })
        .collect()
}

fn parse_quality(value: &str) -> Option<u32> {
    let q: f64 = value.parse().ok()?;
    if !(0.0..=1.0).contains(&q) {
        return None;
    }
    Some((q * 1000.0).round() as u32)
}

#[cfg(test)]
mod tests {
    use super::choose;

    const RDF: &[&str] = &["text/turtle", "application/ld+json", "text/html"];

    #[test]
    fn no_header_or_anything_takes_the_first_offer() {
        assert_eq!(choose(None, RDF), Some("text/turtle"));
        assert_eq!(choose(Some(""), RDF), Some("text/turtle"));
        assert_eq!(choose(Some("*/*"), RDF), Some("text/turtle"));
    }

    #[test]
    fn a_browser_gets_html() {
        let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(choose(Some(firefox), RDF), Some("text/html"));
    }

    #[test]
    fn quality_then_order_decide() {
        assert_eq!(
            choose(Some("text/turtle;q=0.5, application/ld+json"), RDF),
            Some("application/ld+json")
        );
        assert_eq!(
            choose(Some("text/html, text/turtle"), RDF),
            Some("text/html")
        );
        assert_eq!(choose(Some("text/*"), RDF), Some("text/turtle"));
        assert_eq!(
            choose(Some("*/*;q=0.1, text/turtle;q=0"), RDF),
            Some("application/ld+json")
        );
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(choose(Some("image/png"), RDF), None);
        assert_eq!(choose(Some("text/turtle;q=0"), &["text/turtle"]), None);
        assert_eq!(choose(Some("garbage"), RDF), None);
    }
}
