//! TCP and TLS client sockets and name look-ups for `node:net`, `node:tls` and `node:dns`
//! (`js/57_node_net.js`). JavaScript pulls: `netRead` resolves the next chunk (so a paused
//! socket stops reading, which is TCP back-pressure), `netWrite` resolves once the bytes
//! are written. Sockets belong to the worker that opened them.
//!
//! The socket logic is engine-free ([`connect_socket`], [`upgrade_socket`], [`read_socket`],
//! [`write_socket`], [`shutdown_socket`], [`close_socket`], [`lookup`], and the properties of
//! a [`NetError`]); the QuickJS natives at the end of this file and those of `jsc/net.rs`
//! only convert arguments and results.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use rquickjs::prelude::{Func, Opt};
use rquickjs::{Array, Ctx, Exception, FromJs, Object, Persistent, Promise, TypedArray, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadHalf, WriteHalf};
use tokio::net::TcpStream;

use crate::natives::report_js_error;
use crate::worker::enter;

trait Io: AsyncRead + AsyncWrite + Unpin {}
impl<T: AsyncRead + AsyncWrite + Unpin> Io for T {}

type BoxIo = Box<dyn Io>;

#[derive(Default)]
struct Sock {
    read: Option<ReadHalf<BoxIo>>,
    write: Option<WriteHalf<BoxIo>>,
    /// Wakes a read in flight so that `netUpgrade` can take the socket over.
    cancel: std::rc::Rc<tokio::sync::Notify>,
}

#[derive(Default)]
struct Sockets {
    next_id: u32,
    open: HashMap<u32, Sock>,
}

thread_local! {
    static SOCKETS: RefCell<Sockets> = RefCell::new(Sockets::default());
}

/// A failure as Node reports it: `code`, `errno`, `syscall`, and the address.
pub(crate) struct NetError {
    code: &'static str,
    errno: i32,
    syscall: &'static str,
    message: String,
    host: Option<String>,
    port: Option<u16>,
}

/// The value of one property of a [`NetError`].
pub(crate) enum NetProp<'a> {
    Text(&'a str),
    Int(i32),
}

impl NetError {
    fn io(e: &std::io::Error, syscall: &'static str, host: &str, port: u16) -> Self {
        use std::io::ErrorKind as K;
        let (code, errno) = match (e.kind(), e.raw_os_error()) {
            (K::ConnectionRefused, _) => ("ECONNREFUSED", -111),
            (K::ConnectionReset, _) => ("ECONNRESET", -104),
            (K::BrokenPipe, _) => ("EPIPE", -32),
            (K::TimedOut, _) => ("ETIMEDOUT", -110),
            (K::AddrNotAvailable, _) => ("EADDRNOTAVAIL", -99),
            (_, Some(113)) => ("EHOSTUNREACH", -113),
            (_, Some(101)) => ("ENETUNREACH", -101),
            (K::InvalidData, _) => ("EPROTO", -71),
            _ => ("ECONNRESET", -104),
        };
        let message = if syscall == "connect" {
            format!("{syscall} {code} {host}:{port}")
        } else if code == "EPROTO" {
            e.to_string()
        } else {
            format!("{syscall} {code}")
        };
        Self {
            code,
            errno,
            syscall,
            message,
            host: Some(host.to_owned()),
            port: Some(port),
        }
    }

    fn not_found(host: &str) -> Self {
        Self {
            code: "ENOTFOUND",
            errno: -3008,
            syscall: "getaddrinfo",
            message: format!("getaddrinfo ENOTFOUND {host}"),
            host: Some(host.to_owned()),
            port: None,
        }
    }

    fn tls(e: &std::io::Error) -> Self {
        let text = e.to_string();
        let code = if text.contains("UnknownIssuer") {
            "UNABLE_TO_VERIFY_LEAF_SIGNATURE"
        } else if text.contains("Expired") {
            "CERT_HAS_EXPIRED"
        } else if text.contains("NotValidForName") {
            "ERR_TLS_CERT_ALTNAME_INVALID"
        } else {
            "ECONNRESET"
        };
        Self {
            code,
            errno: 0,
            syscall: "",
            message: format!("TLS handshake failed: {text}"),
            host: None,
            port: None,
        }
    }

