//! Small HTML helpers: escaping and the page frame. Every piece of data goes through
//! [`esc`].

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link: `href` and `text` are escaped here.
pub fn link(href: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", esc(href), esc(text))
}

/// A whole page around `body` (already HTML); `title` is escaped here.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} · strikegraph</title>\n\
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4}}\
th{{text-align:left;padding-right:1em;vertical-align:top}}td{{vertical-align:top}}\
blockquote{{margin:.5em 0 .5em 1em;border-left:3px solid #ccc;padding-left:.7em}}\
nav form{{display:inline}}code{{word-break:break-all}}</style>\n</head>\n<body>\n\
<nav><a href=\"/\">strikegraph</a> · <form action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" \
placeholder=\"Search by name\" aria-label=\"Search by name\"> <button type=\"submit\">Search</button></form> · \
<a href=\"/sparql\">SPARQL</a> · <a href=\"/.well-known/void\">VoID</a> · <a href=\"/dump.nq\">Dump</a></nav>\n\
<main>\n{body}\n</main>\n</body>\n</html>\n",
        title = esc(title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(
            link("/q?a=1&b=\"2\"", "<b>"),
            "<a href=\"/q?a=1&amp;b=&quot;2&quot;\">&lt;b&gt;</a>"
        );
        assert!(page("<x>", "").contains("<title>&lt;x&gt; · strikegraph</title>"));
    }
}
