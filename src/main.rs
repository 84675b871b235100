//! The `strikegraph` command. All the work lives in the library; this maps a command line
//! to it and its outcome to an exit code: 0 all good, 1 some inputs skipped, 2 failed.

mod cli;

use std::process::ExitCode;

// No custom global allocator: Oxigraph 0.5 takes RocksDB's `malloc`ed error messages with
// `CString::from_raw`, so dropping a storage error frees C memory through Rust's allocator.
// That is sound only while it is the system one (with mimalloc, every RocksDB error,
// such as a store locked by another writer, crashed the process).

fn main() -> ExitCode {
    cli::main()
}