    /// The `Error`'s message.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    /// The properties Node's error carries besides its message, in the order they are set:
    /// `code`, then `errno`, `syscall`, `hostname` (look-ups) or `address`, and `port` where
    /// known.
    pub(crate) fn properties(&self) -> Vec<(&'static str, NetProp<'_>)> {
        let mut props = vec![("code", NetProp::Text(self.code))];
        if self.errno != 0 {
            props.push(("errno", NetProp::Int(self.errno)));
        }
        if !self.syscall.is_empty() {
            props.push(("syscall", NetProp::Text(self.syscall)));
        }
        if let Some(h) = &self.host {
            let key = if self.syscall == "getaddrinfo" {
                "hostname"
            } else {
                "address"
            };
            props.push((key, NetProp::Text(h)));
        }
        if let Some(p) = self.port {
            props.push(("port", NetProp::Int(i32::from(p))));
        }
        props
    }
}

/// The TLS client configuration: our roots (and NODE_EXTRA_CA_CERTS), or no verification
/// at all for `rejectUnauthorized: false`, with the ALPN protocols asked for.
fn tls_connector(verify: bool, alpn: Vec<String>) -> tokio_rustls::TlsConnector {
    let mut config = crate::fetch::tls_config();
    if !verify {
        config
            .dangerous()
            .set_certificate_verifier(Arc::new(NoVerify(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))));
    }
    config.alpn_protocols = alpn.into_iter().map(String::into_bytes).collect();
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// What the TLS handshake settled: ALPN protocol, TLS version and cipher suite (Node's names).
#[derive(Default)]
pub(crate) struct Negotiated {
    pub(crate) alpn: Option<String>,
    pub(crate) version: Option<&'static str>,
    pub(crate) cipher: Option<String>,
    /// The certificates the peer sent (DER), its own first: what `getPeerCertificate()` reads.
    pub(crate) certs: Vec<Vec<u8>>,
}

async fn tls_wrap(
    io: BoxIo,
    servername: &str,
    verify: bool,
    alpn: Vec<String>,
) -> Result<(BoxIo, Negotiated), NetError> {
    let name =
        rustls_pki_types::ServerName::try_from(servername.to_owned()).map_err(|_| NetError {
            code: "ERR_INVALID_ARG_VALUE",
            errno: 0,
            syscall: "",
            message: format!("invalid TLS server name '{servername}'"),
            host: None,
            port: None,
        })?;
    let stream = tls_connector(verify, alpn)
        .connect(name, io)
        .await
        .map_err(|e| NetError::tls(&e))?;
    let session = stream.get_ref().1;
    let negotiated = Negotiated {
        alpn: session
            .alpn_protocol()
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        version: session.protocol_version().map(|v| match v {
            rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3",
            rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2",
            _ => "unknown",
        }),
        // IANA names (`TLS_AES_128_GCM_SHA256`), which Node reports as `standardName`.
        cipher: session
            .negotiated_cipher_suite()
            .map(|s| format!("{:?}", s.suite()).replace("TLS13_", "TLS_")),
        certs: session
            .peer_certificates()
            .map(|certs| certs.iter().map(|c| c.as_ref().to_vec()).collect())
            .unwrap_or_default(),
    };
    Ok((Box::new(stream), negotiated))
}

/// An open socket: its id for the other natives, both ends, and the TLS handshake's outcome.
pub(crate) struct Connected {
    pub(crate) id: u32,
    pub(crate) local: Option<SocketAddr>,
    pub(crate) remote: SocketAddr,
    pub(crate) tls: Negotiated,
}

fn store(io: BoxIo) -> u32 {
    let (r, w) = tokio::io::split(io);
    SOCKETS.with(|s| {
        let mut s = s.borrow_mut();
        s.next_id = s.next_id.wrapping_add(1);
        let id = s.next_id;
        s.open.insert(
            id,
            Sock {
                read: Some(r),
                write: Some(w),
                cancel: std::rc::Rc::default(),
            },
        );
        id
    })
}

