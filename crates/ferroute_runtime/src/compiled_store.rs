//! The compiled files of a build on disk (`.ferroute/server/`): `ferroute build` writes what
//! the compiler made of every file it loaded, and `ferroute start` reads it back instead of
//! compiling again. A record names its file's source by SHA-1: a file edited since the build
//! is compiled as usual, so a stale record is never used.
//!
//! One record per compiled file, named by the SHA-1 of its path and compile options (the same
//! file compiled as CommonJS and as an ES module is two records), written to a temporary name
//! and renamed. The build writes each file's records for both engines (their module formats
//! differ), so `start --engine` may pick either, whichever engine built.
//!
//! A record is a line naming the layout, a line of JSON (the file, its source's SHA-1, what
//! the loader needs: CommonJS exports, import names; and the length of each section), then
//! the sections as raw bytes: the compiled code, its source map and, in QuickJS's module
//! format, the QuickJS bytecode of the code. With the bytecode, `start` neither compiles nor
//! parses, nor reads the code or decodes the map (that waits for an error stack): on the
//! bench app (`tasks/bench/servers`, zod among its imports) loading the routes fell from
//! 7 ms to 2.5 ms a worker. The bytecode is used only under the QuickJS version that wrote it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ferroute_compiler::{CjsExports, CompileOptions, ModuleFormat, SourceMap};
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

/// The first line of a record; its number is bumped when the layout changes.
const MAGIC: &[u8] = b"ferroute-compiled 2\n";

/// A compiled file as the compiler made it, or as a build kept it.
pub(crate) struct Record {
    /// The compiled code; empty when `bytecode` stands for it (read from a build).
    pub(crate) code: String,
    pub(crate) source_map: MapOf,
    pub(crate) commonjs: Option<CjsExports>,
    pub(crate) import_names: Vec<(String, String)>,
    /// QuickJS bytecode of the code, read from a build's record in QuickJS's format.
    pub(crate) bytecode: Option<Vec<u8>>,
}

/// A compiled file's source map: made by the compiler, or left in a build's record until an
/// error stack asks for it.
pub(crate) enum MapOf {
    Made(Option<SourceMap>),
    Kept {
        record: PathBuf,
        source: String,
        decoded: OnceLock<Option<SourceMap>>,
    },
}

impl MapOf {
    pub(crate) fn get(&self) -> Option<&SourceMap> {
        match self {
            Self::Made(map) => map.as_ref(),
            Self::Kept {
                record,
                source,
                decoded,
            } => decoded
                .get_or_init(|| {
                    let bytes = std::fs::read(record).ok()?;
                    let r = Sections::of(&bytes).filter(|r| r.head["source"] == *source)?;
                    let code = std::str::from_utf8(r.code).ok()?;
                    SourceMap::from_json_string(std::str::from_utf8(r.map?).ok()?, code).ok()
                })
                .as_ref(),
        }
    }
}

impl From<ferroute_compiler::CompiledModule> for Record {
    fn from(c: ferroute_compiler::CompiledModule) -> Self {
        Self {
            code: c.code,
            source_map: MapOf::Made(c.source_map),
            commonjs: c.commonjs,
            import_names: c.import_names,
            bytecode: None,
        }
    }
}

/// A record's header and sections, borrowed from its bytes.
struct Sections<'a> {
    head: Value,
    code: &'a [u8],
    map: Option<&'a [u8]>,
    bytecode: Option<&'a [u8]>,
}

impl<'a> Sections<'a> {
    /// `None` for another layout, or a record cut short.
    fn of(bytes: &'a [u8]) -> Option<Self> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let end = rest.iter().position(|b| *b == b'\n')?;
        let head: Value = serde_json::from_slice(&rest[..end]).ok()?;
        let mut body = &rest[end + 1..];
        let mut take = |len: &Value| -> Option<Option<&'a [u8]>> {
            let Some(n) = len.as_u64() else {
                return Some(None);
            };
            let n = usize::try_from(n).ok()?;
            let (section, after) = (body.get(..n)?, body.get(n..)?);
            body = after;
            Some(Some(section))
        };
        let code = take(&head["code"])??;
        let map = take(&head["map"])?;
        let bytecode = take(&head["bytecode"]["length"])?;
        body.is_empty().then_some(Self {
            head,
            code,
            map,
            bytecode,
        })
    }
}

