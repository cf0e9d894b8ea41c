//! The layering rule of `src/`: a module imports `crate::X` only when X is at or below its layer.
//!
//! Arrows point down. The layers, bottom to top, are in [`LAYERS`]; two modules of the same layer
//! may import one from the other only as listed in [`SAME_LAYER`] (one direction each, so no
//! cycle). The rule reads the library's code as shipped: test code (`#[cfg(test)]` items and
//! modules) may build its fixtures from any layer, as a dev-dependency would. A folder or file in
//! the table that does not exist is skipped; one in `src/` that is not in the table fails the test.
//! Inside the lower folders ([`ACYCLIC_FOLDERS`]) files do not import one another in a cycle either.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom to top. Each top-level module of `src/` (a folder or a file) is in one.
const LAYERS: &[&[&str]] = &[
    // The shared vocabulary: venues, diagnostics, name suggestions, units, geography.
    &["vocab"],
    // Pure statistics.
    &["stats"],
    // The engine.
    &["sim"],
    // Queueing theory, which speaks the engine's closing policy (`sim::Closing`) and so sits above it.
    &["theory"],
    // The domain models the scenario is resolved into.
    &["demand", "plan", "calibration"],
    // Replications and the staffing search over them.
    &["experiment", "staffing"],
    // The TOML mirror and its validation into a season.
    &["scenario"],
    // Each command's computation, with its result types; the replay of a recorded day is one.
    &["study", "replay"],
    // Renderers.
    &["report"],
    // Per command: load, study, render, write.
    &["app"],
    // The command line and the crate roots.
    &["cli", "lib", "main"],
];

/// Imports allowed between two modules of the same layer: (importer, imported, reason).
const SAME_LAYER: &[(&str, &str, &str)] = &[
    (
        "demand",
        "calibration",
        "a stop-log row carries the covariates the calibration fits (StopCovariates)",
    ),
    (
        "staffing",
        "experiment",
        "the staffing search runs replications of each candidate",
    ),
];

/// One import that breaks the rule, or a module the table does not place.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Violation {
    /// File, relative to the crate root.
    file: String,
    /// Line, from 1 (0: the file as a whole).
    line: usize,
    message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The layer (from 0 at the bottom) of a top-level module, if the table has it.
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Whether code in `from` may import `crate::to`.
fn allowed(from: &str, to: &str) -> Result<(), String> {
    let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) else {
        return Err(format!("crate::{to} is in no layer of tests/integration/layering.rs"));
    };
    if from == to || b < a || SAME_LAYER.iter().any(|&(x, y, _)| x == from && y == to) {
        Ok(())
    } else if a == b {
        Err(format!(
            "{from} imports crate::{to} of the same layer, which SAME_LAYER does not allow (a cycle risk)"
        ))
    } else {
        Err(format!(
            "{from} (layer {a}) imports crate::{to} (layer {b}, above it): arrows point down"
        ))
    }
}

/// The top-level modules named by `crate::` paths in `code`, each with its line (from 1).
fn crate_imports(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = code;
    let mut offset = 0;
    while let Some(at) = rest.find("crate::") {
        let start = offset + at + "crate::".len();
        let preceded_by_ident = code[..offset + at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !preceded_by_ident {
            let line = code[..start].matches('\n').count() + 1;
            for name in path_heads(&code[start..]) {
                found.push((line, name));
            }
        }
        offset = start;
        rest = &code[start..];
    }
    found
}

/// The first segment of a path (`scenario::Venue` → `scenario`), or of each path in a group
/// (`{scenario::Venue, sim::Stop}` → `scenario`, `sim`).
fn path_heads(after: &str) -> Vec<String> {
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    let Some(group) = after.strip_prefix('{') else {
        return vec![ident(after)];
    };
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && !c.is_whitespace() => {
                heads.push(ident(&group[i..]));
                item_start = false;
            }
            _ => {}
        }
    }
    heads.retain(|h| !h.is_empty() && h != "self");
    heads
}