/// The options of `netConnect`.
#[derive(Default)]
pub(crate) struct ConnectOptions {
    /// Start TLS once connected.
    pub(crate) tls: bool,
    /// The TLS server name (SNI and verification); the host when None or empty.
    pub(crate) servername: Option<String>,
    /// Verify the server's certificate (`rejectUnauthorized`).
    pub(crate) verify: bool,
    /// The ALPN protocols to offer.
    pub(crate) alpn: Vec<String>,
    /// The connect timeout in milliseconds; 30 s when None or not positive.
    pub(crate) timeout_ms: Option<f64>,
}

/// Resolves `host`, connects to the first address that answers (and shakes hands when
/// `options.tls`), and keeps the socket for this worker.
pub(crate) async fn connect_socket(
    host: String,
    port: u16,
    options: ConnectOptions,
) -> Result<Connected, NetError> {
    let timeout = options
        .timeout_ms
        .filter(|t| *t > 0.0)
        .map_or(Duration::from_secs(30), |t| Duration::from_millis(t as u64));
    let servername = options
        .servername
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| host.clone());
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(|_| NetError::not_found(&host))?
        .collect();
    if addrs.is_empty() {
        return Err(NetError::not_found(&host));
    }
    let mut last = None;
    let mut stream = None;
    for addr in &addrs {
        match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
            Ok(Ok(s)) => {
                stream = Some(s);
                break;
            }
            Ok(Err(e)) => last = Some(NetError::io(&e, "connect", &addr.ip().to_string(), port)),
            Err(_) => {
                let e = std::io::Error::from(std::io::ErrorKind::TimedOut);
                last = Some(NetError::io(&e, "connect", &addr.ip().to_string(), port));
            }
        }
    }
    let Some(stream) = stream else {
        return Err(last.unwrap_or_else(|| NetError::not_found(&host)));
    };
    let _ = stream.set_nodelay(true);
    let local = stream.local_addr().ok();
    let remote = stream
        .peer_addr()
        .map_err(|e| NetError::io(&e, "connect", &host, port))?;
    let (io, tls): (BoxIo, Negotiated) = if options.tls {
        tls_wrap(Box::new(stream), &servername, options.verify, options.alpn).await?
    } else {
        (Box::new(stream), Negotiated::default())
    };
    Ok(Connected {
        id: store(io),
        local,
        remote,
        tls,
    })
}

/// Starts TLS on the open socket `id` (STARTTLS, as PostgreSQL clients do). A read in
/// flight is woken and ends as [`Chunk::Cancelled`], having consumed nothing.
pub(crate) async fn upgrade_socket(
    id: u32,
    servername: String,
    verify: bool,
    alpn: Vec<String>,
) -> Result<Negotiated, NetError> {
    // A read in flight holds the read half: wake it, and wait for it to come back.
    let mut halves = None;
    for _ in 0..1000 {
        let state = SOCKETS.with(|s| {
            let mut s = s.borrow_mut();
            let sock = s.open.get_mut(&id)?;
            if sock.read.is_some() && sock.write.is_some() {
                Some(Ok((sock.read.take()?, sock.write.take()?)))
            } else {
                sock.cancel.notify_waiters();
                Some(Err(()))
            }
        });
        match state {
            Some(Ok(h)) => {
                halves = Some(h);
                break;
            }
            Some(Err(())) => tokio::time::sleep(Duration::from_millis(1)).await,
            None => break,
        }
    }
    let Some((r, w)) = halves else {
        return Err(NetError::io(
            &std::io::Error::from(std::io::ErrorKind::NotConnected),
            "write",
            "",
            0,
        ));
    };
    let io = r.unsplit(w);
    let (io, negotiated) = tls_wrap(io, &servername, verify, alpn).await?;
    let (r, w) = tokio::io::split(io);
    SOCKETS.with(|s| {
        if let Some(sock) = s.borrow_mut().open.get_mut(&id) {
            sock.read = Some(r);
            sock.write = Some(w);
        }
    });
    Ok(negotiated)
}

/// What one `netRead` gives JavaScript.
pub(crate) enum Chunk {
    /// Bytes read (never empty).
    Data(Vec<u8>),
    /// The end of the stream (also for a socket that is closed, or already being read).
    End,
    /// The read was woken for `netUpgrade`; nothing was consumed.
    Cancelled,
}

