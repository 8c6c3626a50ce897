//! The demo's randomness: a small SplitMix64 with fixed seeds, so the data are the same on
//! every call and every machine.

/// SplitMix64 (Steele, Lea and Flood): tiny, fast and the same on every platform.
pub(super) struct Tilfeldig(u64);

impl Tilfeldig {
    pub(super) fn ny(froe: u64) -> Tilfeldig {
        Tilfeldig(froe)
    }

    fn neste(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lav..=hoey`. The modulo bias is far below anything a demo can show.
    pub(super) fn tall(&mut self, lav: u64, hoey: u64) -> u64 {
        lav + self.neste() % (hoey - lav + 1)
    }

    pub(super) fn sjanse(&mut self, prosent: u64) -> bool {
        self.neste() % 100 < prosent
    }

    pub(super) fn en_av<T: Copy>(&mut self, valg: &[T]) -> T {
        valg[(self.neste() % valg.len() as u64) as usize]
    }

    pub(super) fn vektet<T: Copy>(&mut self, valg: &[(T, u64)]) -> T {
        let sum: u64 = valg.iter().map(|(_, vekt)| vekt).sum();
        let mut trekk = self.neste() % sum;
        for &(verdi, vekt) in valg {
            if trekk < vekt {
                return verdi;
            }
            trekk -= vekt;
        }
        valg[valg.len() - 1].0
    }
}
