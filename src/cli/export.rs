use super::{open_for_reading, output, Outcome};
use anyhow::Context as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use strikegraph::export::{export_rdf, render_svg, write_dot, DotOptions, RdfOutput, Renderer};
use strikegraph::graph::{KnowledgeGraph, NodeKind, View};

/// Writes the store, or one article's graph, as RDF; or draws the graph as DOT or SVG.
///
/// N-Quads, TriG and JSON-LD keep the named graphs (one per article, plus the ontology and
/// the dataset description); Turtle, N-Triples and RDF/XML write the union of all graphs.
///
/// dot and svg draw people, organisations, hospitals, places and strikes (and, with
/// --articles, the articles) with their facts; --focus, --depth, --kind, --article and
/// --max-nodes choose what is shown. SVG is rendered by Graphviz's `dot -Tsvg` when `dot`
/// is on the PATH, else in-process by the layout-rs crate (a plainer picture);
/// --renderer picks one.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph export --format nquads > graph.nq\n  strikegraph export --output graph.ttl\n  strikegraph export --graph 000_3bb81a6df0fc8b94 --format turtle\n  strikegraph export --output graph.svg --quotations\n  strikegraph export --format dot --focus 'Jane Roe' --depth 3\n  strikegraph export --output people.svg --kind person,organization,hospital --max-nodes 50"
)]
pub struct Args {
    /// nquads, trig, turtle, ntriples, jsonld, rdfxml, dot or svg; by default taken from
    /// --output's extension, else nquads.
    #[arg(long)]
    format: Option<String>,
    /// Only the graph of the article with this id (RDF formats).
    #[arg(long)]
    graph: Option<String>,
    /// Write here instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// dot/svg: only the neighbourhood of this entity (by name or alternate name, any case).
    #[arg(long, help_heading = "Pictures (dot, svg)")]
    focus: Option<String>,
    /// dot/svg: how many steps from --focus to show.
    #[arg(long, default_value_t = 2, help_heading = "Pictures (dot, svg)")]
    depth: usize,
    /// dot/svg: only these kinds: person, organization, hospital, place, strike, article.
    #[arg(long, value_delimiter = ',', help_heading = "Pictures (dot, svg)")]
    kind: Vec<NodeKind>,
    /// dot/svg: only the entities and facts of the article with this id.
    #[arg(long, help_heading = "Pictures (dot, svg)")]
    article: Option<String>,
    /// dot/svg: at most this many nodes (nearest to --focus, then best connected, first);
    /// what is left out is noted in the legend.
    #[arg(long, default_value_t = 200, help_heading = "Pictures (dot, svg)")]
    max_nodes: usize,
    /// dot/svg: draw the articles as nodes, with `mentions` edges.
    #[arg(long, help_heading = "Pictures (dot, svg)")]
    articles: bool,
    /// dot/svg: draw each speaker's quotations as one summary node (a `said` edge).
    #[arg(long, help_heading = "Pictures (dot, svg)")]
    quotations: bool,
    /// svg: auto (Graphviz `dot` if on the PATH, else built-in), graphviz, or builtin
    /// (layout-rs, in-process).
    #[arg(long, default_value = "auto", help_heading = "Pictures (dot, svg)")]
    renderer: Renderer,
}

enum Format {
    Rdf(RdfOutput),
    Dot,
    Svg,
}

fn parse_format(s: &str) -> Option<Format> {
    match s.to_ascii_lowercase().as_str() {
        "dot" | "gv" => Some(Format::Dot),
        "svg" => Some(Format::Svg),
        // RdfOutput::from_extension knows the extensions, not this name.
        "rdfxml" => Some(Format::Rdf(RdfOutput::Rdfxml)),
        other => RdfOutput::from_extension(other).map(Format::Rdf),
    }
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let format = match (&args.format, &args.output) {
        (Some(f), _) => parse_format(f).ok_or_else(|| {
            anyhow::anyhow!(
                "unknown format {f:?} (nquads, trig, turtle, ntriples, jsonld, rdfxml, dot, svg)"
            )
        })?,
        (None, Some(path)) => path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(parse_format)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "cannot tell the format from {}; give --format",
                    path.display()
                )
            })?,
        (None, None) => Format::Rdf(RdfOutput::Nquads),
    };
    let store = open_for_reading(store_path)?;
    let rdf = match format {
        Format::Rdf(rdf) => rdf,
        Format::Dot | Format::Svg => return picture(&store, &args, matches!(format, Format::Svg)),
    };
    let graph = match &args.graph {
        Some(id) => {
            let space = store.settle_base(None)?;
            let article = space.article(id);
            if !store.oxigraph().contains_named_graph(article.as_ref())? {
                anyhow::bail!("no article {id:?} in the store");
            }
            Some(article)
        }
        None => None,
    };
    let out = output(args.output.as_deref())?;
    export_rdf(&store, rdf, graph.as_ref().map(|g| g.as_ref()), out)?;
    Ok(Outcome::Done)
}

fn picture(store: &strikegraph::Store, args: &Args, svg: bool) -> anyhow::Result<Outcome> {
    if args.graph.is_some() {
        anyhow::bail!("--graph is for RDF formats; use --article ID to draw one article");
    }
    let kg = KnowledgeGraph::from_store(
        store,
        args.articles || args.kind.contains(&NodeKind::Article),
    )?;
    let focus = args
        .focus
        .as_deref()
        .map(|name| kg.find(name))
        .transpose()?;
    let view = View {
        focus,
        depth: args.depth,
        kinds: (!args.kind.is_empty()).then(|| args.kind.clone()),
        article: args.article.clone(),
        max_nodes: args.max_nodes,
    };
    let sub = view.select(&kg)?;
    if let Some(note) = sub.omitted.describe() {
        tracing::warn!("{note}; raise --max-nodes or narrow with --focus/--kind");
    }
    let renderer = args.renderer.resolve();
    let options = DotOptions {
        quotations: args.quotations,
        simple_shapes: svg && renderer == Renderer::Builtin,
        title: None,
    };
    let mut dot = Vec::new();
    write_dot(&kg, &sub, &options, &mut dot)?;
    let mut out = output(args.output.as_deref())?;
    if svg {
        let text = String::from_utf8(dot).context("the DOT is not UTF-8")?;
        out.write_all(render_svg(&text, renderer)?.as_bytes())?;
    } else {
        out.write_all(&dot)?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}