/// The next chunk of socket `id`. The read half is taken now (so a second read while one
/// is in flight ends at once, as [`Chunk::End`]) and put back when the read is done.
pub(crate) fn read_socket(id: u32) -> impl Future<Output = Result<Chunk, NetError>> + 'static {
    let taken = SOCKETS.with(|s| {
        let mut s = s.borrow_mut();
        let sock = s.open.get_mut(&id)?;
        Some((sock.read.take()?, sock.cancel.clone()))
    });
    async move {
        let Some((mut r, cancel)) = taken else {
            return Ok(Chunk::End);
        };
        let mut buf = vec![0u8; 64 * 1024];
        // `read` is cancel-safe: a cancelled read consumed nothing.
        let n = tokio::select! {
            n = r.read(&mut buf) => Some(n),
            () = cancel.notified() => None,
        };
        SOCKETS.with(|s| {
            if let Some(sock) = s.borrow_mut().open.get_mut(&id) {
                sock.read = Some(r);
            }
        });
        match n {
            None => Ok(Chunk::Cancelled),
            Some(Ok(0)) => Ok(Chunk::End),
            Some(Ok(n)) => {
                buf.truncate(n);
                // The chunk is handed to JavaScript without a copy: do not keep 64 KiB
                // alive for a few bytes.
                if buf.capacity() > 2 * n {
                    buf.shrink_to_fit();
                }
                Ok(Chunk::Data(buf))
            }
            // A peer that closes without TLS close_notify: the end, as Node sees it.
            Some(Err(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(Chunk::End),
            Some(Err(e)) => Err(NetError::io(&e, "read", "", 0)),
        }
    }
}

/// Writes all of `bytes` to socket `id` and flushes; EPIPE when the socket is closed or a
/// write is in flight.
pub(crate) fn write_socket(
    id: u32,
    bytes: Bytes,
) -> impl Future<Output = Result<(), NetError>> + 'static {
    let half = SOCKETS.with(|s| {
        s.borrow_mut()
            .open
            .get_mut(&id)
            .and_then(|x| x.write.take())
    });
    async move {
        let Some(mut w) = half else {
            return Err(NetError::io(
                &std::io::Error::from(std::io::ErrorKind::BrokenPipe),
                "write",
                "",
                0,
            ));
        };
        let r = async {
            w.write_all(&bytes).await?;
            w.flush().await
        }
        .await;
        SOCKETS.with(|s| {
            if let Some(sock) = s.borrow_mut().open.get_mut(&id) {
                sock.write = Some(w);
            }
        });
        r.map_err(|e| NetError::io(&e, "write", "", 0))
    }
}

/// Half-closes socket `id`: no more writes (TLS sends close_notify). Errors are ignored, as
/// Node's `end()` does once the socket is gone.
pub(crate) fn shutdown_socket(id: u32) -> impl Future<Output = ()> + 'static {
    let half = SOCKETS.with(|s| {
        s.borrow_mut()
            .open
            .get_mut(&id)
            .and_then(|x| x.write.take())
    });
    async move {
        if let Some(mut w) = half {
            let _ = w.shutdown().await;
        }
    }
}

/// Drops socket `id` (a read or write in flight ends with the end of the stream / EPIPE).
pub(crate) fn close_socket(id: u32) {
    SOCKETS.with(|s| s.borrow_mut().open.remove(&id));
}

/// `dns.lookup`: the addresses of `host` as `(address, family)` with family 4 or 6, in the
/// system resolver's order without repeats, filtered by `family` (0 = any).
pub(crate) async fn lookup(host: String, family: u8) -> Result<Vec<(String, u8)>, NetError> {
    let Ok(addrs) = tokio::net::lookup_host((host.as_str(), 0)).await else {
        return Err(NetError::not_found(&host));
    };
    let mut out: Vec<(String, u8)> = Vec::new();
    for a in addrs {
        let f = if a.is_ipv4() { 4 } else { 6 };
        let entry = (a.ip().to_string(), f);
        if (family == 0 || family == f) && !out.contains(&entry) {
            out.push(entry);
        }
    }
    if out.is_empty() {
        Err(NetError::not_found(&host))
    } else {
        Ok(out)
    }
}

