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

/// A link: `href` and `text` are escaped here. An `href` that would take a browser
/// anywhere but a web page (see [`is_safe_href`]) makes no link: the text stands alone.
pub fn link(href: &str, text: &str) -> String {
    if is_safe_href(href) {
        format!("<a href=\"{}\">{}</a>", esc(href), esc(text))
    } else {
        esc(text)
    }
}

/// Whether `href` may be a link: a reference without a scheme (a path on this site) or an
/// `http:` or `https:` URL, in any case. The data behind the pages is anyone's (an
/// article's `url`, a loaded or updated triple), and a `javascript:`, `data:` or
/// `vbscript:` link runs in the reader's browser. Whitespace and control characters are
/// refused outright: browsers drop tabs and line breaks and trim the ends before they
/// read the scheme, so `" java\nscript:"` is a `javascript:` link to them.
pub fn is_safe_href(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    match scheme(href) {
        None => true,
        Some(scheme) => scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"),
    }
}

/// The scheme of a URL as a browser reads it: a letter, then letters, digits, `+`, `-` or
/// `.`, up to the first `:`. A reference whose first `:` comes after a `/`, `?` or `#`
/// has none (it is relative).
pub fn scheme(url: &str) -> Option<&str> {
    let (head, _) = url.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(head)
}

/// Where a page's navigation leads: the site's root as seen from the page (`/` on the
/// server, `../` and so on in published files, so they work under any path) and whether a
/// server stands behind the pages (search, SPARQL and content negotiation) or only files.
#[derive(Debug, Clone, Copy)]
pub struct Nav<'a> {
    pub root: &'a str,
    pub live: bool,
}

impl Nav<'_> {
    /// The href of a path under the root, as it is named: a route (`sparql`) or a file
    /// (`dump.nq.gz`, `person/x.ttl`).
    pub fn href(&self, local: &str) -> String {
        let href = if self.live {
            format!("{}{local}", self.root)
        } else {
            // A file server decodes the path, so a `?` in a file name is sent encoded
            // (unencoded it would start a query).
            format!("{}{}", self.root, local.replace('?', "%3F"))
        };
        if href.is_empty() {
            "./".to_owned()
        } else if href
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'))
        {
            // `a:b` would be read as a URL of scheme `a`; `./a:b` is the path.
            format!("./{href}")
        } else {
            href
        }
    }

    /// The href of the page of the document at `local` (`person/x`, `search`; `""` is the
    /// home page; a fragment, `article/x#char=0,9`, is kept). On the server, the document
    /// itself: the server answers a browser with HTML. In published files, its `.html`
    /// file: a plain file server does not choose a file by the `Accept` header, so a link
    /// without the suffix would find nothing there.
    pub fn page(&self, local: &str) -> String {
        if self.live {
            return self.href(local);
        }
        let (document, fragment) = match local.split_once('#') {
            Some((document, fragment)) => (document, Some(fragment)),
            None => (local, None),
        };
        let mut href = if document.is_empty() {
            self.href("index.html")
        } else {
            self.href(&format!("{document}.html"))
        };
        if let Some(fragment) = fragment {
            href.push('#');
            href.push_str(fragment);
        }
        href
    }
}