fn record_path(dir: &Path, path: &Path, options: &CompileOptions) -> PathBuf {
    let key = format!("{}\0{options:?}", path.display());
    dir.join(format!("{}.rec", sha1_smol::Sha1::from(key).digest()))
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
        let record = record_path(dir, path, options);
        let bytes = std::fs::read(&record).ok()?;
        let r = Sections::of(&bytes)?;
        let source = source_hash(source);
        if r.head["source"].as_str() != Some(&source) {
            return None;
        }
        let commonjs = match &r.head["cjs"] {
            Value::Null => None,
            c => Some(CjsExports {
                names: strings(&c["names"]).into_iter().collect(),
                reexports: strings(&c["reexports"]),
                es_module: c["esModule"].as_bool()?,
            }),
        };
        let import_names = r.head["imports"]
            .as_array()?
            .iter()
            .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), pair[1].as_str()?.to_owned())))
            .collect();
        let bytecode = r
            .bytecode
            .filter(|_| r.head["bytecode"]["engine"].as_str() == Some(&quickjs_stamp()));
        let code = match bytecode {
            Some(_) => String::new(),
            None => String::from_utf8(r.code.to_vec()).ok()?,
        };
        let source_map = match r.map {
            Some(_) => MapOf::Kept {
                record,
                source,
                decoded: OnceLock::new(),
            },
            None => MapOf::Made(None),
        };
        Some(Record {
            code,
            source_map,
            commonjs,
            import_names,
            bytecode: bytecode.map(<[u8]>::to_vec),
        })
    }

    /// Whether this store keeps what is compiled (`ferroute build`).
    pub(crate) fn writes(&self) -> bool {
        matches!(self, Self::Write(_))
    }

    /// Keeps `record` (as the compiler made it) for the build; a failed write only costs a
    /// compile at start-up.
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
        let map = record.source_map.get().map(SourceMap::to_json_string);
        // QuickJS's records carry its bytecode (a file that does not compile has none).
        let bytecode = (options.module_format == ModuleFormat::Esm)
            .then(|| quickjs_bytecode(path, &record.code, record.commonjs.is_some()))
            .flatten();
        let head = json!({
            "file": path.display().to_string(),
            "source": source_hash(source),
            "cjs": cjs,
            "imports": record.import_names,
            "code": record.code.len(),
            "map": map.as_ref().map(String::len),
            "bytecode": bytecode.as_ref().map(|b| json!({ "engine": quickjs_stamp(), "length": b.len() })),
        });
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(head.to_string().as_bytes());
        out.push(b'\n');
        out.extend_from_slice(record.code.as_bytes());
        out.extend_from_slice(map.as_deref().unwrap_or_default().as_bytes());
        out.extend_from_slice(bytecode.as_deref().unwrap_or_default());
        let target = record_path(dir, path, options);
        let tmp = target.with_extension("tmp");
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&tmp, out))
            .and_then(|()| std::fs::rename(&tmp, &target));
        if let Err(e) = written {
            eprintln!(" ⚠ could not keep the compiled {}: {e}", path.display());
        }
    }
}

/// What a bytecode record was written by: QuickJS reads only its own version's bytecode.
fn quickjs_stamp() -> String {
    format!("quickjs-ng {}", crate::sys::quickjs_version())
}

/// The loader of a runtime that only compiles: every import is a module of `self.0`.
struct StandIns(&'static str);

impl rquickjs::loader::Resolver for StandIns {
    fn resolve(&mut self, _: &rquickjs::Ctx<'_>, _: &str, name: &str) -> rquickjs::Result<String> {
        Ok(format!("ferroute:stand-in:{name}"))
    }
}

impl rquickjs::loader::Loader for StandIns {
    fn load<'js>(
        &mut self,
        ctx: &rquickjs::Ctx<'js>,
        name: &str,
    ) -> rquickjs::Result<rquickjs::Module<'js, rquickjs::module::Declared>> {
        rquickjs::Module::declare(ctx.clone(), name, self.0)
    }
}

