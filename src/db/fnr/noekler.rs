//! The keys that encrypt the fødselsnummer at rest, and the keyed hash it is found by.
//!
//! Each key is 32 random bytes with a number, its id. From each, HKDF-SHA256 derives two
//! keys of its own: one for XChaCha20-Poly1305, which encrypts a number with a fresh random
//! 24-byte nonce every time (so equal numbers never give equal ciphertexts, and a repeated
//! nonce is out of reach at any number of values), and one for HMAC-SHA256, the look-up hash
//! (a plain hash would be reversed in seconds: there are only some millions of valid numbers
//! per century). The case's id and the key's id are bound to the ciphertext as associated
//! data, so a ciphertext moved to another case, or given another key id, is refused rather
//! than read as that case's number.
//!
//! One key is current: new values are written with it and the hash beside them is its. The
//! others are kept only for reading, while a rotation ([`super::roter`]) re-encrypts the
//! values written with them. The keys live in a file ([`super::noekkelfil`]), never in the
//! database, and `Debug` shows only their ids.

use std::collections::BTreeMap;

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::fnr::Fodselsnummer;

type HmacSha256 = Hmac<Sha256>;

/// Length of a key, and of XChaCha20-Poly1305's nonce.
pub const NOEKKELLENGDE: usize = 32;
const NONCELENGDE: usize = 24;

/// Why a number could not be encrypted or read. Shown to the operator (and logged); never
/// the number itself.
#[derive(Debug, thiserror::Error)]
pub enum NoekkelFeil {
    #[error("ingen nøkkel for fødselsnumrene er lastet (KLAGESAK_NOKKELFIL)")]
    Ingen,
    #[error("fødselsnummeret i sak {klage} er kryptert med nøkkel {noekkel}, som ikke er i nøkkelfila")]
    UkjentNoekkel { klage: i64, noekkel: i64 },
    /// A wrong key, or a ciphertext, nonce or key id changed in the database.
    #[error("fødselsnummeret i sak {0} kunne ikke dekrypteres: feil nøkkel, eller dataene er endret i databasen")]
    Dekryptering(i64),
    #[error("nøkkelfila {sti}: {grunn}")]
    Fil { sti: String, grunn: String },
}

/// One key, with the two keys derived from it.
struct Noekkel {
    raa: [u8; NOEKKELLENGDE],
    chiffer: XChaCha20Poly1305,
    hmac: HmacSha256,
}

impl Noekkel {
    fn ny(raa: [u8; NOEKKELLENGDE]) -> Noekkel {
        // The key is uniformly random already, so HKDF's extract step needs no salt; the
        // two `info` labels keep the derived keys independent.
        let hkdf = hkdf::Hkdf::<Sha256>::new(None, &raa);
        let mut krypteringsnoekkel = [0u8; NOEKKELLENGDE];
        let mut hashnoekkel = [0u8; NOEKKELLENGDE];
        // 32 bytes is far below HKDF-SHA256's limit of 8160, so neither expand can fail.
        let _ = hkdf.expand(b"klagesak klage.fnr kryptering", &mut krypteringsnoekkel);
        let _ = hkdf.expand(b"klagesak klage.fnr oppslag", &mut hashnoekkel);
        let chiffer = XChaCha20Poly1305::new(Key::from_slice(&krypteringsnoekkel));
        // HMAC takes a key of any length.
        let hmac = <HmacSha256 as Mac>::new_from_slice(&hashnoekkel).unwrap_or_else(|_| unreachable!());
        Noekkel { raa, chiffer, hmac }
    }

