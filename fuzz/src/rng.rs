//! A small deterministic generator (SplitMix64): the same `--seed` gives the same run.

#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        // Lemire's multiply-shift: no modulo bias worth speaking of for these sizes.
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// In `1..=max`, log-uniform: as likely to be in 1..2 as in 10,000..20,000. This is how
    /// deep-nesting and quadratic-time inputs are reached without making every input huge.
    pub fn log_uniform(&mut self, max: usize) -> usize {
        let max = max.max(1);
        let bits = usize::BITS - max.leading_zeros(); // 1..=64
        let b = self.below(bits as usize + 1) as u32;
        let hi = if b >= usize::BITS {
            usize::MAX
        } else {
            (1usize << b).saturating_sub(1)
        };
        let lo = if b == 0 { 1 } else { 1usize << (b - 1) };
        self.range(lo, hi.max(lo)).min(max)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Index by weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// SplitMix64's finaliser, also a good 64-bit hash step.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over bytes: names artifacts and triggers the self-test targets.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A seed from the clock and the process id, for runs without `--seed`.
pub fn time_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    mix(nanos ^ (std::process::id() as u64).rotate_left(32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_in_range() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            let n = a.below(10);
            b.below(10);
            assert!(n < 10);
            let k = a.log_uniform(20_000);
            b.log_uniform(20_000);
            assert!((1..=20_000).contains(&k));
        }
    }

    #[test]
    fn log_uniform_reaches_both_ends() {
        let mut r = Rng::new(1);
        let v: Vec<usize> = (0..5000).map(|_| r.log_uniform(20_000)).collect();
        assert!(v.contains(&1));
        assert!(v.iter().any(|&k| k > 10_000));
        assert!(v.iter().filter(|&&k| k <= 16).count() > 1000);
    }
}
