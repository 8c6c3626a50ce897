//! Signed checkpoints (kontrollpunkter) of the access log: what anchors the hash chain of
//! [`super::revisjon`] outside the database.
//!
//! The chain holds no secret. Whoever can write the database as its owner (a superuser, the
//! tables' owner, whoever holds the SQLite file) can rewrite a row, recompute every hash after
//! it, move `revisjon_hode`, and `revisjon::verifiser` says the log is intact. A checkpoint is
//! the number of rows and the id and hash of the last row at one instant, signed with an
//! Ed25519 key that is kept outside the database (`klagesak revisjon forankre`; the key file
//! and the checkpoint file are handled by `tjenester::forankring`). Changing any row up to a
//! checkpoint's head changes the head's hash (the chain carries it forward), and cutting rows
//! off leaves fewer than were counted, so [`Kontrollpunkt::kontroller`] finds both, also when
//! the chain is consistent again.
//!
//! What checkpoints cannot do: protect rows written after the last one (only the chain does
//! that, so checkpoint often); stop someone who holds the private key from signing a
//! rewritten log (keep the key from the database's administrators, and give the public key to
//! whoever audits); notice lines removed from the checkpoint file (copy them elsewhere too).
//!
//! This module holds the signed message, signing and the check against the log, which are
//! pure, and the two small queries the check needs.

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use zeroize::Zeroizing;

use super::revisjon::tidspunkt_tekst;
use super::{Database, DbFeil};

/// Bumped if the signed encoding ever changes, so old and new checkpoints can never be confused.
pub const FORMAT: &str = "klagesak/forankring/v1";

/// The last row of the log at one instant: what a checkpoint signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hode {
    /// How many rows the log held.
    pub rader: u64,
    /// The id of its last row.
    pub id: i64,
    /// The `hash` of that row.
    pub hash: String,
}

/// One line of the checkpoint file (JSON), exactly as written and as signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kontrollpunkt {
    pub format: String,
    pub rader: u64,
    pub hode_id: i64,
    pub hode_hash: String,
    /// RFC 3339 UTC, microseconds: the text that was signed.
    pub tidspunkt: String,
    /// The Ed25519 signature over [`melding`], lowercase hex.
    pub signatur: String,
    /// The public key that made it, lowercase hex; it must be the configured one.
    pub offentlig_noekkel: String,
}

/// What the log holds now, for one checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loggtilstand {
    /// How many rows the log holds.
    pub rader: u64,
    /// The `hash` of the row with the checkpoint's `hode_id`, or `None` if that row is gone.
    pub hash_ved_hode: Option<String>,
}

/// Why a checkpoint does not hold, as the auditor is told.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Avvik {
    #[error("formatet «{0}» er ukjent")]
    UkjentFormat(String),
    #[error("det er signert med en annen nøkkel ({0}) enn den konfigurerte")]
    AnnenNoekkel(String),
    #[error("signaturen stemmer ikke, så linjen er forfalsket eller endret")]
    Signatur,
    #[error("rad {0} finnes ikke lenger i revisjonsloggen, så rader er fjernet")]
    HodeMangler(i64),
    #[error("rad {0} har ikke lenger hashen som ble signert, så revisjonsloggen er skrevet om fram til denne raden")]
    HodeEndret(i64),
    #[error("revisjonsloggen har bare {naa} rader, men hadde {da} da kontrollpunktet ble signert, så rader er fjernet")]
    ForFaaRader { da: u64, naa: u64 },
}

/// Why a key could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Noekkelfeil(&'static str);

/// The private signing key. Deliberately neither `Serialize` nor `Display`; `Debug` shows only
/// the public half, and the secret is zeroed when dropped.
pub struct Forankringsnoekkel(SigningKey);

impl std::fmt::Debug for Forankringsnoekkel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Forankringsnoekkel").field(&hex::encode(self.offentlig().as_bytes())).finish()
    }
}

impl Forankringsnoekkel {
    /// A new key from the operating system's random source.
    pub fn generer() -> Result<Forankringsnoekkel, getrandom::Error> {
        let mut hemmelighet = Zeroizing::new([0u8; 32]);
        getrandom::fill(hemmelighet.as_mut())?;
        Ok(Forankringsnoekkel(SigningKey::from_bytes(&hemmelighet)))
    }

