//! The modules' order: the pure core and the key map know nothing of the terminal, and nothing
//! below the interface and the command line imports them.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(under: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(under).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The code of a file, without its comments, so a doc line may name a crate.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("source");
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn files(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let folder = src.join(module);
    if folder.is_dir() {
        sources(&folder, &mut found);
    }
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        found.push(file);
    }
    assert!(!found.is_empty(), "no module {module}");
    found
}

#[test]
fn the_core_and_the_key_map_know_nothing_of_the_terminal() {
    for module in [
        "corpus", "text", "extract", "stories", "compare", "layout", "keymap",
    ] {
        for path in files(module) {
            let code = code_of(&path);
            for terminal in ["crossterm", "ratatui", "crate::ui", "crate::cli"] {
                assert!(
                    !code.contains(terminal),
                    "{} uses {terminal}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn nothing_below_the_interface_imports_it() {
    for module in [
        "corpus",
        "text",
        "extract",
        "stories",
        "compare",
        "layout",
        "keymap",
        "config",
        "store",
        "fetch",
        "dirs",
        "hash",
        "bidi_mode",
    ] {
        for path in files(module) {
            let code = code_of(&path);
            for above in ["crate::ui", "crate::cli", "super::ui", "sanad::ui"] {
                assert!(!code.contains(above), "{} imports {above}", path.display());
            }
        }
    }
}
