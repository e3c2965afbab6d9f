//! One adapter per subcommand; each returns the process exit code.

pub mod build;
pub mod check;
pub mod completions;
pub mod deadline;
pub mod init;
pub mod new;
pub mod schema;
pub mod search;
pub mod serve;

/// Exit code: everything fine (warnings allowed).
pub const EXIT_OK: i32 = 0;
/// Exit code: the catalogue has errors (or warnings with `--deny-warnings`).
pub const EXIT_DATA: i32 = 1;
/// Exit code: bad usage or an I/O problem.
pub const EXIT_USAGE: i32 = 2;