    /// The key as stored in the key file: the 32-byte secret as 64 hex digits.
    pub fn fra_hex(tekst: &str) -> Result<Forankringsnoekkel, Noekkelfeil> {
        let bytes = Zeroizing::new(hex::decode(tekst.trim()).map_err(|_| Noekkelfeil("nøkkelen er ikke heksadesimal"))?);
        let hemmelighet: &[u8; 32] =
            bytes.as_slice().try_into().map_err(|_| Noekkelfeil("nøkkelen skal være 32 byte (64 heksadesimale tegn)"))?;
        Ok(Forankringsnoekkel(SigningKey::from_bytes(hemmelighet)))
    }

    /// The text of the key file.
    pub fn til_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0.as_bytes()))
    }

    pub fn offentlig(&self) -> VerifyingKey {
        self.0.verifying_key()
    }

    /// Signs the head as it was at `tidspunkt`.
    pub fn signer(&self, hode: &Hode, tidspunkt: DateTime<Utc>) -> Kontrollpunkt {
        let tidspunkt = tidspunkt_tekst(tidspunkt);
        let signatur = self.0.sign(&melding(hode.rader, hode.id, &hode.hash, &tidspunkt));
        Kontrollpunkt {
            format: FORMAT.to_owned(),
            rader: hode.rader,
            hode_id: hode.id,
            hode_hash: hode.hash.clone(),
            tidspunkt,
            signatur: hex::encode(signatur.to_bytes()),
            offentlig_noekkel: offentlig_hex(&self.offentlig()),
        }
    }
}

/// A public key as 64 lowercase hex digits (the form of the configuration and the file).
pub fn offentlig_hex(noekkel: &VerifyingKey) -> String {
    hex::encode(noekkel.as_bytes())
}

/// Reads a public key from 64 hex digits.
pub fn offentlig_fra_hex(tekst: &str) -> Result<VerifyingKey, Noekkelfeil> {
    let bytes = hex::decode(tekst.trim()).map_err(|_| Noekkelfeil("den offentlige nøkkelen er ikke heksadesimal"))?;
    let bytes: [u8; 32] = bytes.try_into().map_err(|_| Noekkelfeil("den offentlige nøkkelen skal være 32 byte (64 heksadesimale tegn)"))?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| Noekkelfeil("den offentlige nøkkelen er ikke et punkt på kurven"))
}

/// The signed message: the format tag, `rader`, `hode_id`, `hode_hash` and `tidspunkt`, in
/// that order, encoded as the chain's hashes are (`revisjon::beregn_hash`): text is `0x01`, its
/// UTF-8 length as a big-endian u64 and the bytes; an integer is `0x02` and eight big-endian
/// bytes. Documented this exactly so an auditor can check the file with a tool of their own.
pub fn melding(rader: u64, hode_id: i64, hode_hash: &str, tidspunkt: &str) -> Vec<u8> {
    let mut ut = Vec::with_capacity(160);
    let tekst = |ut: &mut Vec<u8>, s: &str| {
        ut.push(1);
        ut.extend_from_slice(&(s.len() as u64).to_be_bytes());
        ut.extend_from_slice(s.as_bytes());
    };
    tekst(&mut ut, FORMAT);
    ut.push(2);
    ut.extend_from_slice(&rader.to_be_bytes());
    ut.push(2);
    ut.extend_from_slice(&hode_id.to_be_bytes());
    tekst(&mut ut, hode_hash);
    tekst(&mut ut, tidspunkt);
    ut
}

impl Kontrollpunkt {
    /// Whether the line was signed, as it stands, by the configured key. The key written in the
    /// line is never trusted by itself: anyone can sign a line with a key of their own.
    pub fn sjekk_signatur(&self, offentlig: &VerifyingKey) -> Result<(), Avvik> {
        if self.format != FORMAT {
            return Err(Avvik::UkjentFormat(self.format.clone()));
        }
        if self.offentlig_noekkel != offentlig_hex(offentlig) {
            return Err(Avvik::AnnenNoekkel(self.offentlig_noekkel.clone()));
        }
        let signatur: [u8; 64] = hex::decode(&self.signatur).ok().and_then(|b| b.try_into().ok()).ok_or(Avvik::Signatur)?;
        let melding = melding(self.rader, self.hode_id, &self.hode_hash, &self.tidspunkt);
        offentlig.verify_strict(&melding, &Signature::from_bytes(&signatur)).map_err(|_| Avvik::Signatur)
    }