    fn hash(&self, fnr: &Fodselsnummer) -> String {
        let mut mac = self.hmac.clone();
        mac.update(fnr.som_tekst().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The associated data: which case and which key the ciphertext belongs to.
fn tilknytning(klage_id: i64, noekkel_id: i64) -> String {
    format!("klagesak klage.fnr sak={klage_id} nokkel={noekkel_id}")
}

/// A number as stored: the key it is encrypted with, nonce and ciphertext (hex), and the
/// look-up hash under the same key (hex).
#[derive(Clone, PartialEq, Eq)]
pub struct KryptertFnr {
    pub noekkel: i64,
    pub kryptert: String,
    pub hash: String,
}

/// The keys: one current, the others for reading. Empty until the key file is loaded
/// ([`Noekkelring::default`]), and then every encryption is refused with
/// [`NoekkelFeil::Ingen`].
#[derive(Default)]
pub struct Noekkelring {
    gjeldende: Option<i64>,
    noekler: BTreeMap<i64, Noekkel>,
}

impl std::fmt::Debug for Noekkelring {
    /// The ids only: the keys never reach a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Noekkelring").field("gjeldende", &self.gjeldende).field("noekler", &self.ider()).finish()
    }
}

impl Noekkelring {
    /// A ring of the given keys, with `gjeldende` current. Refused when `gjeldende` is not
    /// among them or an id is given twice.
    pub fn fra_noekler(gjeldende: i64, noekler: &[(i64, [u8; NOEKKELLENGDE])]) -> Result<Noekkelring, String> {
        let mut ring = Noekkelring { gjeldende: Some(gjeldende), noekler: BTreeMap::new() };
        for (id, raa) in noekler {
            if ring.noekler.insert(*id, Noekkel::ny(*raa)).is_some() {
                return Err(format!("nøkkel {id} står der to ganger"));
            }
        }
        if !ring.noekler.contains_key(&gjeldende) {
            return Err(format!("den gjeldende nøkkelen {gjeldende} finnes ikke"));
        }
        Ok(ring)
    }

    /// A ring of one new random key, number 1: the first key of a new installation.
    pub fn ny() -> Noekkelring {
        Noekkelring::default().med_ny_gjeldende()
    }

    /// This ring with a new random key as current (one more than the highest id); the keys
    /// it had are kept for reading.
    pub fn med_ny_gjeldende(&self) -> Noekkelring {
        let id = self.noekler.keys().next_back().map_or(1, |id| id + 1);
        let mut noekler: BTreeMap<i64, Noekkel> = self.noekler.iter().map(|(id, n)| (*id, Noekkel::ny(n.raa))).collect();
        let raa: [u8; NOEKKELLENGDE] = XChaCha20Poly1305::generate_key(&mut OsRng).into();
        noekler.insert(id, Noekkel::ny(raa));
        Noekkelring { gjeldende: Some(id), noekler }
    }

    /// This ring with the current key alone: when no value is written with the others any more.
    pub fn bare_gjeldende(&self) -> Noekkelring {
        let noekler = self.noekler.iter().filter(|(id, _)| Some(**id) == self.gjeldende).map(|(id, n)| (*id, Noekkel::ny(n.raa))).collect();
        Noekkelring { gjeldende: self.gjeldende, noekler }
    }

    /// The id of the current key, if any.
    pub fn gjeldende(&self) -> Option<i64> {
        self.gjeldende
    }

    /// The ids of all keys, lowest first.
    pub fn ider(&self) -> Vec<i64> {
        self.noekler.keys().copied().collect()
    }

    /// The keys with their ids, lowest first, for writing the key file.
    pub(super) fn raa(&self) -> impl Iterator<Item = (i64, &[u8; NOEKKELLENGDE])> {
        self.noekler.iter().map(|(id, n)| (*id, &n.raa))
    }

    /// Encrypts the number of case `klage_id` with the current key, and hashes it.
    pub fn krypter(&self, klage_id: i64, fnr: &Fodselsnummer) -> Result<KryptertFnr, NoekkelFeil> {
        let (id, noekkel) = self.gjeldende.and_then(|id| Some((id, self.noekler.get(&id)?))).ok_or(NoekkelFeil::Ingen)?;
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = tilknytning(klage_id, id);
        let kryptert = noekkel
            .chiffer
            .encrypt(&nonce, Payload { msg: fnr.som_tekst().as_bytes(), aad: aad.as_bytes() })
            // Encryption fails only for messages of gigabytes.
            .map_err(|_| NoekkelFeil::Dekryptering(klage_id))?;
        let mut lagret = nonce.to_vec();
        lagret.extend(kryptert);
        Ok(KryptertFnr { noekkel: id, kryptert: hex::encode(lagret), hash: noekkel.hash(fnr) })
    }

    /// Decrypts the number of case `klage_id`, written with key `noekkel_id`. A wrong key, or
    /// anything changed in the stored value, its key id or its case, is refused.
    pub fn dekrypter(&self, klage_id: i64, noekkel_id: i64, kryptert: &str) -> Result<Fodselsnummer, NoekkelFeil> {
        let noekkel = self.noekler.get(&noekkel_id).ok_or(NoekkelFeil::UkjentNoekkel { klage: klage_id, noekkel: noekkel_id })?;
        let bytes = hex::decode(kryptert).map_err(|_| NoekkelFeil::Dekryptering(klage_id))?;
        if bytes.len() <= NONCELENGDE {
            return Err(NoekkelFeil::Dekryptering(klage_id));
        }
        let (nonce, chiffertekst) = bytes.split_at(NONCELENGDE);
        let aad = tilknytning(klage_id, noekkel_id);
        let klartekst = noekkel
            .chiffer
            .decrypt(XNonce::from_slice(nonce), Payload { msg: chiffertekst, aad: aad.as_bytes() })
            .map_err(|_| NoekkelFeil::Dekryptering(klage_id))?;
        let tekst = String::from_utf8(klartekst).map_err(|_| NoekkelFeil::Dekryptering(klage_id))?;
        Fodselsnummer::parse(&tekst).map_err(|_| NoekkelFeil::Dekryptering(klage_id))
    }

    /// The number's look-up hash under every key: a value is found whichever key it is
    /// written with, also in the middle of a rotation.
    pub fn hasher(&self, fnr: &Fodselsnummer) -> Vec<String> {
        self.noekler.values().map(|n| n.hash(fnr)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fnr() -> Fodselsnummer {
        Fodselsnummer::parse("01818012337").unwrap()
    }

    fn ring(gjeldende: i64, noekler: &[(i64, u8)]) -> Noekkelring {
        let noekler: Vec<_> = noekler.iter().map(|(id, b)| (*id, [*b; NOEKKELLENGDE])).collect();
        Noekkelring::fra_noekler(gjeldende, &noekler).unwrap()
    }

    #[test]
    fn a_number_is_read_back_only_with_its_case_and_key() {
        let r = ring(1, &[(1, 7)]);
        let k = r.krypter(42, &fnr()).unwrap();
        assert_eq!(k.noekkel, 1);
        assert!(!k.kryptert.contains("01818012337") && !k.hash.contains("01818012337"));
        assert_eq!(r.dekrypter(42, 1, &k.kryptert).unwrap(), fnr());
        // Moved to another case, or claimed for another key: refused.
        assert!(matches!(r.dekrypter(43, 1, &k.kryptert), Err(NoekkelFeil::Dekryptering(43))));
        assert!(matches!(r.dekrypter(42, 2, &k.kryptert), Err(NoekkelFeil::UkjentNoekkel { klage: 42, noekkel: 2 })));
        // A wrong key under the same id: refused.
        assert!(matches!(ring(1, &[(1, 8)]).dekrypter(42, 1, &k.kryptert), Err(NoekkelFeil::Dekryptering(42))));
        // One flipped bit anywhere, or a value cut short: refused.
        let mut bytes = hex::decode(&k.kryptert).unwrap();
        for i in [0, NONCELENGDE, bytes.len() - 1] {
            bytes[i] ^= 1;
            assert!(r.dekrypter(42, 1, &hex::encode(&bytes)).is_err(), "byte {i}");
            bytes[i] ^= 1;
        }
        assert!(r.dekrypter(42, 1, &k.kryptert[..40]).is_err());
        assert!(r.dekrypter(42, 1, "ikke hex").is_err());
    }

    #[test]
    fn every_value_has_its_own_nonce_and_the_hash_is_keyed() {
        let r = ring(1, &[(1, 7)]);
        let (a, b) = (r.krypter(42, &fnr()).unwrap(), r.krypter(42, &fnr()).unwrap());
        assert_ne!(a.kryptert, b.kryptert);
        assert_eq!(a.hash, b.hash, "the look-up hash is the same for the same number and key");
        let annen = ring(1, &[(1, 8)]);
        assert_ne!(annen.krypter(42, &fnr()).unwrap().hash, a.hash);
        let annet_nummer = Fodselsnummer::parse("24921051251").unwrap();
        assert_ne!(r.krypter(42, &annet_nummer).unwrap().hash, a.hash);
    }

    #[test]
    fn a_new_current_key_keeps_the_old_for_reading() {
        let gammel = ring(1, &[(1, 7)]);
        let k = gammel.krypter(5, &fnr()).unwrap();
        let ny = gammel.med_ny_gjeldende();
        assert_eq!((ny.gjeldende(), ny.ider()), (Some(2), vec![1, 2]));
        assert_eq!(ny.dekrypter(5, 1, &k.kryptert).unwrap(), fnr());
        assert_eq!(ny.krypter(5, &fnr()).unwrap().noekkel, 2);
        assert_eq!(ny.hasher(&fnr()).len(), 2);
        assert!(ny.hasher(&fnr()).contains(&k.hash));
        let bare = ny.bare_gjeldende();
        assert_eq!(bare.ider(), vec![2]);
        assert!(bare.dekrypter(5, 1, &k.kryptert).is_err());
        // Two fresh rings never share a key.
        assert_ne!(Noekkelring::ny().krypter(5, &fnr()).unwrap().hash, Noekkelring::ny().krypter(5, &fnr()).unwrap().hash);
    }

    #[test]
    fn no_key_no_encryption_and_debug_shows_ids_only() {
        assert!(matches!(Noekkelring::default().krypter(1, &fnr()), Err(NoekkelFeil::Ingen)));
        assert!(Noekkelring::fra_noekler(2, &[(1, [7; NOEKKELLENGDE])]).is_err());
        assert!(Noekkelring::fra_noekler(1, &[(1, [7; NOEKKELLENGDE]), (1, [8; NOEKKELLENGDE])]).is_err());
        let tekst = format!("{:?}", ring(1, &[(1, 7)]));
        assert_eq!(tekst, "Noekkelring { gjeldende: Some(1), noekler: [1] }");
    }
}