/// `code` with its comment lines and its `#[cfg(test)]` items blanked (line numbers kept), and the
/// names of the `#[cfg(test)] mod name;` files it declares.
fn shipped_code(code: &str) -> (String, Vec<String>) {
    let lines: Vec<&str> = code.lines().collect();
    let mut kept = Vec::with_capacity(lines.len());
    let mut test_files = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim();
        if trimmed != "#[cfg(test)]" {
            kept.push(if trimmed.starts_with("//") { "" } else { lines[i] });
            i += 1;
            continue;
        }
        // Skip the attribute, any further attributes, and the item they annotate.
        kept.push("");
        i += 1;
        while i < lines.len() && lines[i].trim().starts_with("#[") {
            kept.push("");
            i += 1;
        }
        let Some(item) = lines.get(i) else { break };
        let indent = &item[..item.len() - item.trim_start().len()];
        let declaration = item
            .trim()
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub(crate) ");
        let declaration = declaration.trim_start_matches("pub ");
        if let Some(name) = declaration.strip_prefix("mod ").and_then(|d| d.strip_suffix(';')) {
            test_files.push(name.trim().to_string());
        }
        let closing = format!("{indent}}}");
        let single_line = item.trim_end().ends_with(';') || item.trim_end().ends_with('}');
        loop {
            let line = lines[i];
            kept.push("");
            i += 1;
            if single_line || line == closing || i >= lines.len() {
                break;
            }
        }
    }
    (kept.join("\n"), test_files)
}

/// Every `.rs` file of the module at `path` (a file, or a folder walked recursively), without
/// the files its `#[cfg(test)] mod name;` declarations bring in.
fn shipped_files(path: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut skipped = BTreeSet::new();
    let mut pending = vec![path.to_path_buf()];
    let mut all = Vec::new();
    while let Some(p) = pending.pop() {
        if p.is_dir() {
            let entries = fs::read_dir(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            pending.extend(entries.map(|e| e.unwrap().path()));
        } else if p.extension().is_some_and(|x| x == "rs") {
            all.push(p);
        }
    }
    all.sort();
    for p in all {
        let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
        let (code, test_modules) = shipped_code(&text);
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        let dir = p.parent().unwrap();
        let children = if stem == "mod" || stem == "lib" || stem == "main" {
            dir.to_path_buf()
        } else {
            dir.join(&stem)
        };
        for name in test_modules {
            skipped.insert(children.join(format!("{name}.rs")));
            skipped.insert(children.join(&name));
        }
        files.push((p, code));
    }
    files.retain(|(p, _)| !skipped.iter().any(|s| p.starts_with(s)));
    files
}

/// The top-level modules of `src/`: each folder, and each `.rs` file beside them.
fn top_level_modules(src: &Path) -> Vec<(String, PathBuf)> {
    let mut modules: Vec<(String, PathBuf)> = fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|x| x == "rs"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().to_string(), p))
        .collect();
    modules.sort();
    modules
}