    /// Whether the log still holds what this checkpoint signed: the signature first, then the
    /// head row with the signed hash, then at least as many rows as were counted.
    pub fn kontroller(&self, offentlig: &VerifyingKey, loggen: &Loggtilstand) -> Result<(), Avvik> {
        self.sjekk_signatur(offentlig)?;
        match &loggen.hash_ved_hode {
            None => return Err(Avvik::HodeMangler(self.hode_id)),
            Some(hash) if *hash != self.hode_hash => return Err(Avvik::HodeEndret(self.hode_id)),
            Some(_) => {}
        }
        if loggen.rader < self.rader {
            return Err(Avvik::ForFaaRader { da: self.rader, naa: loggen.rader });
        }
        Ok(())
    }
}

/// The last row and the number of rows, read in one statement (one snapshot on PostgreSQL),
/// or `None` for an empty log.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hode(db: &Database) -> Result<Option<Hode>, DbFeil> {
    let rad = sqlx::query("SELECT id, hash, (SELECT COUNT(*) FROM revisjon) AS rader FROM revisjon ORDER BY id DESC LIMIT 1")
        .fetch_optional(&db.pool)
        .await?;
    let Some(rad) = rad else { return Ok(None) };
    let rader: i64 = rad.try_get("rader")?;
    Ok(Some(Hode { rader: rader.max(0) as u64, id: rad.try_get("id")?, hash: rad.try_get("hash")? }))
}

/// How many rows the log holds.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn antall_rader(db: &Database) -> Result<u64, DbFeil> {
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM revisjon").fetch_one(&db.pool).await?.try_get("n")?;
    Ok(n.max(0) as u64)
}

