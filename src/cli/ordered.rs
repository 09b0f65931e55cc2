//! An ordered parallel map: items are worked on every core, and their results are handed on
//! one by one in the items' order, as soon as every earlier one has been. At most `window`
//! items are between being taken and being handed on, so what is held does not grow with the
//! number of items: a slow item stalls the others once they are `window` ahead of it, and the
//! results waiting for it are at most `window`.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

struct State<I, R> {
    /// `None` once the items ran out (or a thread died: nothing more is taken).
    items: Option<I>,
    /// Items taken so far; the next one taken gets this number.
    taken: usize,
    /// Results handed on so far; the next one handed on is number `emitted`.
    emitted: usize,
    /// Results finished out of order, by number.
    done: BTreeMap<usize, R>,
    /// A thread panicked: its item's result never comes, so the emitter must not wait for it.
    broken: bool,
    /// Who is asleep: a wake-up is a system call, made only when someone waits for it.
    workers_waiting: usize,
    emitter_waiting: bool,
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

/// What a thread may do next.
enum Next<T> {
    Work(usize, T),
    /// The window is full: wait for results to be handed on.
    Full,
    /// No items are left.
    End,
}

impl<I: Iterator<Item = T>, T, R> State<I, R> {
    /// Takes the next item if it is within the window.
    fn next(&mut self, window: usize) -> Next<T> {
        let Some(items) = self.items.as_mut() else {
            return Next::End;
        };
        if self.taken >= self.emitted + window {
            return Next::Full;
        }
        match items.next() {
            Some(item) => {
                self.taken += 1;
                Next::Work(self.taken - 1, item)
            }
            None => {
                self.items = None;
                Next::End
            }
        }
    }

    /// Files the result of item `n`; whether the emitter must be woken for it (it waits for
    /// the next result in order, no other).
    fn finish(&mut self, n: usize, result: R) -> bool {
        self.done.insert(n, result);
        self.emitter_waiting && n == self.emitted
    }
}

/// Calls `work` on every item of `items` on `threads` threads (the calling one among them)
/// and `emit` on each result, on the calling thread, in the items' order. `items` is advanced
/// by the threads, one at a time. The calling thread hands results on whenever it can and
/// works on items meanwhile, so that no thread waits for another while there is work: a
/// wake-up per item would cost more than many an item does.
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
            workers_waiting: 0,
            emitter_waiting: false,
        }),
        room: Condvar::new(),
        arrived: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.max(1) {
            scope.spawn(|| {
                let _guard = PanicGuard(&shared);
                let mut s = shared.lock();
                loop {
                    match s.next(window) {
                        Next::Work(n, item) => {
                            drop(s);
                            let result = work(item);
                            s = shared.lock();
                            if s.finish(n, result) {
                                shared.arrived.notify_one();
                            }
                        }
                        Next::Full => {
                            s.workers_waiting += 1;
                            s = shared.room.wait(s).unwrap_or_else(|e| e.into_inner());
                            s.workers_waiting -= 1;
                        }
                        Next::End => break,
                    }
                }
                drop(s);
                // The emitter may be waiting for the end.
                shared.arrived.notify_one();
            });
        }
        // The calling thread unwinding (a write that panics) must free the workers.
        let _guard = PanicGuard(&shared);
        let mut s = shared.lock();
        let mut ready = Vec::with_capacity(window);
        loop {
            // Results leave the window once handed on, not before: those being handed on are
            // still held.
            let mut next = s.emitted;
            while let Some(result) = s.done.remove(&next) {
                next += 1;
                ready.push(result);
            }
            if !ready.is_empty() {
                drop(s);
                ready.drain(..).for_each(&mut emit);
                s = shared.lock();
                s.emitted = next;
                if s.workers_waiting > 0 {
                    shared.room.notify_all();
                }
                continue;
            }
            if s.broken {
                break;
            }
            match s.next(window) {
                Next::Work(n, item) => {
                    drop(s);
                    let result = work(item);
                    s = shared.lock();
                    s.finish(n, result);
                }
                Next::End if s.emitted == s.taken => break,
                Next::Full | Next::End => {
                    s.emitter_waiting = true;
                    s = shared.arrived.wait(s).unwrap_or_else(|e| e.into_inner());
                    s.emitter_waiting = false;
                }
            }
        }
        let end = s.items.is_none();
        drop(s);
        if end {
            // Workers waiting for room learn that no items are left.
            shared.room.notify_all();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_order_and_no_item_is_taken_beyond_the_window() {
        let handed_on = AtomicUsize::new(0);
        let beyond = AtomicUsize::new(0);
        let mut seen = Vec::new();
        map_in_order(
            0..200u64,
            4,
            3,
            |i| {
                if i as usize >= handed_on.load(Ordering::SeqCst) + 3 {
                    beyond.fetch_add(1, Ordering::SeqCst);
                }
                // Early items are the slow ones: later ones must wait for them.
                std::thread::sleep(Duration::from_micros((200 - i) * 5));
                i * 2
            },
            |r| {
                seen.push(r);
                handed_on.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(beyond.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn one_thread_works_alone() {
        let mut seen = Vec::new();
        map_in_order(0..50, 1, 2, |i| i + 1, |r| seen.push(r));
        assert_eq!(seen, (1..51).collect::<Vec<_>>());
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