/// Accepts any certificate (`rejectUnauthorized: false`), still checking the handshake
/// signatures.
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls_pki_types::CertificateDer<'_>,
        _intermediates: &[rustls_pki_types::CertificateDer<'_>],
        _server_name: &rustls_pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls_pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

// ------------------------------------------------------------------ QuickJS natives

pub(crate) fn install(native: &Object<'_>) -> rquickjs::Result<()> {
    native.set("netConnect", Func::from(connect))?;
    native.set("netUpgrade", Func::from(upgrade))?;
    native.set("netRead", Func::from(read))?;
    native.set("netWrite", Func::from(write))?;
    native.set("netShutdown", Func::from(shutdown))?;
    native.set("netClose", Func::from(close_socket))?;
    native.set("dnsLookup", Func::from(dns_lookup))?;
    Ok(())
}

fn error_value<'js>(ctx: &Ctx<'js>, e: &NetError) -> rquickjs::Result<Value<'js>> {
    let err = Exception::from_message(ctx.clone(), e.message())?;
    for (key, value) in e.properties() {
        match value {
            NetProp::Text(s) => err.set(key, s)?,
            NetProp::Int(n) => err.set(key, n)?,
        }
    }
    Ok(err.into_value())
}

/// Settles a promise from a spawned task, back on the engine.
async fn settle<T>(
    resolve: Persistent<rquickjs::Function<'static>>,
    reject: Persistent<rquickjs::Function<'static>>,
    result: Result<T, NetError>,
    make: impl for<'js> FnOnce(&Ctx<'js>, T) -> rquickjs::Result<Value<'js>> + 'static,
) where
    T: 'static,
{
    enter(move |ctx| {
        let r = match result {
            Ok(v) => make(&ctx, v).and_then(|v| resolve.restore(&ctx)?.call::<_, ()>((v,))),
            Err(e) => error_value(&ctx, &e).and_then(|v| reject.restore(&ctx)?.call::<_, ()>((v,))),
        };
        if let Err(e) = r {
            report_js_error(&ctx, e);
        }
    })
    .await;
}

/// A promise that a spawned task settles with what `job` (started once the promise exists)
/// comes to, made a value by `make`.
fn promise_for<'js, T: 'static, F>(
    ctx: &Ctx<'js>,
    job: impl FnOnce() -> F,
    make: impl for<'a> FnOnce(&Ctx<'a>, T) -> rquickjs::Result<Value<'a>> + 'static,
) -> rquickjs::Result<Promise<'js>>
where
    F: Future<Output = Result<T, NetError>> + 'static,
{
    let (promise, resolve, reject) = Promise::new(ctx)?;
    let (resolve, reject) = (
        Persistent::save(ctx, resolve),
        Persistent::save(ctx, reject),
    );
    let job = job();
    crate::worker::spawn(async move {
        let result = job.await;
        settle(resolve, reject, result, make).await;
    });
    Ok(promise)
}

fn undefined<'js>(ctx: &Ctx<'js>, (): ()) -> rquickjs::Result<Value<'js>> {
    Ok(Value::new_undefined(ctx.clone()))
}

/// `netConnect(host, port, { tls, servername, rejectUnauthorized, alpn, timeout })` →
/// `[id, localAddress, localPort, remoteAddress, remotePort, family, alpn, version, cipher]`.
fn connect<'js>(
    ctx: Ctx<'js>,
    host: String,
    port: u16,
    options: Opt<Object<'js>>,
) -> rquickjs::Result<Promise<'js>> {
    let opt = |k: &str| -> Option<Value<'js>> {
        options
            .0
            .as_ref()
            .and_then(|o| o.get::<_, Value>(k).ok())
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let options = ConnectOptions {
        tls: opt("tls").and_then(|v| v.as_bool()).unwrap_or(false),
        servername: opt("servername").and_then(|v| v.as_string().and_then(|s| s.to_string().ok())),
        verify: opt("rejectUnauthorized")
            .and_then(|v| v.as_bool())
            .unwrap_or(true),
        alpn: opt("alpn")
            .and_then(|v| Vec::<String>::from_js(&ctx, v).ok())
            .unwrap_or_default(),
        timeout_ms: opt("timeout").and_then(|v| v.as_number()),
    };
    promise_for(
        &ctx,
        || connect_socket(host, port, options),
        |ctx, c| {
            let a = Array::new(ctx.clone())?;
            a.set(0, c.id)?;
            a.set(1, c.local.map(|l| l.ip().to_string()))?;
            a.set(2, c.local.map(|l| l.port()))?;
            a.set(3, c.remote.ip().to_string())?;
            a.set(4, c.remote.port())?;
            a.set(5, if c.remote.is_ipv4() { "IPv4" } else { "IPv6" })?;
            a.set(6, c.tls.alpn)?;
            a.set(7, c.tls.version)?;
            a.set(8, c.tls.cipher)?;
            a.set(9, cert_list(ctx, c.tls.certs)?)?;
            Ok(a.into_value())
        },
    )
}

