//! The `motcua` command: parses the command line and calls the library.

fn main() {
    std::process::exit(motcua::cli::run());
}
