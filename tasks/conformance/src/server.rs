//! Fixture working copies and server/build processes.

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Copy the fixture to a fresh temp dir (so servers can write build output or
/// caches without touching the repo), with the upstream's recorded address
/// replaced by `upstream` (its origin in this run); optionally symlink `node_modules`.
/// With a `base`, the base app is copied first and `fixture` overlaid on it.
pub(crate) fn prepare_dir(
    base: Option<&Path>,
    fixture: &Path,
    suite: &str,
    node_modules: Option<&Path>,
    upstream: &str,
) -> Result<PathBuf, String> {
    if !fixture.is_dir() {
        return Err(format!("fixture {} is not a directory", fixture.display()));
    }
    let dir = std::env::temp_dir().join(format!(
        "ferroute-conformance-{suite}-{}",
        std::process::id()
    ));
    remove_dir(&dir);
    if let Some(base) = base {
        if !base.is_dir() {
            return Err(format!(
                "fixture_base {} is not a directory",
                base.display()
            ));
        }
        copy_tree(base, &dir, upstream)
            .map_err(|e| format!("copy {} -> {}: {e}", base.display(), dir.display()))?;
    }
    copy_tree(fixture, &dir, upstream)
        .map_err(|e| format!("copy {} -> {}: {e}", fixture.display(), dir.display()))?;
    if let Some(nm) = node_modules {
        let nm = std::fs::canonicalize(nm).map_err(|e| format!("{}: {e}", nm.display()))?;
        std::os::unix::fs::symlink(&nm, dir.join("node_modules"))
            .map_err(|e| format!("symlink node_modules: {e}"))?;
    }
    Ok(dir)
}

fn copy_tree(from: &Path, to: &Path, upstream: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == "node_modules" || name == ".next" {
            continue;
        }
        let ty = entry.file_type()?;
        let dst = to.join(&name);
        if ty.is_dir() {
            copy_tree(&entry.path(), &dst, upstream)?;
        } else {
            let bytes = std::fs::read(entry.path())?;
            match std::str::from_utf8(&bytes) {
                Ok(text) if text.contains(crate::upstream::RECORDED_ORIGIN) => {
                    std::fs::write(
                        dst,
                        text.replace(crate::upstream::RECORDED_ORIGIN, upstream),
                    )?;
                }
                _ => std::fs::write(dst, bytes)?,
            }
        }
    }
    Ok(())
}

/// Removes the working copy when dropped (also on early error returns).
pub(crate) struct WorkDir(pub(crate) PathBuf);

impl Drop for WorkDir {
    fn drop(&mut self) {
        remove_dir(&self.0);
    }
}

pub(crate) fn remove_dir(dir: &Path) {
    if dir.exists() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

pub(crate) fn free_port() -> Result<u16, String> {
    for _ in 0..20 {
        let l = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("bind: {e}"))?;
        let p = l.local_addr().map_err(|e| e.to_string())?.port();
        if p != 3000 && p != crate::upstream::DEFAULT_PORT {
            return Ok(p);
        }
    }
    Err("no free port".into())
}

fn spawn(cmd: &str, cwd: &Path, env: &[(String, String)], log: &Path) -> Result<Child, String> {
    let out = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("exec {cmd}"))
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .env_remove("NODE_ENV")
        .env("NEXT_TELEMETRY_DISABLED", "1")
        // New process group so the whole tree can be stopped.
        .process_group(0);
    for (k, v) in env {
        c.env(k, v);
    }
    c.spawn().map_err(|e| format!("spawn `{cmd}`: {e}"))
}

fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

fn kill_group(child: &mut Child) {
    let pgid = child.id();
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg("--")
        .arg(format!("-{pgid}"))
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            // Leader gone; make sure no child of it is left either.
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg("--")
                .arg(format!("-{pgid}"))
                .stderr(Stdio::null())
                .status();
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = Command::new("kill")
        .arg("-KILL")
        .arg("--")
        .arg(format!("-{pgid}"))
        .stderr(Stdio::null())
        .status();
    let _ = child.wait();
}

pub(crate) fn run_build(
    cmd: &str,
    cwd: &Path,
    env: &[(String, String)],
    timeout: Duration,
) -> Result<(), String> {
    let log = cwd.join("conformance-build.log");
    let mut child = spawn(cmd, cwd, env, &log)?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(st)) if st.success() => {
                println!("   build ok in {:.0}s", start.elapsed().as_secs_f64());
                return Ok(());
            }
            Ok(Some(st)) => {
                return Err(format!("build `{cmd}` failed ({st}):\n{}", tail(&log, 80)))
            }
            Ok(None) => {}
            Err(e) => return Err(e.to_string()),
        }
        if start.elapsed() > timeout {
            kill_group(&mut child);
            return Err(format!(
                "build `{cmd}` timed out after {}s:\n{}",
                timeout.as_secs(),
                tail(&log, 40)
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

pub(crate) struct Server {
    child: Option<Child>,
    log: PathBuf,
}

impl Server {
    pub(crate) fn start(
        cmd: &str,
        cwd: &Path,
        env: &[(String, String)],
        port: u16,
        timeout: Duration,
    ) -> Result<Server, String> {
        let log = cwd.join(format!("conformance-server-{port}.log"));
        let child = spawn(cmd, cwd, env, &log)?;
        let mut s = Server {
            child: Some(child),
            log,
        };
        let start = Instant::now();
        loop {
            if TcpStream::connect_timeout(
                &([127, 0, 0, 1], port).into(),
                Duration::from_millis(500),
            )
            .is_ok()
            {
                return Ok(s);
            }
            if !s.alive() {
                let l = s.log_tail(60);
                s.stop();
                return Err(format!(
                    "server `{cmd}` exited before listening on {port}; its output:\n{l}"
                ));
            }
            if start.elapsed() > timeout {
                let l = s.log_tail(60);
                s.stop();
                return Err(format!("server `{cmd}` did not accept connections on {port} within {}s; its output:\n{l}", timeout.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub(crate) fn alive(&mut self) -> bool {
        match self.child.as_mut() {
            Some(c) => matches!(c.try_wait(), Ok(None)),
            None => false,
        }
    }

    pub(crate) fn log_tail(&self, lines: usize) -> String {
        tail(&self.log, lines)
    }

    pub(crate) fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            kill_group(&mut c);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_base_is_overlaid() {
        let root =
            std::env::temp_dir().join(format!("ferroute-conf-overlay-{}", std::process::id()));
        remove_dir(&root);
        let base = root.join("base");
        let top = root.join("top");
        std::fs::create_dir_all(base.join("app/a")).unwrap();
        std::fs::create_dir_all(&top).unwrap();
        std::fs::write(base.join("app/a/route.ts"), "GET").unwrap();
        std::fs::write(base.join("next.config.js"), "base").unwrap();
        std::fs::write(top.join("next.config.js"), "top http://127.0.0.1:47811/x").unwrap();
        let dir = prepare_dir(
            Some(&base),
            &top,
            "overlay-test",
            None,
            "http://127.0.0.1:1",
        )
        .unwrap();
        let _guard = WorkDir(dir.clone());
        assert_eq!(
            std::fs::read_to_string(dir.join("app/a/route.ts")).unwrap(),
            "GET"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("next.config.js")).unwrap(),
            "top http://127.0.0.1:1/x"
        );
        assert!(prepare_dir(
            Some(&root.join("missing")),
            &top,
            "overlay-test2",
            None,
            "x"
        )
        .is_err());
        remove_dir(&root);
    }
}
