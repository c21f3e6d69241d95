//! The REST adapter: `POST /<methodName>` with `OutBound<Method>` JSON → `InBound<Method>`.
//!
//! [`protocol::handle`](crate::protocol::handle) is the whole protocol (message in, message
//! out, shared with every transport); [`serve`] is a minimal
//! HTTP/1.1 server around it (`Content-Length` bodies, keep-alive), enough for the platform's
//! REST connector and small enough to read in one sitting. A production adapter would use a
//! full HTTP server crate instead.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::core::CoreBank;
use crate::protocol::{bad_request, handle};

/// Largest accepted request body.
const MAX_BODY: usize = 1024 * 1024;

/// Binds `addr` (port 0 allowed) and serves in a background task; returns the bound address.
///
/// # Errors
/// Fails when the address cannot be bound.
pub async fn spawn(addr: &str, core: impl Into<Arc<CoreBank>>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tokio::spawn(serve(listener, core.into()));
    Ok(local)
}

/// Accepts connections until the listener fails.
pub async fn serve(listener: TcpListener, core: Arc<CoreBank>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                let core = core.clone();
                tokio::spawn(async move {
                    let _ = stream.set_nodelay(true);
                    let _ = connection(stream, &core).await;
                });
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
        }
    }
}

/// Serves the requests of one connection (HTTP/1.1 keep-alive).
async fn connection(stream: TcpStream, core: &CoreBank) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).await? == 0 {
            return Ok(());
        }
        let mut parts = request_line.split_whitespace();
        let (verb, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let mut content_length = 0usize;
        let mut close = request_line.trim_end().ends_with("HTTP/1.0");
        let mut header_bytes = 0usize;
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line).await?;
            header_bytes += n;
            if n == 0 || header_bytes > 64 * 1024 {
                return Ok(());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                let (name, value) = (name.trim(), value.trim());
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.parse().unwrap_or(usize::MAX);
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.eq_ignore_ascii_case("close");
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    content_length = usize::MAX;
                }
            }
        }
        let answer = if content_length > MAX_BODY {
            close = true;
            bad_request("a Content-Length body of at most 1 MiB is required")
        } else {
            let mut body = vec![0u8; content_length];
            reader.read_exact(&mut body).await?;
            if verb == "POST" {
                let method = path.rsplit('/').next().unwrap_or("");
                handle(core, method, &body)
            } else {
                bad_request("only POST /<methodName> is served")
            }
        };
        let reason = if answer.status == 200 { "OK" } else { "Error" };
        let head = format!(
            "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{}\r\n",
            answer.status,
            answer.body.len(),
            if close { "connection: close\r\n" } else { "" }
        );
        write.write_all(head.as_bytes()).await?;
        write.write_all(&answer.body).await?;
        if close {
            return Ok(());
        }
    }
}
