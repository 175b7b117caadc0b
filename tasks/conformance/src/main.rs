//! ferroute conformance harness: replays recorded Next.js 15.5.29 responses
//! against a server and keeps the pass rate in checked-in snapshots.
//!
//! See tasks/conformance/README.md for the workflow.

mod b64;
mod cases;
mod client;
mod regex;
mod server;
mod upstream;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use serde_json::Value;

use cases::{Case, GoldenFile, Step, SuiteFile, TokenState};

pub(crate) const NEXT_VERSION: &str = "15.5.29";
const HOST: &str = "127.0.0.1";

const USAGE: &str = "\
usage:
  ferroute_conformance run --ferroute <bin> [options]
  ferroute_conformance run --server-cmd '<template>' [--build-cmd '<template>'] [--node-modules <dir>] [options]
  ferroute_conformance record --next-dir <dir-with-node_modules/next> [--suite NAME] [--only ID-PREFIX]
  ferroute_conformance upstream [--port N]
  ferroute_conformance list [--suite NAME]

run options:
  --suite NAME        only this suite (default: every cases/*.json)
  --only PREFIX       only cases whose id starts with PREFIX (implies --no-write)
  --verbose           print every case with a short diff for failures
  --no-write          do not write snapshots/<suite>.snap
  --snapshots DIR     write the snapshots there (default: snapshots/; e.g. snapshots-jsc/
                      for a run under FERROUTE_ENGINE=jsc)
  --root DIR          conformance directory (default: this crate's directory)
  --start-timeout S   seconds to wait for the server port (default 30)

templates may use {dir} (temp copy of the fixture), {port}, {host} and, with
--next-dir, {next} (path to next/dist/bin/next).
`run --ferroute BIN` is `--server-cmd 'BIN start {dir} -p {port} -H {host}'`.";

#[derive(Default)]
struct Opts {
    ferroute: Option<String>,
    server_cmd: Option<String>,
    build_cmd: Option<String>,
    node_modules: Option<PathBuf>,
    next_dir: Option<PathBuf>,
    suite: Option<String>,
    only: Option<String>,
    verbose: bool,
    no_write: bool,
    root: Option<PathBuf>,
    snapshots: Option<PathBuf>,
    start_timeout: u64,
    port: Option<u16>,
}

fn parse_opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        start_timeout: 30,
        ..Opts::default()
    };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let mut val = || -> Result<String, String> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("{a} needs a value"))
        };
        match a {
            "--ferroute" => o.ferroute = Some(val()?),
            "--server-cmd" => o.server_cmd = Some(val()?),
            "--build-cmd" => o.build_cmd = Some(val()?),
            "--node-modules" => o.node_modules = Some(PathBuf::from(val()?)),
            "--next-dir" => o.next_dir = Some(PathBuf::from(val()?)),
            "--suite" => o.suite = Some(val()?),
            "--only" => o.only = Some(val()?),
            "--root" => o.root = Some(PathBuf::from(val()?)),
            "--snapshots" => o.snapshots = Some(PathBuf::from(val()?)),
            "--start-timeout" => {
                o.start_timeout = val()?
                    .parse()
                    .map_err(|_| "--start-timeout: not a number")?
            }
            "--port" => o.port = Some(val()?.parse().map_err(|_| "--port: not a number")?),
            "--verbose" | "-v" => o.verbose = true,
            "--no-write" => o.no_write = true,
            other => return Err(format!("unknown argument {other}")),
        }
        i += 1;
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let opts = match parse_opts(&args[1..]) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match cmd.as_str() {
        "run" => cmd_run(&opts, Mode::Compare),
        "record" => cmd_run(&opts, Mode::Record),
        "upstream" => upstream::run_forever(opts.port.unwrap_or(upstream::DEFAULT_PORT)),
        "list" => cmd_list(&opts),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("conformance harness error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Record,
    Compare,
}

fn root_dir(o: &Opts) -> PathBuf {
    o.root
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// Keys that describe one request; a case is a request (or `steps` of them) plus what to compare.
const REQUEST_KEYS: &[&str] = &[
    "method",
    "path",
    "send_headers",
    "body",
    "body_base64",
    "body_repeat",
    "chunks",
    "chunk_delay_ms",
    "wait_ms",
    "compare_headers",
];
const CASE_ONLY_KEYS: &[&str] = &[
    "id",
    "spec",
    "note",
    "deviation",
    "steps",
    "compare",
    "normalise",
];
const STEP_ONLY_KEYS: &[&str] = &["check", "repeat", "capture"];

fn check_keys(v: &Value, allowed: &[&str], what: &str) -> Result<(), String> {
    if let Some(obj) = v.as_object() {
        for k in obj.keys() {
            if !REQUEST_KEYS.contains(&k.as_str()) && !allowed.contains(&k.as_str()) {
                return Err(format!("{what}: unknown key {k:?}"));
            }
        }
    }
    Ok(())
}

fn load_suites(root: &Path, only_suite: Option<&str>) -> Result<Vec<SuiteFile>, String> {
    let dir = root.join("cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("read {}: {e}", f.display()))?;
        let raw: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        for c in raw["cases"].as_array().into_iter().flatten() {
            let id = c["id"].as_str().unwrap_or("?");
            check_keys(c, CASE_ONLY_KEYS, &format!("{}: case {id}", f.display()))?;
            for s in c["steps"].as_array().into_iter().flatten() {
                check_keys(
                    s,
                    STEP_ONLY_KEYS,
                    &format!("{}: case {id} step", f.display()),
                )?;
            }
        }
        let suite: SuiteFile =
            serde_json::from_value(raw).map_err(|e| format!("{}: {e}", f.display()))?;
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if suite.suite != stem {
            return Err(format!(
                "{}: suite name {:?} must match the file name",
                f.display(),
                suite.suite
            ));
        }
        let mut ids = std::collections::BTreeSet::new();
        for c in &suite.cases {
            c.validate()?;
            if !ids.insert(c.id.clone()) {
                return Err(format!("{}: duplicate case id {}", f.display(), c.id));
            }
        }
        if only_suite.is_none_or(|s| s == suite.suite) {
            out.push(suite);
        }
    }
    if out.is_empty() {
        return Err(format!("no suite matched {only_suite:?}"));
    }
    Ok(out)
}

fn cmd_list(o: &Opts) -> Result<(), String> {
    let root = root_dir(o);
    let mut total = 0;
    for s in load_suites(&root, o.suite.as_deref())? {
        let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for c in &s.cases {
            let e = per.entry(c.section().to_string()).or_default();
            e.0 += 1;
            if c.deviation.is_some() {
                e.1 += 1;
            }
        }
        println!(
            "suite {} ({} cases, fixture {}): {}",
            s.suite,
            s.cases.len(),
            s.fixture,
            s.description
        );
        for (sec, (n, d)) in per {
            println!(
                "  {sec}: {n}{}",
                if d > 0 {
                    format!(" ({d} deviation)")
                } else {
                    String::new()
                }
            );
        }
        total += s.cases.len();
    }
    println!("total: {total}");
    Ok(())
}

struct CaseOutcome {
    id: String,
    section: String,
    deviation: bool,
    pass: bool,
    detail: String,
}

fn cmd_run(o: &Opts, mode: Mode) -> Result<(), String> {
    let root = root_dir(o);
    let suites = load_suites(&root, o.suite.as_deref())?;

    let next_bin = match &o.next_dir {
        Some(d) => {
            let nb = std::fs::canonicalize(d)
                .map_err(|e| format!("--next-dir {}: {e}", d.display()))?
                .join("node_modules/next/dist/bin/next");
            if !nb.exists() {
                return Err(format!(
                    "{} not found (run npm ci in {})",
                    nb.display(),
                    d.display()
                ));
            }
            Some(nb)
        }
        None => None,
    };
    let (server_tpl, build_tpl, node_modules) = match (mode, &o.ferroute, &o.server_cmd) {
        (Mode::Record, _, _) => {
            let nd = o.next_dir.as_ref().ok_or("record needs --next-dir")?;
            (
                o.server_cmd
                    .clone()
                    .unwrap_or_else(|| "node {next} start {dir} -p {port} -H {host}".into()),
                Some(
                    o.build_cmd
                        .clone()
                        .unwrap_or_else(|| "node {next} build {dir}".into()),
                ),
                Some(nd.join("node_modules")),
            )
        }
        (Mode::Compare, Some(bin), None) => {
            let bin = std::fs::canonicalize(bin).map_err(|e| format!("--ferroute {bin}: {e}"))?;
            (
                format!("{} start {{dir}} -p {{port}} -H {{host}}", bin.display()),
                o.build_cmd.clone(),
                o.node_modules.clone(),
            )
        }
        (Mode::Compare, None, Some(cmd)) => (
            cmd.clone(),
            o.build_cmd.clone(),
            o.node_modules
                .clone()
                .or_else(|| o.next_dir.as_ref().map(|d| d.join("node_modules"))),
        ),
        _ => return Err("run needs exactly one of --ferroute or --server-cmd".into()),
    };
    let vars = |tpl: &str, dir: &Path, port: u16| {
        let mut s = tpl
            .replace("{dir}", &dir.display().to_string())
            .replace("{port}", &port.to_string())
            .replace("{host}", HOST);
        if let Some(nb) = &next_bin {
            s = s.replace("{next}", &nb.display().to_string());
        }
        s
    };

    let up = upstream::Upstream::start()?;
    let write_snap = mode == Mode::Compare && !o.no_write && o.only.is_none();
    let mut grand = (0usize, 0usize);

    for suite in &suites {
        up.reset();
        let fixture = root.join(&suite.fixture);
        let cases: Vec<&Case> = suite
            .cases
            .iter()
            .filter(|c| o.only.as_deref().is_none_or(|p| c.id.starts_with(p)))
            .collect();
        if cases.is_empty() {
            continue;
        }
        println!(
            "== suite {} ({} cases, fixture {})",
            suite.suite,
            cases.len(),
            suite.fixture
        );
        let base = suite.fixture_base.as_ref().map(|b| root.join(b));
        let work = server::prepare_dir(
            base.as_deref(),
            &fixture,
            &suite.suite,
            node_modules.as_deref(),
            &up.origin(),
        )?;
        // Declared before the server so that it is dropped (removed) after it.
        let _work_guard = server::WorkDir(work.clone());
        let env: Vec<(String, String)> = suite
            .env
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let Some(b) = &build_tpl {
            let cmd = vars(b, &work, 0);
            println!("   build: {cmd}");
            server::run_build(&cmd, &work, &env, Duration::from_secs(900))?;
        }
        let port = server::free_port()?;
        let start_cmd = vars(&server_tpl, &work, port);
        println!("   start: {start_cmd}");
        let timeout = Duration::from_secs(o.start_timeout);
        // In compare mode a server that cannot start is a (total) failure of
        // the server under test, not of the harness: every case then fails.
        let mut srv: Option<server::Server> =
            match server::Server::start(&start_cmd, &work, &env, port, timeout) {
                Ok(s) => Some(s),
                Err(e) if mode == Mode::Compare => {
                    println!("   server failed to start; all cases fail:\n{e}");
                    None
                }
                Err(e) => return Err(e),
            };
        let mut restarts = 0;
        let golden_path = root.join("goldens").join(format!("{}.json", suite.suite));
        let golden: Option<GoldenFile> = match std::fs::read_to_string(&golden_path) {
            Ok(t) => Some(
                serde_json::from_str(&t).map_err(|e| format!("{}: {e}", golden_path.display()))?,
            ),
            Err(_) => None,
        };
        if mode == Mode::Compare && golden.is_none() {
            return Err(format!(
                "{} missing: run record.sh first",
                golden_path.display()
            ));
        }

        let mut recorded: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        let mut outcomes: Vec<CaseOutcome> = Vec::new();
        for case in &cases {
            if srv.as_mut().is_some_and(|sv| !sv.alive()) {
                if let Some(mut sv) = srv.take() {
                    println!(
                        "   server exited during the run; log tail:\n{}",
                        sv.log_tail(20)
                    );
                    sv.stop();
                }
                if mode == Mode::Record {
                    return Err(format!("server exited before case {}", case.id));
                }
                if restarts < 3 {
                    restarts += 1;
                    println!("   restarting the server ({restarts}/3)");
                    match server::Server::start(&start_cmd, &work, &env, port, timeout) {
                        Ok(s) => srv = Some(s),
                        Err(e) => println!("   restart failed: {e}"),
                    }
                }
            }
            let (values, errors) = if srv.is_some() {
                run_case(case, port, up.port())
            } else {
                (Vec::new(), vec!["server is not running".to_string()])
            };
            match mode {
                Mode::Record => {
                    if !errors.is_empty() {
                        return Err(format!("recording {}: {}", case.id, errors.join("; ")));
                    }
                    if o.verbose {
                        println!("   recorded {}", case.id);
                    }
                    recorded.insert(case.id.clone(), values);
                }
                Mode::Compare => {
                    let expected = golden.as_ref().and_then(|g| g.cases.get(&case.id));
                    let (pass, detail) = match expected {
                        None => (false, "no golden recorded for this case".to_string()),
                        Some(exp) => compare_case(exp, &values, &errors),
                    };
                    outcomes.push(CaseOutcome {
                        id: case.id.clone(),
                        section: case.section().to_string(),
                        deviation: case.deviation.is_some(),
                        pass,
                        detail,
                    });
                    if o.verbose {
                        let last = outcomes.last().expect("pushed");
                        let tag = match (last.pass, last.deviation) {
                            (true, false) => "PASS",
                            (false, false) => "FAIL",
                            (true, true) => "PASS (deviation)",
                            (false, true) => "DIFF (deviation)",
                        };
                        println!(
                            "   {tag} {}{}",
                            case.id,
                            case.spec
                                .as_deref()
                                .map(|s| format!(" [{s}]"))
                                .unwrap_or_default()
                        );
                        if !last.pass {
                            if let Some(n) = &case.note {
                                println!("        note: {n}");
                            }
                            for l in last.detail.lines() {
                                println!("        {l}");
                            }
                        }
                    }
                }
            }
        }
        let log_tail = srv.as_ref().map(|s| s.log_tail(40)).unwrap_or_default();
        if let Some(mut s) = srv.take() {
            s.stop();
        }

        match mode {
            Mode::Record => {
                let mut all = match golden {
                    Some(g) if o.only.is_some() => g.cases,
                    _ => BTreeMap::new(),
                };
                all.extend(recorded);
                let g = GoldenFile {
                    next_version: NEXT_VERSION.into(),
                    suite: suite.suite.clone(),
                    note: "Recorded from next build + next start by tasks/conformance/record.sh. Do not edit by hand.".into(),
                    cases: all,
                };
                std::fs::create_dir_all(root.join("goldens")).map_err(|e| e.to_string())?;
                let text = serde_json::to_string_pretty(&g).map_err(|e| e.to_string())? + "\n";
                std::fs::write(&golden_path, text)
                    .map_err(|e| format!("write {}: {e}", golden_path.display()))?;
                println!(
                    "   wrote {} ({} cases)",
                    golden_path.display(),
                    g.cases.len()
                );
            }
            Mode::Compare => {
                let (passed, total) = report(&suite.suite, &outcomes);
                grand.0 += passed;
                grand.1 += total;
                if o.verbose && passed < total {
                    println!("   server log tail:\n{log_tail}");
                }
                if write_snap {
                    let snap = snapshot_text(&outcomes);
                    let dir = match &o.snapshots {
                        Some(d) if d.is_absolute() => d.clone(),
                        Some(d) => root.join(d),
                        None => root.join("snapshots"),
                    };
                    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                    let p = dir.join(format!("{}.snap", suite.suite));
                    std::fs::write(&p, snap).map_err(|e| format!("write {}: {e}", p.display()))?;
                    println!("   wrote {}", p.display());
                }
            }
        }
    }
    if mode == Mode::Compare && suites.len() > 1 {
        println!(
            "== total: Passed {}/{} ({})",
            grand.0,
            grand.1,
            pct(grand.0, grand.1)
        );
    }
    Ok(())
}

fn pct(n: usize, m: usize) -> String {
    if m == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / m as f64)
    }
}

fn report(suite: &str, outcomes: &[CaseOutcome]) -> (usize, usize) {
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut dev = (0, 0);
    for c in outcomes {
        if c.deviation {
            dev.1 += 1;
            if c.pass {
                dev.0 += 1;
            }
            continue;
        }
        let e = per.entry(&c.section).or_default();
        e.1 += 1;
        if c.pass {
            e.0 += 1;
        }
    }
    for (sec, (p, t)) in &per {
        println!("   {sec}: {p}/{t}");
    }
    let passed: usize = per.values().map(|v| v.0).sum();
    let total: usize = per.values().map(|v| v.1).sum();
    println!(
        "   {suite}: Passed {passed}/{total} ({})",
        pct(passed, total)
    );
    if dev.1 > 0 {
        println!(
            "   {suite}: deviations (not counted): {} cases, {} match Next.js",
            dev.1, dev.0
        );
    }
    (passed, total)
}

fn snapshot_text(outcomes: &[CaseOutcome]) -> String {
    let counted: Vec<&CaseOutcome> = outcomes.iter().filter(|c| !c.deviation).collect();
    let passed = counted.iter().filter(|c| c.pass).count();
    let mut failing: Vec<&str> = counted
        .iter()
        .filter(|c| !c.pass)
        .map(|c| c.id.as_str())
        .collect();
    failing.sort();
    let mut s = format!(
        "Next.js {NEXT_VERSION}\nPassed: {passed}/{} ({})\n",
        counted.len(),
        pct(passed, counted.len())
    );
    for f in failing {
        s.push_str(f);
        s.push('\n');
    }
    // Deviation cases are listed whatever their result: whether ferroute
    // happens to match Next.js there is not gated (and may vary run to run,
    // e.g. module state across worker threads).
    let mut devs: Vec<&str> = outcomes
        .iter()
        .filter(|c| c.deviation)
        .map(|c| c.id.as_str())
        .collect();
    if !devs.is_empty() {
        devs.sort();
        s.push_str(&format!(
            "Deviations (not counted; see docs/compat.md): {}\n",
            devs.len()
        ));
        for d in devs {
            s.push_str(&format!("~ {d}\n"));
        }
    }
    s
}

fn build_request(step: &Step, vars: &BTreeMap<String, String>) -> Result<client::Request, String> {
    let r = &step.request;
    let sub = |s: &str| cases::substitute(s, vars);
    let body = if let Some(b) = &r.body {
        Some(sub(b).into_bytes())
    } else if let Some(b) = &r.body_base64 {
        Some(b64::decode(b)?)
    } else {
        r.body_repeat
            .as_ref()
            .map(|rep| rep.text.repeat(rep.times).into_bytes())
    };
    Ok(client::Request {
        method: r.method.clone().unwrap_or_else(|| "GET".into()),
        target: sub(r.path.as_deref().unwrap_or("/")),
        headers: r
            .send_headers
            .iter()
            .map(|(k, v)| (k.clone(), sub(v)))
            .collect(),
        body,
        chunks: r
            .chunks
            .as_ref()
            .map(|cs| cs.iter().map(|c| sub(c).into_bytes()).collect()),
        chunk_delay: Duration::from_millis(r.chunk_delay_ms),
    })
}

/// Run every step; returns one value per step (null for unchecked steps) and
/// any transport errors.
fn run_case(case: &Case, port: u16, upstream_port: u16) -> (Vec<Value>, Vec<String>) {
    let mut vars = BTreeMap::new();
    let mut tokens = TokenState::default();
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for (i, step) in case.expanded_steps().iter().enumerate() {
        if step.request.wait_ms > 0 {
            std::thread::sleep(Duration::from_millis(step.request.wait_ms));
        }
        let req = match build_request(step, &vars) {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("step {}: {e}", i + 1));
                values.push(Value::Null);
                continue;
            }
        };
        match client::send(HOST, port, &req) {
            Ok(resp) => {
                let resp = resp.with_upstream_port(upstream_port);
                cases::capture(step, &resp, &mut vars);
                if step.check {
                    values.push(cases::record_step(case, step, &resp, port, &mut tokens));
                } else {
                    values.push(Value::Null);
                }
            }
            Err(e) => {
                errors.push(format!(
                    "step {} ({} {}): {e}",
                    i + 1,
                    req.method,
                    req.target
                ));
                values.push(Value::Null);
            }
        }
    }
    (values, errors)
}

fn compare_case(expected: &[Value], actual: &[Value], errors: &[String]) -> (bool, String) {
    let mut out = Vec::new();
    for e in errors {
        out.push(format!("error: {e}"));
    }
    if expected.len() != actual.len() {
        out.push(format!(
            "golden has {} steps, case has {} (re-record)",
            expected.len(),
            actual.len()
        ));
    }
    for (i, (e, a)) in expected.iter().zip(actual.iter()).enumerate() {
        if e == a {
            continue;
        }
        let prefix = if expected.len() > 1 {
            format!("step {}: ", i + 1)
        } else {
            String::new()
        };
        if a.is_null() {
            if errors.is_empty() {
                out.push(format!("{prefix}no response"));
            }
            continue;
        }
        for line in diff_value(e, a) {
            out.push(format!("{prefix}{line}"));
        }
    }
    (out.is_empty(), out.join("\n"))
}

fn diff_value(e: &Value, a: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let (Some(eo), Some(ao)) = (e.as_object(), a.as_object()) else {
        return vec![format!("expected {e}, got {a}")];
    };
    let mut keys: Vec<&String> = eo.keys().chain(ao.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (ev, av) = (
            eo.get(k).unwrap_or(&Value::Null),
            ao.get(k).unwrap_or(&Value::Null),
        );
        if ev == av {
            continue;
        }
        match k.as_str() {
            "headers" => {
                let (eh, ah) = (
                    ev.as_object().cloned().unwrap_or_default(),
                    av.as_object().cloned().unwrap_or_default(),
                );
                let mut names: Vec<&String> = eh.keys().chain(ah.keys()).collect();
                names.sort();
                names.dedup();
                for n in names {
                    let (x, y) = (
                        eh.get(n).unwrap_or(&Value::Null),
                        ah.get(n).unwrap_or(&Value::Null),
                    );
                    if x != y {
                        out.push(format!("header {n}: expected {x}, got {y}"));
                    }
                }
            }
            "body" | "body_base64" => {
                let (es, as_) = (ev.as_str().unwrap_or(""), av.as_str().unwrap_or(""));
                out.push(format!("{k}: {}", text_diff(es, as_)));
            }
            _ => out.push(format!("{k}: expected {ev}, got {av}")),
        }
    }
    out
}

fn text_diff(e: &str, a: &str) -> String {
    let pos = e.bytes().zip(a.bytes()).take_while(|(x, y)| x == y).count();
    let cut = |s: &str| {
        let mut start = pos.saturating_sub(30);
        while !s.is_char_boundary(start.min(s.len())) {
            start -= 1;
        }
        let start = start.min(s.len());
        let mut end = (pos + 50).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        format!(
            "{}{:?}{}",
            if start > 0 { "…" } else { "" },
            &s[start..end],
            if end < s.len() { "…" } else { "" }
        )
    };
    format!(
        "differs at byte {pos} (expected {} bytes, got {}): expected {} got {}",
        e.len(),
        a.len(),
        cut(e),
        cut(a)
    )
}