/// A whole page around `body` (already HTML); `title` is escaped here.
pub fn page(nav: &Nav<'_>, title: &str, body: &str) -> String {
    let links = if nav.live {
        format!(
            "<form action=\"{search}\" method=\"get\"><input type=\"search\" name=\"q\" \
placeholder=\"Search by name\" aria-label=\"Search by name\"> <button type=\"submit\">Search</button></form> · \
<a href=\"{sparql}\">SPARQL</a> · <a href=\"{void}\">VoID</a> · <a href=\"{dump}\">Dump</a>",
            search = esc(&nav.page("search")),
            sparql = esc(&nav.href("sparql")),
            void = esc(&nav.href(".well-known/void")),
            dump = esc(&nav.href("dump.nq")),
        )
    } else {
        format!(
            "<a href=\"{index}\">Names A–Z</a> · <a href=\"{void}\">VoID</a> · \
<a href=\"{dump}\">Dump</a>",
            index = esc(&nav.page("search")),
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
        home = esc(&nav.page("")),
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

    const FILES: Nav<'static> = Nav {
        root: "../",
        live: false,
    };
    const SERVER: Nav<'static> = Nav {
        root: "/",
        live: true,
    };

    #[test]
    fn published_pages_link_to_files_relatively_and_offer_no_endpoint() {
        let files = page(&FILES, "x", "");
        assert!(files.contains("href=\"../search.html\""), "{files}");
        assert!(files.contains("href=\"../index.html\""), "{files}");
        assert!(files.contains("href=\"../dump.nq.gz\""), "{files}");
        assert!(!files.contains("sparql"), "{files}");
        assert_eq!(FILES.page("person/x"), "../person/x.html");
        assert_eq!(
            FILES.page("article/a#char=0,5"),
            "../article/a.html#char=0,5"
        );
        assert_eq!(FILES.href("person/x.ttl"), "../person/x.ttl");
        let top = Nav {
            root: "",
            live: false,
        };
        assert_eq!(top.href(""), "./");
        assert_eq!(top.page(""), "index.html");
        assert_eq!(top.page("article/a?b"), "article/a%3Fb.html");
    }

    #[test]
    fn served_pages_link_to_the_documents_themselves() {
        let served = page(&SERVER, "x", "");
        assert!(served.contains("action=\"/search\""), "{served}");
        assert!(served.contains("href=\"/sparql\""), "{served}");
        assert!(served.contains("href=\"/\""), "{served}");
        assert_eq!(SERVER.page("person/x"), "/person/x");
        assert_eq!(SERVER.page("article/a#char=0,5"), "/article/a#char=0,5");
        assert_eq!(SERVER.href("person/x.ttl"), "/person/x.ttl");
    }

    #[test]
    fn a_local_path_that_looks_like_a_scheme_stays_a_path() {
        let top = Nav {
            root: "",
            live: false,
        };
        assert_eq!(
            top.page("javascript:alert(1)"),
            "./javascript:alert(1).html"
        );
        assert_eq!(
            FILES.page("javascript:alert(1)"),
            "../javascript:alert(1).html"
        );
        assert!(is_safe_href(&top.page("javascript:alert(1)")));
    }

    #[test]
    fn only_web_links_are_links() {
        for safe in [
            "/person/x",
            "../person/x.html",
            "person/a:b",
            "./a:b",
            "#Strike",
            "http://example.org/",
            "HTTPS://example.org/a?b=c:d",
        ] {
            assert!(is_safe_href(safe), "{safe:?}");
            assert!(link(safe, "t").starts_with("<a href="), "{safe:?}");
        }
        for hostile in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\tjavascript:alert(1)",
            "java\nscript:alert(1)",
            "java\tscript:alert(1)",
            "javascript\r:alert(1)",
            "\u{0}javascript:alert(1)",
            "javascript:alert(1) ",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "DATA:text/html,x",
            "vbscript:msgbox(1)",
            "VBScript:msgbox(1)",
            "file:///etc/passwd",
            "http ://example.org/",
            "https://exa\u{a0}mple.org/",
            "",
        ] {
            assert!(!is_safe_href(hostile), "{hostile:?}");
            assert_eq!(link(hostile, "<t>"), "&lt;t&gt;", "{hostile:?}");
        }
    }

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(scheme("javascript:x"), Some("javascript"));
        assert_eq!(scheme("a+b-c.d:x"), Some("a+b-c.d"));
        assert_eq!(scheme("person/a:b"), None);
        assert_eq!(scheme("1a:b"), None);
        assert_eq!(scheme("?q=a:b"), None);
        assert_eq!(scheme("#a:b"), None);
        assert_eq!(scheme("no-colon"), None);
    }
}