/// Every violation of the rule in the crate rooted at `root`.
fn violations(root: &Path) -> Vec<Violation> {
    let mut found = Vec::new();
    for (module, path) in top_level_modules(&root.join("src")) {
        let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
        if layer_of(&module).is_none() {
            found.push(Violation {
                file: relative(&path),
                line: 0,
                message: format!("module {module} is in no layer: add it to LAYERS in tests/integration/layering.rs"),
            });
            continue;
        }
        for (file, code) in shipped_files(&path) {
            for (line, imported) in crate_imports(&code) {
                if let Err(message) = allowed(&module, &imported) {
                    found.push(Violation {
                        file: relative(&file),
                        line,
                        message,
                    });
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn no_module_imports_from_a_module_above_it() {
    let found = violations(Path::new(env!("CARGO_MANIFEST_DIR")));
    let list: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(found.is_empty(), "layering violations:\n{}", list.join("\n"));
}

#[test]
fn the_table_is_consistent() {
    let mut seen = BTreeSet::new();
    for module in LAYERS.iter().flat_map(|layer| layer.iter()) {
        assert!(seen.insert(*module), "{module} is in two layers");
    }
    for &(from, to, reason) in SAME_LAYER {
        assert_eq!(layer_of(from), layer_of(to), "{from} → {to} is not within one layer");
        assert!(layer_of(from).is_some(), "{from} is in no layer");
        assert!(!reason.is_empty());
        assert!(
            !SAME_LAYER.iter().any(|&(x, y, _)| x == to && y == from),
            "{from} ↔ {to} both ways would be a cycle"
        );
    }
}

#[test]
fn the_checker_finds_imports_in_every_form() {
    let code =
        "use crate::scenario::Venue;\nuse crate::{sim::Stop,\n    report::{a, b}};\nfn f() { crate::app::run(); }\n";
    let names: Vec<(usize, String)> = crate_imports(code);
    let expected = [(1, "scenario"), (2, "sim"), (2, "report"), (4, "app")];
    assert_eq!(names, expected.map(|(l, n)| (l, n.to_string())));
    assert!(crate_imports("use ablakbusz_crate::x;\n").is_empty());
    assert!(allowed("plan", "scenario").is_err());
    assert!(allowed("scenario", "plan").is_ok());
    assert!(allowed("plan", "demand").is_err());
    assert!(allowed("demand", "calibration").is_ok());
    assert!(allowed("calibration", "demand").is_err());
    assert!(allowed("plan", "vocab").is_ok());
}

#[test]
fn test_code_and_comments_are_not_the_library() {
    let code = "use crate::vocab::Venue;\n/// [`crate::app`]\n#[cfg(test)]\nmod tests {\n    use crate::scenario::X;\n}\n\
                #[cfg(test)]\nmod properties;\n#[cfg(test)]\nuse crate::report::Y;\nfn g() { crate::cli::h() }\n";
    let (shipped, test_files) = shipped_code(code);
    let names: Vec<(usize, String)> = crate_imports(&shipped);
    assert_eq!(names, [(1, "vocab".to_string()), (11, "cli".to_string())]);
    assert_eq!(test_files, ["properties"]);
}

/// Folders whose files must not import one another in a cycle (a file holds one concept; the
/// shared piece of two files moves down into a third).
const ACYCLIC_FOLDERS: &[&str] = &["vocab", "demand", "plan", "calibration", "scenario"];

/// The names `mod.rs` re-exports, each with the file it comes from (`pub use file::{A, B};`).
fn re_exports(mod_code: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for statement in mod_code.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((file, items)) = path.split_once("::") else {
            continue;
        };
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let visible = item.split_whitespace().last().unwrap_or_default();
            let visible = visible.rsplit("::").next().unwrap_or_default();
            if !visible.is_empty() {
                found.push((visible.to_string(), file.trim().to_string()));
            }
        }
    }
    found
}

/// The files of `folder` each file imports through `super::` or `crate::<folder>::` (directly or
/// through a re-export of `mod.rs`).
fn file_imports(folder: &str, files: &[(String, String)], mod_code: &str) -> Vec<(String, Vec<String>)> {
    let names: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let exported = re_exports(mod_code);
    let prefixes = ["super::".to_string(), format!("crate::{folder}::")];
    files
        .iter()
        .map(|(name, code)| {
            let mut targets = BTreeSet::new();
            for prefix in &prefixes {
                for (at, _) in code.match_indices(prefix.as_str()) {
                    for head in path_heads(&code[at + prefix.len()..]) {
                        let file = if names.contains(head.as_str()) {
                            Some(head.clone())
                        } else {
                            exported.iter().find(|(item, _)| *item == head).map(|(_, f)| f.clone())
                        };
                        targets.extend(file.filter(|f| f != name && names.contains(f.as_str())));
                    }
                }
            }
            (name.clone(), targets.into_iter().collect())
        })
        .collect()
}

/// A cycle in `graph`, as the files along it (the first repeated at the end), if there is one.
fn find_cycle(graph: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &[(String, Vec<String>)],
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        let targets = graph
            .iter()
            .find(|(n, _)| n == node)
            .map(|(_, t)| t.as_slice())
            .unwrap_or_default();
        for target in targets {
            if let Some(cycle) = visit(target, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .iter()
        .find_map(|(node, _)| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_file_cycles_inside_the_lower_folders() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut cycles = Vec::new();
    for folder in ACYCLIC_FOLDERS {
        let dir = src.join(folder);
        if !dir.is_dir() {
            continue;
        }
        let mut mod_code = String::new();
        let mut files = Vec::new();
        for (path, code) in shipped_files(&dir) {
            let relative = path.strip_prefix(&dir).unwrap();
            let node = relative
                .iter()
                .next()
                .unwrap()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if node == "mod" {
                mod_code = code;
            } else if let Some((_, all)) = files.iter_mut().find(|(n, _): &&mut (String, String)| *n == node) {
                all.push_str(&code);
            } else {
                files.push((node, code));
            }
        }
        if let Some(cycle) = find_cycle(&file_imports(folder, &files, &mod_code)) {
            cycles.push(format!("src/{folder}/: {}", cycle.join(" → ")));
        }
    }
    assert!(
        cycles.is_empty(),
        "files importing one another in a cycle:\n{}",
        cycles.join("\n")
    );
}
