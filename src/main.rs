//! The `motcua` command: parses the command line and calls the library.

// A build makes millions of small allocations from two threads; glibc's allocator spent a
// third of the build time in malloc/free (perf), mimalloc far less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(motcua::cli::run());
}
