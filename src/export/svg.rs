//! SVG from DOT: through Graphviz's `dot -Tsvg` when it is on the PATH (the best
//! layout), else in-process with the `layout-rs` crate (plainer: fewer shapes, no
//! clusters).

use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// Which renderer to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Renderer {
    /// Graphviz if `dot` is on the PATH, else the built-in one.
    #[default]
    Auto,
    Graphviz,
    Builtin,
}

impl std::str::FromStr for Renderer {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => Renderer::Auto,
            "graphviz" | "dot" => Renderer::Graphviz,
            "builtin" | "built-in" | "layout-rs" => Renderer::Builtin,
            other => {
                return Err(format!(
                    "unknown renderer {other:?} (auto, graphviz, builtin)"
                ))
            }
        })
    }
}

impl Renderer {
    /// The renderer `Auto` stands for on this machine.
    pub fn resolve(self) -> Renderer {
        match self {
            Renderer::Auto if graphviz_available() => Renderer::Graphviz,
            Renderer::Auto => Renderer::Builtin,
            other => other,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SvgError {
    #[error("cannot run Graphviz `dot` ({0}); install Graphviz (e.g. `apt install graphviz`) or use --renderer builtin")]
    NoGraphviz(std::io::Error),
    #[error("Graphviz `dot` failed: {0}")]
    Graphviz(String),
    #[error("the built-in renderer cannot draw this graph ({0}); install Graphviz (e.g. `apt install graphviz`) for SVG output")]
    Builtin(String),
}

/// Whether Graphviz's `dot` runs.
pub fn graphviz_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Renders DOT as SVG with `renderer` (resolved first).
pub fn render_svg(dot: &str, renderer: Renderer) -> Result<String, SvgError> {
    match renderer.resolve() {
        Renderer::Builtin => render_builtin(dot),
        _ => render_graphviz(dot),
    }
}

/// Pipes the DOT through `dot -Tsvg`.
pub fn render_graphviz(dot: &str) -> Result<String, SvgError> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(SvgError::NoGraphviz)?;
    // Feed stdin from another thread so a large output cannot deadlock the pipes.
    let input = dot.to_owned();
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(input.as_bytes())));
    let mut svg = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout
            .read_to_string(&mut svg)
            .map_err(|e| SvgError::Graphviz(e.to_string()))?;
    }
    let mut errors = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        // What dot says is only the error message; losing it is no worse than not having it.
        let _ = stderr.read_to_string(&mut errors);
    }
    let status = child
        .wait()
        .map_err(|e| SvgError::Graphviz(e.to_string()))?;
    match writer.join() {
        Ok(Some(Err(e))) if status.success() => return Err(SvgError::Graphviz(e.to_string())),
        Err(_) => return Err(SvgError::Graphviz("writing to dot failed".into())),
        _ => {}
    }
    if !status.success() {
        return Err(SvgError::Graphviz(format!("{status}: {}", errors.trim())));
    }
    Ok(svg)
}

/// Lays the DOT out in-process with `layout-rs`.
pub fn render_builtin(dot: &str) -> Result<String, SvgError> {
    use layout::backends::svg::SVGWriter;
    use layout::gv::{DotParser, GraphBuilder};
    let ast = DotParser::new(dot).process().map_err(SvgError::Builtin)?;
    // layout-rs asserts on graphs it cannot handle; turn a panic into an error.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let mut builder = GraphBuilder::new();
        builder.visit_graph(&ast);
        let mut graph = builder.get();
        let mut svg = SVGWriter::new();
        graph.do_it(false, false, false, &mut svg);
        svg.finalize()
    }));
    result.map_err(|panic| {
        let reason = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "it gave up".to_owned());
        SvgError::Builtin(reason)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderers_parse() {
        assert_eq!("GraphViz".parse::<Renderer>(), Ok(Renderer::Graphviz));
        assert_eq!("builtin".parse::<Renderer>(), Ok(Renderer::Builtin));
        assert!("gimp".parse::<Renderer>().is_err());
        assert_eq!(Renderer::Builtin.resolve(), Renderer::Builtin);
    }

    #[test]
    fn the_builtin_renderer_draws_escaped_labels() -> Result<(), SvgError> {
        let dot = "// c\ndigraph g {\n  graph [rankdir=LR];\n  node [style=filled];\n  n0 [label=\"A \\\"q\\\" & <b>\", shape=box, fillcolor=\"#a6cee3\"];\n  n1 [label=\"B\\nline\"];\n  n0 -> n1 [label=\"worksFor\"];\n  subgraph cluster_legend { l0 [label=\"person\", shape=box]; }\n}\n";
        let svg = render_builtin(dot)?;
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("&amp;"), "{svg}");
        Ok(())
    }
}
