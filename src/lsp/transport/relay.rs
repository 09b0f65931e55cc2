//! The tasks that move bytes: a reader that parses the client's input and forwards each valid
//! body, re-framed canonically, into an in-memory pipe that tower-lsp-server reads; a writer
//! that copies tower-lsp-server's output to the client as whole frames, with the transport's
//! own answers in between; and [`serve`], which runs them in the caller's task.

use super::errors::{BadFrame, METHOD_NOT_FOUND};
use super::frames::{FrameParser, Outcome};
use super::message::Kind;
use super::{GRACE, READ_CHUNK};
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

/// Capacity of the pipes to and from tower-lsp-server.
const PIPE: usize = 256 * 1024;
/// Input read while a message waits to be delivered stops being read past this.
const SPILL_LIMIT: usize = 16 * 1024 * 1024;

/// At most `BURST` warnings per second about bad frames; the rest are counted and summed up.
struct LogLimiter {
    window: Instant,
    logged: u32,
    dropped: u64,
}

impl LogLimiter {
    const BURST: u32 = 10;

    fn new() -> LogLimiter {
        LogLimiter {
            window: Instant::now(),
            logged: 0,
            dropped: 0,
        }
    }

    fn warn(&mut self, bad: &BadFrame) {
        if self.window.elapsed() >= Duration::from_secs(1) {
            if self.dropped > 0 {
                tracing::warn!("{} more bad frames not logged", self.dropped);
            }
            *self = LogLimiter::new();
        }
        if self.logged < Self::BURST {
            self.logged += 1;
            tracing::warn!("bad frame ({}, id {}): {}", bad.code, bad.id, bad.reason);
        } else {
            self.dropped += 1;
        }
    }
}

/// Runs `server` (tower-lsp-server, given the input to read and the output to write) behind
/// the transport on `input`/`output`. Returns when the server is done and its output written,
/// or, once `input` ends, when what was read has been answered or after [`GRACE`].
pub async fn serve<I, O, F, Fut>(input: I, output: O, server: F)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
    F: FnOnce(DuplexStream, DuplexStream) -> Fut,
    Fut: Future<Output = ()>,
{
    let (feed, server_in) = tokio::io::duplex(PIPE);
    let (server_out, from_server) = tokio::io::duplex(PIPE);
    let (replies_tx, replies_rx) = mpsc::channel(256);
    let server = server(server_in, server_out);
    let reader = read_loop(input, feed, replies_tx);
    let writer = write_loop(from_server, replies_rx, output);
    tokio::pin!(server, reader, writer);
    let mut server_done = false;
    loop {
        tokio::select! {
            () = &mut server, if !server_done => server_done = true,
            () = &mut writer => return,
            () = &mut reader => break,
        }
    }
    // The input ended and the reader dropped the server's input: the server finishes what it
    // has, unless that takes long.
    let _ = tokio::time::timeout(GRACE, async {
        loop {
            tokio::select! {
                () = &mut server, if !server_done => server_done = true,
                () = &mut writer => return,
            }
        }
    })
    .await;
}