/// The stored hash of one row, if the row is there.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hash_ved(db: &Database, id: i64) -> Result<Option<String>, DbFeil> {
    let rad = sqlx::query("SELECT hash FROM revisjon WHERE id = $1").bind(id).fetch_optional(&db.pool).await?;
    Ok(rad.map(|r| r.try_get("hash")).transpose()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noekkel(n: u8) -> Forankringsnoekkel {
        Forankringsnoekkel::fra_hex(&hex::encode([n; 32])).unwrap()
    }

    fn hode() -> Hode {
        Hode { rader: 5, id: 7, hash: "ab".repeat(32) }
    }

    fn naa() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn hel(kp: &Kontrollpunkt) -> Loggtilstand {
        Loggtilstand { rader: kp.rader, hash_ved_hode: Some(kp.hode_hash.clone()) }
    }

    #[test]
    fn a_signed_checkpoint_holds_against_the_log_it_signed() {
        let n = noekkel(1);
        let kp = n.signer(&hode(), naa());
        assert_eq!(kp.tidspunkt, "2026-11-23T10:00:00.000000Z");
        assert_eq!((kp.rader, kp.hode_id, kp.hode_hash.as_str()), (5, 7, hode().hash.as_str()));
        assert_eq!(kp.kontroller(&n.offentlig(), &hel(&kp)), Ok(()));
        // More rows since then are fine: the log has grown.
        assert_eq!(kp.kontroller(&n.offentlig(), &Loggtilstand { rader: 9, ..hel(&kp) }), Ok(()));
    }

    #[test]
    fn a_rewritten_or_shortened_log_is_caught() {
        let n = noekkel(1);
        let kp = n.signer(&hode(), naa());
        let endret = Loggtilstand { rader: 5, hash_ved_hode: Some("cd".repeat(32)) };
        assert_eq!(kp.kontroller(&n.offentlig(), &endret), Err(Avvik::HodeEndret(7)));
        let borte = Loggtilstand { rader: 3, hash_ved_hode: None };
        assert_eq!(kp.kontroller(&n.offentlig(), &borte), Err(Avvik::HodeMangler(7)));
        let faerre = Loggtilstand { rader: 4, ..hel(&kp) };
        assert_eq!(kp.kontroller(&n.offentlig(), &faerre), Err(Avvik::ForFaaRader { da: 5, naa: 4 }));
    }

    #[test]
    fn every_signed_field_is_covered_by_the_signature() {
        let n = noekkel(1);
        let kp = n.signer(&hode(), naa());
        let endringer: [fn(&mut Kontrollpunkt); 5] = [
            |k| k.rader += 1,
            |k| k.hode_id -= 1,
            |k| k.hode_hash = "cd".repeat(32),
            |k| k.tidspunkt = "2026-11-23T10:00:01.000000Z".into(),
            |k| k.signatur.replace_range(0..2, if k.signatur.starts_with("00") { "01" } else { "00" }),
        ];
        for endre in endringer {
            let mut forfalsket = kp.clone();
            endre(&mut forfalsket);
            assert_eq!(forfalsket.kontroller(&n.offentlig(), &hel(&forfalsket)), Err(Avvik::Signatur), "{forfalsket:?}");
        }
        let mut tull = kp.clone();
        tull.signatur = "ikke hex".into();
        assert_eq!(tull.sjekk_signatur(&n.offentlig()), Err(Avvik::Signatur));
        let mut nytt_format = kp.clone();
        nytt_format.format = "klagesak/forankring/v2".into();
        assert_eq!(nytt_format.sjekk_signatur(&n.offentlig()), Err(Avvik::UkjentFormat("klagesak/forankring/v2".into())));
    }

    #[test]
    fn a_line_signed_with_another_key_is_refused_even_when_its_signature_is_valid() {
        let angriper = noekkel(2);
        let kp = angriper.signer(&hode(), naa());
        assert_eq!(kp.sjekk_signatur(&angriper.offentlig()), Ok(()), "valid for its own key");
        assert_eq!(kp.sjekk_signatur(&noekkel(1).offentlig()), Err(Avvik::AnnenNoekkel(kp.offentlig_noekkel.clone())));
        // Claiming the configured key does not help: the signature is then wrong.
        let mut later = kp;
        later.offentlig_noekkel = offentlig_hex(&noekkel(1).offentlig());
        assert_eq!(later.sjekk_signatur(&noekkel(1).offentlig()), Err(Avvik::Signatur));
    }

    /// Pins the encoding and the key file's form: checkpoints already written were signed this
    /// way (Ed25519 is deterministic), so a change here fails every existing file. A new
    /// encoding needs a new `FORMAT` tag.
    #[test]
    fn the_signed_encoding_does_not_change() {
        let m = melding(5, 7, "ab", "t");
        let mut forventet = vec![1];
        forventet.extend_from_slice(&(FORMAT.len() as u64).to_be_bytes());
        forventet.extend_from_slice(FORMAT.as_bytes());
        forventet.extend_from_slice(&[2, 0, 0, 0, 0, 0, 0, 0, 5, 2, 0, 0, 0, 0, 0, 0, 0, 7]);
        forventet.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0, 2, b'a', b'b', 1, 0, 0, 0, 0, 0, 0, 0, 1, b't']);
        assert_eq!(m, forventet);
        let kp = noekkel(1).signer(&hode(), naa());
        assert_eq!(kp.offentlig_noekkel, "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
        assert_eq!(
            kp.signatur,
            "d23157fcaea0e6b4071ea644157e0e72038628a629e6c43dad4d8c0028abcdb36138f42eae3e2be7bbd72a77660c6c6523c13a70d06c31fd72662b10ea06a60c"
        );
    }

    #[test]
    fn keys_round_trip_and_bad_ones_are_refused() {
        let n = Forankringsnoekkel::generer().unwrap();
        let igjen = Forankringsnoekkel::fra_hex(&format!("{}\n", n.til_hex().as_str())).unwrap();
        assert_eq!(igjen.offentlig(), n.offentlig());
        assert_ne!(Forankringsnoekkel::generer().unwrap().offentlig(), n.offentlig(), "random");
        assert!(Forankringsnoekkel::fra_hex("abc").is_err());
        assert!(Forankringsnoekkel::fra_hex(&"zz".repeat(32)).is_err());
        assert_eq!(offentlig_fra_hex(&offentlig_hex(&n.offentlig())).unwrap(), n.offentlig());
        assert!(offentlig_fra_hex(&"ab".repeat(31)).is_err());
        // The secret never shows in `Debug`.
        let tekst = format!("{n:?}");
        assert!(!tekst.contains(n.til_hex().as_str()) && tekst.contains(&offentlig_hex(&n.offentlig())), "{tekst}");
    }

    #[test]
    fn a_checkpoint_is_one_json_line_and_reads_back() {
        let kp = noekkel(1).signer(&hode(), naa());
        let linje = serde_json::to_string(&kp).unwrap();
        assert!(!linje.contains('\n'));
        assert!(linje.starts_with(r#"{"format":"klagesak/forankring/v1","rader":5,"hode_id":7,"#), "{linje}");
        assert_eq!(serde_json::from_str::<Kontrollpunkt>(&linje).unwrap(), kp);
        assert!(serde_json::from_str::<Kontrollpunkt>(&linje.replace(r#""rader":5"#, r#""rader":5,"ekstra":1"#)).is_err());
    }
}
