//! An ordered parallel map: items are worked on every core, and their results are handed on
//! one by one in the items' order, as soon as every earlier one has been. At most `window`
//! items are between being taken and being handed on, so what is held does not grow with the
//! number of items: a slow item stalls the others once they are `window` ahead of it, and the
//! results waiting for it are at most `window`.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

struct State<I, R> {
    /// `None` once the items ran out (or a worker died: nothing more is taken).
    items: Option<I>,
    /// Items taken so far; the next one taken gets this number.
    taken: usize,
    /// Results handed on so far; the next one handed on is number `emitted`.
    emitted: usize,
    /// Results finished out of order, by number.
    done: BTreeMap<usize, R>,
    /// A worker panicked: its item's result never comes, so the emitter must not wait for it.
    broken: bool,
}

struct Shared<I, R> {
    state: Mutex<State<I, R>>,
    /// Woken when the window moves on (workers waiting for room) or the items end.
    room: Condvar,
    /// Woken when a result arrives or a worker stops (the emitter).
    arrived: Condvar,
}

impl<I, R> Shared<I, R> {
    fn lock(&self) -> MutexGuard<'_, State<I, R>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Marks the run broken if its thread unwinds, so the emitter stops instead of waiting forever
/// for a result and workers stop waiting for room (the panic itself then surfaces when the
/// threads are joined).
struct PanicGuard<'a, I, R>(&'a Shared<I, R>);

impl<I, R> Drop for PanicGuard<'_, I, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut s = self.0.lock();
            s.broken = true;
            s.items = None;
            drop(s);
            self.0.arrived.notify_all();
            self.0.room.notify_all();
        }
    }
}

/// Calls `work` on every item of `items` on `threads` threads and `emit` on each result, on
/// the calling thread, in the items' order. `items` is advanced by the workers, one at a time.
pub fn map_in_order<I, T, R>(
    items: I,
    threads: usize,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut emit: impl FnMut(R),
) where
    I: Iterator<Item = T> + Send,
    R: Send,
{
    let window = window.max(1);
    let shared = Shared {
        state: Mutex::new(State {
            items: Some(items),
            taken: 0,
            emitted: 0,
            done: BTreeMap::new(),
            broken: false,
        }),
        room: Condvar::new(),
        arrived: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                let _guard = PanicGuard(&shared);
                while let Some((n, item)) = take(&shared, window) {
                    let result = work(item);
                    shared.lock().done.insert(n, result);
                    shared.arrived.notify_one();
                }
            });
        }
        // The emitter unwinding (a write that panics) must free the workers waiting for room.
        let _guard = PanicGuard(&shared);
        let mut s = shared.lock();
        loop {
            let next = s.emitted;
            if let Some(result) = s.done.remove(&next) {
                s.emitted += 1;
                drop(s);
                shared.room.notify_all();
                emit(result);
                s = shared.lock();
            } else if s.broken || (s.items.is_none() && s.emitted == s.taken) {
                break;
            } else {
                s = shared.arrived.wait(s).unwrap_or_else(|e| e.into_inner());
            }
        }
    });
}

/// The next item and its number, once it is within the window; `None` when there are no more.
fn take<I: Iterator<Item = T>, T, R>(shared: &Shared<I, R>, window: usize) -> Option<(usize, T)> {
    let mut s = shared.lock();
    while s.items.is_some() && s.taken >= s.emitted + window {
        s = shared.room.wait(s).unwrap_or_else(|e| e.into_inner());
    }
    match s.items.as_mut()?.next() {
        Some(item) => {
            let n = s.taken;
            s.taken += 1;
            Some((n, item))
        }
        None => {
            s.items = None;
            drop(s);
            // Workers waiting for room and the emitter waiting for the end both learn it.
            shared.room.notify_all();
            shared.arrived.notify_all();
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_order_and_no_more_than_the_window_is_ahead() {
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut seen = Vec::new();
        map_in_order(
            0..200u64,
            4,
            3,
            |i| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                // Early items are the slow ones: later ones must wait for them.
                std::thread::sleep(Duration::from_micros((200 - i) * 5));
                in_flight.fetch_sub(1, Ordering::SeqCst);
                i * 2
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        assert!(most.load(Ordering::SeqCst) <= 3);
    }

    #[test]
    fn no_items_no_results() {
        let mut seen: Vec<u8> = Vec::new();
        map_in_order(std::iter::empty::<u8>(), 2, 4, |i| i, |r| seen.push(r));
        assert!(seen.is_empty());
    }

    #[test]
    fn a_worker_that_panics_does_not_hang_the_emitter() {
        let run = std::panic::catch_unwind(|| {
            map_in_order(
                0..10,
                2,
                4,
                |i| {
                    assert_ne!(i, 3, "boom");
                    i
                },
                |_| {},
            );
        });
        assert!(run.is_err());
    }
}