/// Reads `input` until it ends, forwarding valid messages to `feed` and sending the
/// transport's own answers to `replies`.
async fn read_loop<I: AsyncRead + Unpin>(
    mut input: I,
    mut feed: DuplexStream,
    replies: mpsc::Sender<Vec<u8>>,
) {
    let mut parser = FrameParser::new();
    let mut spill = Vec::new();
    let mut log = LogLimiter::new();
    loop {
        while let Some(outcome) = parser.next_outcome() {
            let reply = match outcome {
                Outcome::Message {
                    kind: Kind::DollarRequest { id, method },
                    ..
                } => {
                    tracing::debug!("{method} request answered MethodNotFound");
                    BadFrame {
                        code: METHOD_NOT_FOUND,
                        id,
                        reason: method.into(),
                    }
                }
                Outcome::Message { body, .. } => {
                    let bytes = parser.bytes(body);
                    let header = format!("Content-Length: {}\r\n\r\n", bytes.len());
                    let send = async {
                        feed.write_all(header.as_bytes()).await?;
                        feed.write_all(bytes).await
                    };
                    match deliver(send, &mut input, &mut spill).await {
                        Some(Ok(())) => continue,
                        // The input ended, or the server stopped reading (after `exit`).
                        None | Some(Err(_)) => return,
                    }
                }
                Outcome::Error(bad) => {
                    log.warn(&bad);
                    bad
                }
            };
            // An error sending means the writer is gone: the server is done.
            match deliver(replies.send(reply.response()), &mut input, &mut spill).await {
                Some(Ok(())) => {}
                None | Some(Err(_)) => return,
            }
        }
        if spill.is_empty() {
            let buf = parser.spare();
            buf.reserve(READ_CHUNK);
            match input.read_buf(buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        } else {
            parser.push(&spill);
            spill.clear();
        }
    }
}

/// Awaits `fut` while still reading `input` into `spill`, so that the end of the input is seen
/// even when the server does not read. `None` when the input ended.
async fn deliver<F: Future, I: AsyncRead + Unpin>(
    fut: F,
    input: &mut I,
    spill: &mut Vec<u8>,
) -> Option<F::Output> {
    tokio::pin!(fut);
    loop {
        spill.reserve(READ_CHUNK);
        tokio::select! {
            biased;
            out = &mut fut => return Some(out),
            r = input.read_buf(spill), if spill.len() < SPILL_LIMIT => {
                if matches!(r, Ok(0) | Err(_)) {
                    return None;
                }
            }
        }
    }
}

/// Copies the server's output to `output` whole frames at a time, with the transport's answers
/// in between. Returns when the server's output ends (or `output` fails).
async fn write_loop<O: AsyncWrite>(
    mut from_server: DuplexStream,
    mut replies: mpsc::Receiver<Vec<u8>>,
    output: O,
) {
    tokio::pin!(output);
    let mut buf = Vec::with_capacity(READ_CHUNK);
    let mut replies_open = true;
    loop {
        buf.reserve(READ_CHUNK);
        // The transport's answers first: an answer to a bad frame is queued before the next
        // message reaches the server, so it also goes out before the server's answer to that.
        tokio::select! {
            biased;
            reply = replies.recv(), if replies_open => match reply {
                Some(reply) => {
                    if output.write_all(&reply).await.is_err() || output.flush().await.is_err() {
                        return;
                    }
                }
                None => replies_open = false,
            },
            r = from_server.read_buf(&mut buf) => {
                if matches!(r, Ok(0) | Err(_)) {
                    while let Ok(reply) = replies.try_recv() {
                        if output.write_all(&reply).await.is_err() {
                            return;
                        }
                    }
                    let _ = output.flush().await;
                    return;
                }
                let end = whole_frames(&buf);
                if end > 0 {
                    if output.write_all(&buf[..end]).await.is_err() || output.flush().await.is_err() {
                        return;
                    }
                    buf.drain(..end);
                }
            }
        }
    }
}

/// The length of the complete frames at the start of `buf`, as tower-lsp-server writes them
/// (`Content-Length: N\r\n\r\n` and the body).
fn whole_frames(buf: &[u8]) -> usize {
    let mut at = 0;
    loop {
        let rest = &buf[at..];
        let Some(h) = rest.windows(4).position(|w| w == b"\r\n\r\n") else {
            return at;
        };
        let len = std::str::from_utf8(&rest[..h])
            .ok()
            .and_then(|head| {
                head.split("\r\n").find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.trim()
                        .eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
            })
            .unwrap_or(0);
        let end = h + 4 + len;
        if rest.len() < end {
            return at;
        }
        at += end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::framed;
    use super::*;

    #[test]
    fn whole_frames_finds_complete_frames_only() {
        let two = [framed("{}"), framed("[1]")].concat();
        assert_eq!(whole_frames(&two), two.len());
        assert_eq!(whole_frames(&two[..two.len() - 1]), framed("{}").len());
        assert_eq!(whole_frames(&two[..5]), 0);
        assert_eq!(whole_frames(b""), 0);
    }
}
