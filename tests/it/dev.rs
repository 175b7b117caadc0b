//! `ferroute dev`: the binary on a project that the test edits while requests run. Every
//! change must be served without a restart, and no request may fail at the socket level
//! while the workers swap engines.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::{ferroute_command, forward_stderr, wait_ready, TempDir};

/// One GET on a new connection: status and body, or what failed at the socket level.
fn get(addr: SocketAddr, path: &str) -> Result<(u16, String), String> {
    get_with_head(addr, path).map(|(status, _, body)| (status, body))
}

/// One GET on a new connection: status, head and body.
fn get_with_head(addr: SocketAddr, path: &str) -> Result<(u16, String, String), String> {
    let mut s = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n"
    )
    .map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("no status line in {text:?}"))?;
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Ok((status, head.to_ascii_lowercase(), body.to_owned()))
}

/// Polls `path` until `want` accepts the answer (10 s at most); the last answer.
fn until(addr: SocketAddr, path: &str, what: &str, want: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut last = None;
    while Instant::now() < deadline {
        match get(addr, path) {
            Ok((status, body)) if want(status, &body) => return body,
            other => last = Some(other),
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{what}: {path} never answered as expected; last answer: {last:?}");
}

/// `ferroute dev` on `root`, on a free port: the process and its address once it is ready.
fn start_dev(root: &Path) -> (std::process::Child, SocketAddr) {
    let mut child = ferroute_command()
        .args(["dev", "-p", "0", "-H", "127.0.0.1"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ferroute dev");
    forward_stderr(&mut child);
    let addr = wait_ready(&mut child);
    (child, addr)
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

const HELLO: &str = "import { greeting } from '../../lib/msg';\n\
export function GET() {\n  return new Response(`${greeting()} ${process.env.GREETING} VERSION`);\n}\n";

#[test]
fn dev_serves_edits_additions_breakage_and_removals_while_requests_run() {
    let dir = TempDir::new("dev");
    let root = dir.path();
    write(root, ".env", "GREETING=one\nMODE=env\n");
    write(root, ".env.development", "MODE=development\n");
    write(root, ".env.production", "MODE=production\n");
    write(
        root,
        "app/mode/route.ts",
        "export const GET = () => new Response(process.env.MODE);\n",
    );
    write(
        root,
        "app/counter/route.ts",
        "export const dynamic = 'force-static';\nlet n = 0;\nexport const GET = () => new Response(String(++n));\n",
    );
    write(root, "app/robots.txt", "User-agent: *\nAllow: /\n");
    write(
        root,
        "lib/msg.ts",
        "export const greeting = (): string => 'hi';\n",
    );
    write(root, "app/hello/route.ts", &HELLO.replace("VERSION", "v1"));
    write(
        root,
        "app/other/route.ts",
        "export const GET = () => Response.json({ ok: true });\n",
    );
    // /slow answers once the test edited a file (its module state counts started requests).
    write(
        root,
        "app/slow/route.ts",
        "import { started } from '../../lib/state';\n\
export async function GET() {\n  started.n++;\n  await new Promise((r) => setTimeout(r, 400));\n  return new Response('slow v1');\n}\n",
    );
    write(root, "lib/state.ts", "export const started = { n: 0 };\n");
    write(
        root,
        "app/slow-started/route.ts",
        "import { started } from '../../lib/state';\nexport const GET = () => new Response(String(started.n));\n",
    );
    let (mut child, addr) = start_dev(root);

    // Requests to a route nobody edits, all along.
    let stop = Arc::new(AtomicBool::new(false));
    let background = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let (mut served, mut failures) = (0, Vec::new());
            while !stop.load(Ordering::Relaxed) {
                match get(addr, "/other") {
                    Ok((200, body)) if body.contains("\"ok\":true") => served += 1,
                    other => failures.push(other),
                }
            }
            (served, failures)
        })
    };

    let body = until(addr, "/hello", "start", |s, _| s == 200);
    assert_eq!(body, "hi one v1");

    // Dev semantics: .env.development, no response cache, dev cache-control of metadata.
    assert_eq!(get(addr, "/mode"), Ok((200, "development".into())));
    let first = get(addr, "/counter").expect("counter");
    let second = get(addr, "/counter").expect("counter");
    assert_eq!((first.0, second.0), (200, 200));
    assert_ne!(
        first.1, second.1,
        "a force-static route runs on every request in dev"
    );
    let (status, head, _) = get_with_head(addr, "/robots.txt").expect("robots.txt");
    assert_eq!(status, 200);
    assert!(head.contains("cache-control: no-cache, no-store"), "{head}");

    // An edit is served; a request running meanwhile finishes on the code it started with.
    let slow = std::thread::spawn(move || get(addr, "/slow"));
    until(addr, "/slow-started", "slow request", |s, b| {
        s == 200 && b == "1"
    });
    write(root, "app/hello/route.ts", &HELLO.replace("VERSION", "v2"));
    until(addr, "/hello", "edit", |s, b| s == 200 && b == "hi one v2");
    assert_eq!(
        slow.join().expect("slow request"),
        Ok((200, "slow v1".into())),
        "the request running during the swap finished"
    );

    // A new route appears.
    until(addr, "/added", "before adding", |s, _| s == 404);
    write(
        root,
        "app/added/route.ts",
        "export function GET() { return new Response('added'); }\n",
    );
    until(addr, "/added", "add", |s, b| s == 200 && b == "added");

    // A syntax error: 500 with the diagnostic, the server and the other routes serve on.
    write(
        root,
        "app/added/route.ts",
        "export function GET() { return new Response('added'; }\n",
    );
    let body = until(addr, "/added", "syntax error", |s, _| s == 500);
    assert!(
        body.contains("app/added/route.ts") && body.contains("ferroute::compile::syntax"),
        "the 500 names the file and the error: {body}"
    );
    assert_eq!(
        get(addr, "/hello").expect("hello"),
        (200, "hi one v2".into())
    );

    // Fixed: served again.
    write(
        root,
        "app/added/route.ts",
        "export function GET() { return new Response('fixed'); }\n",
    );
    until(addr, "/added", "fix", |s, b| s == 200 && b == "fixed");

    // Removed: 404.
    std::fs::remove_dir_all(root.join("app/added")).expect("remove");
    until(addr, "/added", "remove", |s, _| s == 404);

    // An imported file outside app/.
    write(
        root,
        "lib/msg.ts",
        "export const greeting = (): string => 'hello';\n",
    );
    until(addr, "/hello", "helper edit", |s, b| {
        s == 200 && b == "hello one v2"
    });

    // .env
    write(root, ".env", "GREETING=two\n");
    until(addr, "/hello", ".env edit", |s, b| {
        s == 200 && b == "hello two v2"
    });

    stop.store(true, Ordering::Relaxed);
    let (served, failures) = background.join().expect("background requests");

    // A route conflict or a broken next.config: every request answers 500 with the
    // diagnostic, and the server serves again once it is fixed.
    write(
        root,
        "app/[a]/route.ts",
        "export const GET = () => new Response('a');\n",
    );
    write(
        root,
        "app/[b]/x/route.ts",
        "export const GET = () => new Response('b');\n",
    );
    let body = until(addr, "/other", "route conflict", |s, _| s == 500);
    assert!(body.contains("slug_mismatch"), "{body}");
    std::fs::remove_dir_all(root.join("app/[b]")).expect("remove");
    until(addr, "/other", "conflict fixed", |s, _| s == 200);
    write(
        root,
        "next.config.js",
        "module.exports = { basePath: 'x' };\n",
    );
    let body = until(addr, "/other", "bad next.config", |s, _| s == 500);
    assert!(body.contains("basePath"), "{body}");
    write(
        root,
        "next.config.js",
        "module.exports = { basePath: '/x' };\n",
    );
    until(addr, "/x/other", "next.config fixed", |s, _| s == 200);

    let _ = child.kill();
    let _ = child.wait();
    assert!(served > 0, "the background requests ran");
    assert!(
        failures.is_empty(),
        "{} of {} background requests failed during the swaps: {:?}",
        failures.len(),
        served + failures.len(),
        &failures[..failures.len().min(5)]
    );
}

#[test]
fn dev_runs_the_middleware_and_reloads_it() {
    let dir = TempDir::new("dev-mw");
    let root = dir.path();
    write(
        root,
        "app/api/hi/route.ts",
        "export const GET = (req: Request) => new Response(req.headers.get('x-mw') ?? 'none');\n",
    );
    let middleware = |value: &str| {
        format!(
            "import {{ NextResponse }} from 'next/server';\n\
export function middleware(req: Request) {{\n  const headers = new Headers(req.headers);\n  headers.set('x-mw', '{value}');\n  return NextResponse.next({{ request: {{ headers }} }});\n}}\n\
export const config = {{ matcher: '/api/:path*' }};\n"
        )
    };
    write(root, "middleware.ts", &middleware("one"));
    let (mut child, addr) = start_dev(root);
    until(addr, "/api/hi", "middleware at start", |s, b| {
        s == 200 && b == "one"
    });
    write(root, "middleware.ts", &middleware("two"));
    until(addr, "/api/hi", "edited middleware", |s, b| {
        s == 200 && b == "two"
    });
    // A middleware that does not compile fails every request until it is fixed.
    write(root, "middleware.ts", "export function middleware( {\n");
    until(addr, "/api/hi", "broken middleware", |s, b| {
        s == 500 && b.contains("middleware.ts")
    });
    write(root, "middleware.ts", &middleware("three"));
    until(addr, "/api/hi", "fixed middleware", |s, b| {
        s == 200 && b == "three"
    });
    std::fs::remove_file(root.join("middleware.ts")).expect("remove");
    until(addr, "/api/hi", "removed middleware", |s, b| {
        s == 200 && b == "none"
    });
    let _ = child.kill();
    let _ = child.wait();
}

/// `ferroute <mode>` on `root` with its stderr collected line by line (and also copied to
/// the test's output).
fn start_collecting(
    mode: &str,
    root: &Path,
) -> (
    std::process::Child,
    SocketAddr,
    Arc<std::sync::Mutex<Vec<String>>>,
) {
    use std::io::BufRead;
    let mut child = ferroute_command()
        .args([mode, "-p", "0", "-H", "127.0.0.1"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ferroute");
    let lines = Arc::new(std::sync::Mutex::new(Vec::new()));
    let stderr = child.stderr.take().expect("stderr piped");
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            #[allow(clippy::print_stderr, reason = "captured by the test harness")]
            {
                eprintln!("{line}");
            }
            sink.lock().expect("lines").push(line);
        }
    });
    let addr = wait_ready(&mut child);
    (child, addr, lines)
}

#[test]
fn dev_warns_of_params_cookies_and_headers_used_without_await_as_next_dev_does() {
    let dir = TempDir::new("dev-sync-apis");
    let root = dir.path();
    write(
        root,
        "app/items/[slug]/route.ts",
        "export async function GET(_req: Request, { params }: any) {\n  const slug = params.slug;\n  const keys = Object.keys(params);\n  return Response.json({ slug, keys });\n}\n",
    );
    write(
        root,
        "app/awaited/[slug]/route.ts",
        "import { cookies, headers } from 'next/headers';\n\
export async function GET(_req: Request, { params }: any) {\n  const { slug } = await params;\n  const c = (await cookies()).get('a')?.value ?? null;\n  const h = (await headers()).get('x-a');\n  return Response.json({ slug, c, h });\n}\n",
    );
    write(
        root,
        "app/sync/route.ts",
        "import { cookies, headers } from 'next/headers';\n\
export function GET() {\n  const c: any = cookies();\n  const h: any = headers();\n  const a = c.get('a')?.value ?? null;\n  const n = c.size;\n  const ua = h.get('x-a');\n  h.forEach(() => {});\n  return Response.json({ a, n, ua });\n}\n",
    );
    let warned = |lines: &Arc<std::sync::Mutex<Vec<String>>>| {
        lines
            .lock()
            .expect("lines")
            .iter()
            .filter(|l| l.contains("should be awaited"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (mut child, addr, lines) = start_collecting("dev", root);
    let (status, body) = get(addr, "/items/abc").expect("items");
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"slug":"abc","keys":["slug"]}"#)
    );
    let (status, body) = get(addr, "/awaited/x").expect("awaited");
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"slug":"x","c":null,"h":null}"#)
    );
    let (status, body) = get(addr, "/sync").expect("sync");
    // A route handler's cookie store has no `size`, under Next too.
    assert_eq!((status, body.as_str()), (200, r#"{"a":null,"ua":null}"#));
    let deadline = Instant::now() + Duration::from_secs(10);
    while warned(&lines).len() < 6 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let learn = "Learn more: https://nextjs.org/docs/messages/sync-dynamic-apis";
    assert_eq!(
        warned(&lines),
        [
            format!("Error: Route \"/items/[slug]\" used `params.slug`. `params` should be awaited before using its properties. {learn}"),
            format!("Error: Route \"/items/[slug]\" used `...params` or similar expression. `params` should be awaited before using its properties. {learn}"),
            format!("Error: Route \"/sync\" used `cookies().get('a')`. `cookies()` should be awaited before using its value. {learn}"),
            format!("Error: Route \"/sync\" used `cookies().size`. `cookies()` should be awaited before using its value. {learn}"),
            format!("Error: Route \"/sync\" used `headers().get('x-a')`. `headers()` should be awaited before using its value. {learn}"),
            format!("Error: Route \"/sync\" used `headers().forEach(...)`. `headers()` should be awaited before using its value. {learn}"),
        ]
    );
    // Each warning points at the user's line, not at ferroute's own files.
    let all = lines.lock().expect("lines").join("\n");
    assert!(all.contains("at GET (app/sync/route.ts:5:"), "{all}");
    let _ = child.kill();
    let _ = child.wait();

    // `ferroute start` serves the same answers without the warnings, as `next start` does.
    let (mut child, addr, lines) = start_collecting("start", root);
    let (status, body) = get(addr, "/items/abc").expect("items");
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"slug":"abc","keys":["slug"]}"#)
    );
    let (status, _) = get(addr, "/sync").expect("sync");
    assert_eq!(status, 200);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(warned(&lines), Vec::<String>::new());
    let _ = child.kill();
    let _ = child.wait();
}
