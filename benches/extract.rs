//! Extraction throughput (MB/s of article text) on generated strike reports and on the
//! seed articles: one article at a time on one core, and a batch across all cores.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rayon::prelude::*;
use strikegraph::corpus::generate::Generator;
use strikegraph::{extract, Context, Document, Gazetteer};

fn generated(count: u64) -> Vec<Document> {
    let generator = Generator::new(7);
    (0..count)
        .map(|i| generator.article(i).to_document())
        .collect()
}

fn seeds() -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut docs: Vec<Document> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some(Document::new(p.display().to_string(), text))
        })
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

fn bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let gazetteer = Gazetteer::builtin();
    let mut group = c.benchmark_group("extract");
    for (name, docs) in [("generated", generated(200)), ("seeds", seeds())] {
        group.throughput(Throughput::Bytes(bytes(&docs)));
        let contexts: Vec<Context> = docs.iter().map(Context::for_document).collect();
        group.bench_function(format!("{name}/one-core"), |b| {
            b.iter(|| {
                for (doc, context) in docs.iter().zip(&contexts) {
                    std::hint::black_box(extract(&doc.text, context, &gazetteer));
                }
            })
        });
        group.bench_function(format!("{name}/all-cores"), |b| {
            b.iter_batched(
                || (),
                |()| {
                    docs.par_iter()
                        .zip(&contexts)
                        .map(|(doc, context)| {
                            extract(&doc.text, context, &gazetteer).entities.len()
                        })
                        .sum::<usize>()
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
