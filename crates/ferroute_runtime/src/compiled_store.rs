//! The compiled files of a build on disk (`.ferroute/server/`): `ferroute build` writes what
//! the compiler made of every file it loaded, and `ferroute start` reads it back instead of
//! compiling again. A record names its file's source by SHA-1: a file edited since the build
//! is compiled as usual, so a stale record is never used.
//!
//! One JSON file per compiled file, named by the SHA-1 of its path and compile options (the
//! same file compiled as CommonJS and as an ES module is two records), written to a temporary
//! name and renamed.

use std::path::{Path, PathBuf};

use ferroute_compiler::{CjsExports, CompileOptions, SourceMap};
use serde_json::{json, Value};

/// What the loader does with the folder.
#[derive(Debug, Clone, Default)]
pub enum CompiledStore {
    /// Compile every file (no build).
    #[default]
    Off,
    /// Use the build's records (`ferroute start` after `ferroute build`).
    Read(PathBuf),
    /// Write a record of every file compiled (`ferroute build`).
    Write(PathBuf),
}

/// Bumped when the record's layout changes.
const FORMAT: u64 = 1;

/// A compiled file as the compiler made it.
pub(crate) struct Record {
    pub(crate) code: String,
    pub(crate) source_map: Option<SourceMap>,
    pub(crate) commonjs: Option<CjsExports>,
    pub(crate) import_names: Vec<(String, String)>,
}

fn record_path(dir: &Path, path: &Path, options: &CompileOptions) -> PathBuf {
    let key = format!("{}\0{options:?}", path.display());
    dir.join(format!("{}.json", sha1_smol::Sha1::from(key).digest()))
}

fn source_hash(source: &str) -> String {
    sha1_smol::Sha1::from(source).digest().to_string()
}

impl CompiledStore {
    /// The record of `path` compiled with `options`, if the build has one for this source.
    pub(crate) fn read(
        &self,
        path: &Path,
        source: &str,
        options: &CompileOptions,
    ) -> Option<Record> {
        let Self::Read(dir) = self else {
            return None;
        };
        let text = std::fs::read_to_string(record_path(dir, path, options)).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        if v["format"].as_u64() != Some(FORMAT)
            || v["source"].as_str() != Some(&source_hash(source))
        {
            return None;
        }
        let code = v["code"].as_str()?.to_owned();
        let source_map = match v["map"].as_str() {
            Some(map) => Some(SourceMap::from_json_string(map, &code).ok()?),
            None => None,
        };
        let commonjs = match &v["cjs"] {
            Value::Null => None,
            c => Some(CjsExports {
                names: strings(&c["names"]).into_iter().collect(),
                reexports: strings(&c["reexports"]),
                es_module: c["esModule"].as_bool()?,
            }),
        };
        let import_names = v["imports"]
            .as_array()?
            .iter()
            .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), pair[1].as_str()?.to_owned())))
            .collect();
        Some(Record {
            code,
            source_map,
            commonjs,
            import_names,
        })
    }

    /// Keeps `record` for the build (a failed write only costs a compile at start-up).
    pub(crate) fn write(
        &self,
        path: &Path,
        source: &str,
        options: &CompileOptions,
        record: &Record,
    ) {
        let Self::Write(dir) = self else {
            return;
        };
        let cjs = record.commonjs.as_ref().map_or(
            Value::Null,
            |c| json!({ "names": c.names, "reexports": c.reexports, "esModule": c.es_module }),
        );
        let value = json!({
            "format": FORMAT,
            "file": path.display().to_string(),
            "source": source_hash(source),
            "code": record.code,
            "map": record.source_map.as_ref().map(SourceMap::to_json_string),
            "cjs": cjs,
            "imports": record.import_names,
        });
        let target = record_path(dir, path, options);
        let tmp = target.with_extension("tmp");
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&tmp, value.to_string()))
            .and_then(|()| std::fs::rename(&tmp, &target));
        if let Err(e) = written {
            eprintln!(" ⚠ could not keep the compiled {}: {e}", path.display());
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
