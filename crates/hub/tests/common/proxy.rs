//! A TCP proxy between the sync client and the hub that misbehaves on request: the
//! hub down, a 500, an answer slower than the client waits, a reset connection, an
//! answer lost after the hub committed. It sits on its own port, so the hub behind
//! it can be stopped and started again on another.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the proxy treats the next request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Forward both ways.
    Pass,
    /// Close every connection at once (the hub is down).
    Down,
    /// Answer `500` without asking the hub.
    Error500,
    /// Hold the request this long before forwarding it.
    Slow(Duration),
    /// Forward the request, let the hub answer, and drop the answer.
    LoseAnswer,
    /// Reset the connection when the request arrives: a real TCP reset (RST), as a
    /// crashed server or a middlebox sends, not an orderly close.
    Reset,
    /// Answer `413` to a request whose body is larger than this many bytes.
    Limit(usize),
    /// Answer `503` with `Retry-After` in this many seconds.
    Busy(u64),
}

/// The proxy.
#[derive(Clone)]
pub struct Proxy {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    mode: Arc<Mutex<Mode>>,
    target: Arc<Mutex<SocketAddr>>,
}

impl Proxy {
    /// Starts a proxy to `target`.
    pub fn start(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let proxy = Self {
            url,
            mode: Arc::new(Mutex::new(Mode::Pass)),
            target: Arc::new(Mutex::new(target)),
        };
        let shared = proxy.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let proxy = shared.clone();
                std::thread::spawn(move || proxy.serve(client));
            }
        });
        proxy
    }

    /// Sets how the next requests are treated.
    pub fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    /// Points the proxy at another hub (after a restart).
    pub fn retarget(&self, target: SocketAddr) {
        *self.target.lock().unwrap() = target;
    }

    fn mode(&self) -> Mode {
        *self.mode.lock().unwrap()
    }

    fn serve(&self, mut client: TcpStream) {
        let mut first = vec![0u8; 64 * 1024];
        let n = match client.read(&mut first) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        match self.mode() {
            Mode::Down => {
                let _ = client.shutdown(Shutdown::Both);
                return;
            }
            Mode::Reset => {
                reset(client);
                return;
            }
            Mode::Error500 => {
                let _ = client.write_all(
                    b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
                return;
            }
            Mode::Busy(secs) => {
                let _ = client.write_all(
                    format!("HTTP/1.1 503 Service Unavailable\r\nretry-after: {secs}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").as_bytes(),
                );
                return;
            }
            Mode::Limit(bytes) if content_length(&first[..n]) > bytes => {
                // Read the whole request first, as a server does, so the client
                // reads the answer instead of a reset connection.
                let head = first[..n]
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .map_or(n, |end| end + 4);
                let mut left = content_length(&first[..n]).saturating_sub(n - head);
                let mut sink = vec![0u8; 64 * 1024];
                while left > 0 {
                    match client.read(&mut sink) {
                        Ok(0) | Err(_) => break,
                        Ok(read) => left = left.saturating_sub(read),
                    }
                }
                let _ = client.write_all(
                    b"HTTP/1.1 413 Content Too Large\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
                return;
            }
            Mode::Slow(wait) => std::thread::sleep(wait),
            Mode::Pass | Mode::LoseAnswer | Mode::Limit(_) => {}
        }
        let target = *self.target.lock().unwrap();
        let Ok(mut hub) = TcpStream::connect(target) else {
            let _ = client.shutdown(Shutdown::Both);
            return;
        };
        // One request per connection: the hub closes after answering and the client
        // does not reuse the connection, so every request meets the mode of its time.
        let request = with_connection_close(&first[..n]);
        if hub.write_all(&request).is_err() {
            return;
        }
        let lose = self.mode() == Mode::LoseAnswer;
        let (Ok(mut client_in), Ok(mut hub_out)) = (client.try_clone(), hub.try_clone()) else {
            return;
        };
        // The rest of the request (and later requests on this connection) to the hub.
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut client_in, &mut hub_out);
            let _ = hub_out.shutdown(Shutdown::Write);
        });
        if lose {
            // Let the hub answer (and commit), then drop the answer.
            let mut answer = [0u8; 4096];
            let _ = hub.set_read_timeout(Some(Duration::from_secs(10)));
            let _ = hub.read(&mut answer);
            let _ = client.shutdown(Shutdown::Both);
            return;
        }
        let _ = std::io::copy(&mut hub, &mut client);
        let _ = client.shutdown(Shutdown::Both);
    }
}

/// Closes a connection with a TCP reset: with `SO_LINGER` set to zero, closing the
/// socket sends RST instead of FIN and drops what was not yet sent.
pub fn reset(stream: TcpStream) {
    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
    drop(stream);
}

/// The request with `Connection: close` added to its headers.
fn with_connection_close(request: &[u8]) -> Vec<u8> {
    let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") else {
        return request.to_vec();
    };
    let mut out = Vec::with_capacity(request.len() + 20);
    out.extend_from_slice(&request[..end]);
    out.extend_from_slice(b"\r\nconnection: close");
    out.extend_from_slice(&request[end..]);
    out
}

/// The request's `Content-Length` (0 when it has none).
fn content_length(request: &[u8]) -> usize {
    let head = String::from_utf8_lossy(request);
    head.lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0)
}
