//! Stable 64-bit hashes: the same on every platform and release, unlike std's hasher, so that
//! ids, cache keys and story signatures written in one run read the same in the next.

/// 64-bit FNV-1a: tiny and fast on short keys.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// MurmurHash3's 64-bit finaliser: FNV-1a alone leaves the high bits of keys that differ only
/// at the end (items numbered in order) nearly equal.
pub fn mix(mut hash: u64) -> u64 {
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// A well-spread hash of `bytes`.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    mix(fnv1a(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_has_its_known_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn keys_differing_at_the_end_differ_in_the_high_bits() {
        let a = stable_hash(b"item-10") >> 48;
        let b = stable_hash(b"item-11") >> 48;
        assert_ne!(a, b);
    }
}
