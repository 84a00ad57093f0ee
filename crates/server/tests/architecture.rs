#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The server crate's modules import each other in one direction only: no
//! circle among its files (issue 13 found 21 files in one). Each file's
//! references to the crate's modules — `crate::a::b`, `super::x`, and the
//! paths inside `use crate::{…}` / `use super::{…}` groups — are resolved to
//! the file that defines them; a cycle among files fails with its members.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`web::ctx`) → source, for every file under `src/`.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                    parts.pop();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                // A file's own unit tests may reach anywhere.
                let text = match text.find("#[cfg(test)]\nmod tests") {
                    Some(i) => text[..i].to_owned(),
                    None => text,
                };
                let text: String = text
                    .lines()
                    .map(|l| l.split("//").next().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join("\n");
                out.insert(parts.join("::"), text);
            }
        }
    }
    out
}

/// The paths of a `use` tree: `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn flatten(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        for piece in tree.split(',') {
            let piece = piece.split(" as ").next().unwrap_or("").trim();
            if !piece.is_empty() {
                out.push(format!("{prefix}{piece}"));
            }
        }
        return;
    };
    let head = &tree[..open];
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in body.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                flatten(&body[start..i], &format!("{prefix}{head}"), out);
                start = i + 1;
            }
            _ => {}
        }
    }
    flatten(&body[start..], &format!("{prefix}{head}"), out);
}

/// A path written in module `from` as a module path from the crate root.
fn absolute(from: &str, path: &str) -> String {
    let mut cur: Vec<&str> = if from.is_empty() {
        vec![]
    } else {
        from.split("::").collect()
    };
    let mut rest = Vec::new();
    for (i, seg) in path.split("::").map(str::trim).enumerate() {
        match seg {
            "crate" if i == 0 => cur.clear(),
            "self" if i == 0 => {}
            "super" => {
                cur.pop();
            }
            s => rest.push(s),
        }
    }
    cur.extend(rest);
    cur.join("::")
}

/// The deepest module that a path names (or lies in).
fn resolve<'a>(mods: &'a BTreeMap<String, String>, path: &str) -> Option<&'a str> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find_map(|m| mods.get_key_value(&m).map(|(k, _)| k.as_str()))
}

fn edges(mods: &BTreeMap<String, String>) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (m, src) in mods {
        let mut paths = Vec::new();
        let mut rest = src.as_str();
        while let Some(i) = rest.find("use ") {
            rest = &rest[i + 4..];
            let end = rest.find(';').unwrap_or(rest.len());
            let tree = &rest[..end];
            if ["crate", "super", "self"]
                .iter()
                .any(|p| tree.trim_start().starts_with(p))
            {
                flatten(tree, "", &mut paths);
            }
            rest = &rest[end..];
        }
        let mut rest = src.as_str();
        while let Some(i) = rest.find("crate::") {
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            paths.push(tail[..end].trim_end_matches(':').to_owned());
            rest = &tail[end..];
        }
        let set = out.entry(m.as_str()).or_default();
        for p in paths {
            if let Some(t) = resolve(mods, &absolute(m, &p)) {
                // A module may use what it contains or what contains it.
                let ancestor = t.is_empty() || m.starts_with(&format!("{t}::"));
                if t != m && !ancestor {
                    set.insert(t);
                }
            }
        }
    }
    out
}

/// Strongly connected components with more than one member (Tarjan).
fn cycles<'a>(g: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Vec<Vec<&'a str>> {
    struct T<'a, 'g> {
        g: &'g BTreeMap<&'a str, BTreeSet<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(t: &mut T<'a, '_>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        let next: Vec<&'a str> = t.g.get(v).into_iter().flatten().copied().collect();
        for w in next {
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort_unstable();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on: BTreeSet::new(),
        out: vec![],
    };
    for v in g.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn the_checker_sees_a_circle_and_a_line() {
    let mut g: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    g.insert("a", ["b"].into());
    g.insert("b", ["c"].into());
    g.insert("c", ["a"].into());
    g.insert("d", ["a"].into());
    assert_eq!(cycles(&g), vec![vec!["a", "b", "c"]]);
    g.insert("c", BTreeSet::new());
    assert!(cycles(&g).is_empty());
    let mut paths = Vec::new();
    flatten("super::{ctx::{Ctx, PageError}, layout}", "", &mut paths);
    assert_eq!(
        paths,
        ["super::ctx::Ctx", "super::ctx::PageError", "super::layout"]
    );
    assert_eq!(
        absolute("web::ctx", "super::layout::page"),
        "web::layout::page"
    );
    assert_eq!(
        absolute("web::ctx", "crate::state::AppState"),
        "state::AppState"
    );
}

#[test]
fn the_server_crates_files_import_each_other_in_one_direction() {
    let mods = modules();
    assert!(mods.len() > 30, "{} files read", mods.len());
    let g = edges(&mods);
    // The edges the crate is known to have, so the checker reads them.
    assert!(g["guard"].contains("auth"), "{:?}", g["guard"]);
    assert!(
        g["web::layout"].contains("web::ctx"),
        "{:?}",
        g["web::layout"]
    );
    let found = cycles(&g);
    assert!(
        found.is_empty(),
        "modules importing each other in a circle: {found:?}"
    );
}
