//! `motcua completions <shell>`: print a shell completion script.

use clap::CommandFactory;
use clap_complete::Shell;

use super::EXIT_OK;

/// Writes the completion script for `shell` to stdout.
pub fn run(shell: Shell) -> i32 {
    let mut cmd = crate::cli::Cli::command();
    clap_complete::generate(shell, &mut cmd, "motcua", &mut std::io::stdout());
    EXIT_OK
}
