//! The `strikegraph` command. All the work lives in the library; this maps a command line
//! to it and its outcome to an exit code: 0 all good, 1 some inputs skipped, 2 failed.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
