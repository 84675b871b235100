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

/// Where a page's navigation leads: the site's root as seen from the page (`/` on the
/// server, `../` and so on in published files, so they work under any path) and whether a
/// server stands behind the pages (search and SPARQL) or only files.
#[derive(Debug, Clone, Copy)]
pub struct Nav<'a> {
    pub root: &'a str,
    pub live: bool,
}

impl Nav<'_> {
    /// The href of a path under the root (`person/x`, `search`).
    pub fn href(&self, local: &str) -> String {
        let href = format!("{}{local}", self.root);
        if href.is_empty() {
            "./".to_owned()
        } else {
            href
        }
    }
}

/// A whole page around `body` (already HTML); `title` is escaped here.
pub fn page(nav: &Nav<'_>, title: &str, body: &str) -> String {
    let links = if nav.live {
        format!(
            "<form action=\"{search}\" method=\"get\"><input type=\"search\" name=\"q\" \
placeholder=\"Search by name\" aria-label=\"Search by name\"> <button type=\"submit\">Search</button></form> · \
<a href=\"{sparql}\">SPARQL</a> · <a href=\"{void}\">VoID</a> · <a href=\"{dump}\">Dump</a>",
            search = esc(&nav.href("search")),
            sparql = esc(&nav.href("sparql")),
            void = esc(&nav.href(".well-known/void")),
            dump = esc(&nav.href("dump.nq")),
        )
    } else {
        format!(
            "<a href=\"{index}\">Names A–Z</a> · <a href=\"{void}\">VoID</a> · \
<a href=\"{dump}\">Dump</a>",
            index = esc(&nav.href("search")),
            void = esc(&nav.href(".well-known/void")),
            dump = esc(&nav.href("dump.nq.gz")),
        )
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} · strikegraph</title>\n\
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4}}\
th{{text-align:left;padding-right:1em;vertical-align:top}}td{{vertical-align:top}}\
blockquote{{margin:.5em 0 .5em 1em;border-left:3px solid #ccc;padding-left:.7em}}\
nav form{{display:inline}}code{{word-break:break-all}}\
svg.neighbourhood{{max-width:100%;height:auto;border:1px solid #ddd;background:#fcfcfc}}\
svg.neighbourhood a:hover text{{text-decoration:underline}}</style>\n</head>\n<body>\n\
<nav><a href=\"{home}\">strikegraph</a> · {links}</nav>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        title = esc(title),
        home = esc(&nav.href("")),
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
        assert!(page(
            &Nav {
                root: "/",
                live: true
            },
            "<x>",
            ""
        )
        .contains("<title>&lt;x&gt; · strikegraph</title>"));
    }

    #[test]
    fn published_pages_link_relatively_and_offer_no_endpoint() {
        let files = page(
            &Nav {
                root: "../",
                live: false,
            },
            "x",
            "",
        );
        assert!(files.contains("href=\"../search\""), "{files}");
        assert!(files.contains("href=\"../\""), "{files}");
        assert!(!files.contains("sparql"), "{files}");
        assert_eq!(
            Nav {
                root: "",
                live: false
            }
            .href(""),
            "./"
        );
        assert_eq!(
            Nav {
                root: "/",
                live: true
            }
            .href("person/x"),
            "/person/x"
        );
    }
}