/// The QuickJS bytecode the loader would make of `code` (an ES module, or the wrapper
/// script of a CommonJS file), compiled in a runtime of this thread without our platform:
/// compiling needs none of it, and the build may run on JavaScriptCore. QuickJS loads a
/// module's imports as it compiles it; each is an empty stand-in here, since the bytecode
/// names an import by its specifier and the worker's loader resolves it again.
fn quickjs_bytecode(path: &Path, code: &str, commonjs: bool) -> Option<Vec<u8>> {
    thread_local! {
        static BARE: Option<rquickjs::Context> = rquickjs::Runtime::new()
            .and_then(|rt| {
                rt.set_loader(StandIns(""), StandIns(""));
                rquickjs::Context::full(&rt)
            })
            .ok();
    }
    let name = path.to_string_lossy();
    BARE.with(|ctx| {
        ctx.as_ref()?.with(|ctx| {
            if commonjs {
                crate::script_bytecode::compile_global(&ctx, code, &name, false).ok()
            } else {
                rquickjs::Module::declare(ctx, name.as_ref(), code)
                    .and_then(|m| m.write(rquickjs::WriteOptions::default()))
                    .ok()
            }
        })
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("ferroute-compiled-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn options(module_format: ModuleFormat) -> CompileOptions {
        CompileOptions {
            lower_async: true,
            module_format,
            ..CompileOptions::default()
        }
    }

    const SOURCE: &str = "import { a } from './a';\nexport const b: number = a + 1;\n";

    fn keep(dir: &Path, format: ModuleFormat) -> PathBuf {
        let path = dir.join("route.ts");
        let compiled = ferroute_compiler::compile(Path::new("route.ts"), SOURCE, &options(format))
            .expect("compiles");
        CompiledStore::Write(dir.to_path_buf()).write(
            &path,
            SOURCE,
            &options(format),
            &compiled.into(),
        );
        path
    }

    #[test]
    fn a_quickjs_record_comes_back_as_bytecode_with_its_map_decoded_when_asked() {
        let dir = folder("quickjs");
        let path = keep(&dir, ModuleFormat::Esm);
        let store = CompiledStore::Read(dir.clone());
        let record = store
            .read(&path, SOURCE, &options(ModuleFormat::Esm))
            .expect("record");
        let bytecode = record.bytecode.expect("bytecode kept");
        assert!(!bytecode.is_empty());
        assert!(
            record.code.is_empty(),
            "the code is not read beside its bytecode"
        );
        assert!(matches!(record.source_map, MapOf::Kept { .. }));
        let map = record
            .source_map
            .get()
            .expect("map decoded from the record");
        assert_eq!(map.as_oxc().get_sources().count(), 1);
        // The bytecode runs as the module QuickJS would have compiled.
        let rt = rquickjs::Runtime::new().expect("runtime");
        // Every import a module exporting `a = 41`.
        rt.set_loader(
            StandIns("export const a = 41;"),
            StandIns("export const a = 41;"),
        );
        let ctx = rquickjs::Context::full(&rt).expect("context");
        let bytecode: &'static [u8] = Box::leak(bytecode.into_boxed_slice());
        ctx.with(|ctx| {
            let module = crate::sys::load_module(&ctx, bytecode).expect("bytecode loads");
            let (module, done) = module.eval().expect("evaluates");
            done.finish::<()>().expect("settles");
            assert_eq!(module.get::<_, i32>("b").expect("export b"), 42);
        });
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_javascriptcore_record_keeps_its_code_and_no_bytecode() {
        let dir = folder("jsc");
        let path = keep(&dir, ModuleFormat::Registry);
        let record = CompiledStore::Read(dir.clone())
            .read(&path, SOURCE, &options(ModuleFormat::Registry))
            .expect("record");
        assert!(record.bytecode.is_none());
        assert!(record.code.contains("factory"), "{}", record.code);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn an_edited_source_or_a_broken_record_is_compiled_again() {
        let dir = folder("stale");
        let path = keep(&dir, ModuleFormat::Esm);
        let store = CompiledStore::Read(dir.clone());
        let esm = options(ModuleFormat::Esm);
        assert!(store.read(&path, "export const b = 2;\n", &esm).is_none());
        let record = record_path(&dir, &path, &esm);
        let bytes = std::fs::read(&record).expect("record");
        // Cut short, or from another layout: not used.
        std::fs::write(&record, &bytes[..bytes.len() - 1]).expect("write");
        assert!(store.read(&path, SOURCE, &esm).is_none());
        std::fs::write(
            &record,
            [b"ferroute-compiled 1\n", &bytes[MAGIC.len()..]].concat(),
        )
        .expect("write");
        assert!(store.read(&path, SOURCE, &esm).is_none());
        std::fs::write(&record, &bytes).expect("write");
        assert!(store.read(&path, SOURCE, &esm).is_some());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn bytecode_of_another_quickjs_is_left_for_the_code() {
        let dir = folder("version");
        let path = keep(&dir, ModuleFormat::Esm);
        let esm = options(ModuleFormat::Esm);
        let record = record_path(&dir, &path, &esm);
        let bytes = std::fs::read(&record).expect("record");
        let head_end = MAGIC.len()
            + bytes[MAGIC.len()..]
                .iter()
                .position(|b| *b == b'\n')
                .expect("head");
        let head = String::from_utf8_lossy(&bytes[..head_end])
            .replace(&quickjs_stamp(), "quickjs-ng 0.0.1");
        std::fs::write(&record, [head.as_bytes(), &bytes[head_end..]].concat()).expect("write");
        let r = CompiledStore::Read(dir.clone())
            .read(&path, SOURCE, &esm)
            .expect("record");
        assert!(r.bytecode.is_none());
        assert!(r.code.contains("export const b"), "{}", r.code);
        let _ = std::fs::remove_dir_all(dir);
    }
}