/// `netUpgrade(id, servername, rejectUnauthorized?, alpn?)` → `[alpnProtocol, version, cipher]`.
fn upgrade<'js>(
    ctx: Ctx<'js>,
    id: u32,
    servername: String,
    reject_unauthorized: Opt<Option<bool>>,
    alpn: Opt<Vec<String>>,
) -> rquickjs::Result<Promise<'js>> {
    let verify = reject_unauthorized.0.flatten().unwrap_or(true);
    let alpn = alpn.0.unwrap_or_default();
    promise_for(
        &ctx,
        || upgrade_socket(id, servername, verify, alpn),
        |ctx, n: Negotiated| {
            let a = Array::new(ctx.clone())?;
            a.set(0, n.alpn)?;
            a.set(1, n.version)?;
            a.set(2, n.cipher)?;
            a.set(3, cert_list(ctx, n.certs)?)?;
            Ok(a.into_value())
        },
    )
}

/// The peer's certificates as an array of Uint8Array.
fn cert_list<'js>(ctx: &Ctx<'js>, certs: Vec<Vec<u8>>) -> rquickjs::Result<Array<'js>> {
    let list = Array::new(ctx.clone())?;
    for (i, der) in certs.into_iter().enumerate() {
        list.set(i, rquickjs::TypedArray::<u8>::new(ctx.clone(), der)?)?;
    }
    Ok(list)
}

/// `netRead(id)`: the next chunk (Uint8Array), null at the end of the stream, or undefined
/// when the read was cancelled for `netUpgrade`.
fn read<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Promise<'js>> {
    promise_for(
        &ctx,
        || read_socket(id),
        |ctx, chunk| match chunk {
            Chunk::Cancelled => Ok(Value::new_undefined(ctx.clone())),
            Chunk::End => Ok(Value::new_null(ctx.clone())),
            Chunk::Data(b) => Ok(TypedArray::new(ctx.clone(), b)?.into_value()),
        },
    )
}

/// `netWrite(id, data)`: resolves once all of `data` is written.
fn write<'js>(ctx: Ctx<'js>, id: u32, data: Value<'js>) -> rquickjs::Result<Promise<'js>> {
    let bytes = crate::natives::value_to_bytes(&ctx, &data)?;
    promise_for(&ctx, || write_socket(id, bytes), undefined)
}

/// `netShutdown(id)`: half-closes.
fn shutdown<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<Promise<'js>> {
    promise_for(
        &ctx,
        || {
            let done = shutdown_socket(id);
            async move {
                done.await;
                Ok(())
            }
        },
        undefined,
    )
}

/// `dnsLookup(host, family?)` → `[[address, family], ...]`.
fn dns_lookup<'js>(ctx: Ctx<'js>, host: String, family: Opt<u8>) -> rquickjs::Result<Promise<'js>> {
    promise_for(
        &ctx,
        || lookup(host, family.0.unwrap_or(0)),
        |ctx, list| {
            let arr = Array::new(ctx.clone())?;
            for (i, (addr, f)) in list.into_iter().enumerate() {
                let pair = Array::new(ctx.clone())?;
                pair.set(0, addr)?;
                pair.set(1, f)?;
                arr.set(i, pair)?;
            }
            Ok(arr.into_value())
        },
    )
}
