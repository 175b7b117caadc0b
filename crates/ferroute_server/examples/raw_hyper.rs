//! The baseline of `tasks/bench/static.sh`: a bare hyper HTTP/1 server answering every
//! request with the same status, headers and body, on the same thread layout as ferroute
//! (one current-thread runtime per core, all accepting from one socket). A cache HIT of a
//! static route is measured against it.
//!
//! Usage: `raw_hyper PORT STATUS BODY_FILE [NAME: VALUE]...`

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [port, status, body_file, headers @ ..] = args.as_slice() else {
        eprintln!("usage: raw_hyper PORT STATUS BODY_FILE [NAME: VALUE]...");
        std::process::exit(2);
    };
    let port: u16 = port.parse().expect("port");
    let status: u16 = status.parse().expect("status");
    let body = Bytes::from(std::fs::read(body_file).expect("body file"));
    let headers: Arc<Vec<(String, String)>> = Arc::new(
        headers
            .iter()
            .filter_map(|h| h.split_once(':'))
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect(),
    );
    let listener =
        std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let threads: Vec<_> = (0..std::thread::available_parallelism().map_or(1, |n| n.get()))
        .map(|_| {
            let (listener, body, headers) = (
                listener.try_clone().expect("clone"),
                body.clone(),
                headers.clone(),
            );
            std::thread::spawn(move || serve(listener, status, body, headers))
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
}

fn serve(
    listener: std::net::TcpListener,
    status: u16,
    body: Bytes,
    headers: Arc<Vec<(String, String)>>,
) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let (body, headers) = (body.clone(), headers.clone());
            tokio::spawn(async move {
                let service = service_fn(move |_req| {
                    let mut res = http::Response::new(Full::new(body.clone()));
                    *res.status_mut() = http::StatusCode::from_u16(status).expect("status");
                    for (n, v) in headers.iter() {
                        if let (Ok(n), Ok(v)) = (
                            http::HeaderName::from_bytes(n.as_bytes()),
                            http::HeaderValue::from_str(v),
                        ) {
                            res.headers_mut().append(n, v);
                        }
                    }
                    async move { Ok::<_, Infallible>(res) }
                });
                let _ = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
}
