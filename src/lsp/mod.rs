//! The language server: the only place that knows tower-lsp-server. A thin layer: LSP comes
//! in through `from_proto`, the engine answers, and the answer goes out through `to_proto`.
//!
//! - `server`: what the handlers share, and the `LanguageServer` implementation, which only
//!   dispatches;
//! - `handlers`: one module per feature (document sync, diagnostics, completion, hover, code
//!   actions, symbols, folding, selection, configuration, workspace), with the concurrency
//!   rules in its docs;
//! - `state`: the open documents (engine documents, where they live, their cached analysis);
//! - `capabilities`: client flags and the advertised server capabilities;
//! - `from_proto` / `to_proto`: every conversion between LSP types and engine types;
//! - `transport`: the JSON-RPC framing in front of tower-lsp-server, which survives bad input.

pub mod capabilities;
pub mod from_proto;
mod handlers;
pub mod server;
pub mod state;
pub mod to_proto;
pub mod transport;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::LspService;

/// Serves LSP over `input`/`output` until `exit` (or the end of the input: then requests still
/// running are dropped after `transport::GRACE`). Returns the exit code LSP prescribes: 0 when
/// `shutdown` came first, 1 otherwise.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) =
        LspService::new(move |client| server::Backend::new(client, flag.clone()));
    // tower-lsp-server processes at most this many messages at once, in arrival order; a few
    // slow requests (a first outline of a huge file) must not hold `didChange` back.
    transport::serve(input, output, move |input, output| {
        tower_lsp_server::Server::new(input, output, socket)
            .concurrency_level(32)
            .serve(service)
    })
    .await;
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Serves LSP on stdin/stdout until `exit`; returns the process exit code. Logs go to stderr
/// (stdout carries JSON-RPC), filtered by `log_level` (`error`, `warn`, `info`, `debug`,
/// `trace`, or any `tracing` filter directive).
pub fn serve_stdio(log_level: &str) -> i32 {
    let filter = tracing_subscriber::EnvFilter::try_new(log_level).unwrap_or_else(|e| {
        eprintln!("persona-ls: invalid --log-level `{log_level}` ({e}); using `info`");
        tracing_subscriber::EnvFilter::new("info")
    });
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .with_ansi(false)
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("persona-ls: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), DirectStdout(std::io::stdout())));
    // The stdin reader may be blocked in a read that never returns (the client keeps the pipe
    // open after `exit`): do not wait for it.
    runtime.shutdown_background();
    code
}

/// Stdout written directly from the task that sends a message. `tokio::io::stdout` hands
/// every write to the blocking pool and waits for it, two thread hops per message; a write to
/// the client's pipe returns at once unless the client stopped reading (then nothing can
/// progress anyway), so writing in place takes the hops off every response's latency.
struct DirectStdout(std::io::Stdout);

impl AsyncWrite for DirectStdout {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        use std::io::Write;
        std::task::Poll::Ready(self.0.lock().write(buf))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        use std::io::Write;
        std::task::Poll::Ready(self.0.lock().flush())
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}
