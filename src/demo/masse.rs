//! Bulk generation for the statistics benchmark and load tests: many complaints as the
//! statistics see them, with the demo's municipality weights and categories, on a random
//! stream of their own.

use chrono::Datelike;

use super::bestilling::velg_kommune;
use super::innhold::{primaerkategori, tilleggskategorier};
use super::kalender::{dag_i, dato, pluss};
use super::tilfeldig::Tilfeldig;
use super::{referansedag, FROE};
use crate::domain::kode::{Aldersgruppe, Rettighet, Utfall};
use crate::domain::statistikk::dashbord::Statistikksak;
use crate::domain::status::Status;

/// Bulk generation for the statistics benchmark and load tests: `antall` complaints as the
/// statistics see them (no person, no text), received evenly over the `aar` years that end on
/// the reference day, with the demo's municipality weights and categories. Deterministic, and
/// a stream of its own: [`generer`](super::generer) is unaffected. Load them with
/// `db::statistikk::last_inn_statistikkrader`.
pub fn statistikkrader(antall: u64, aar: u32) -> impl Iterator<Item = Statistikksak> {
    let slutt = referansedag();
    let start = dato(slutt.year() - aar as i32, slutt.month(), slutt.day()).succ_opt().unwrap_or(slutt);
    let mut rng = Tilfeldig::ny(FROE ^ 0x5354_4154_4953_544b);
    (0..antall).map(move |_| {
        let kommune = velg_kommune(&mut rng, None);
        let mottatt = dag_i(&mut rng, start, slutt);
        let koordinator_mulig = mottatt >= dato(2022, 8, 1);
        let unnlatelse = rng.sjanse(50);
        let hoved = primaerkategori(&mut rng, unnlatelse, koordinator_mulig);
        let mut kategorier = vec![hoved];
        if rng.sjanse(30) {
            kategorier.push(rng.en_av(tilleggskategorier(hoved)));
        }
        let mut rettigheter = vec![Rettighet::Ip];
        if koordinator_mulig && rng.sjanse(30) {
            rettigheter.push(rng.vektet(&[(Rettighet::Koordinator, 3), (Rettighet::Barnekoordinator, 1)]));
        }
        if rng.sjanse(10) {
            rettigheter.push(Rettighet::Medvirkning);
        }
        let aldersgruppe = if rng.sjanse(35) { Aldersgruppe::Barn } else { Aldersgruppe::Voksen };
        // Most cases are decided within 3 months; a tail takes much longer.
        let dager = if rng.sjanse(85) { rng.tall(10, 90) } else { rng.tall(91, 300) };
        let avgjort = pluss(mottatt, dager);
        let medhold = rng.sjanse(8);
        let (status, utfall, mottatt_sf, avgjort, avsluttet) = if medhold {
            ("medhold_hos_kommunen", None, None, None, Some(mottatt))
        } else if avgjort <= slutt {
            let utfall = rng.vektet(&[
                (Utfall::Stadfestet, 55),
                (Utfall::Endret, 25),
                (Utfall::Opphevet, 10),
                (Utfall::Avvist, 5),
                (Utfall::Trukket, 5),
            ]);
            ("avgjort", Some(utfall), Some(mottatt), Some(avgjort), None)
        } else {
            (rng.en_av(&["under_vurdering", "mottatt_hos_statsforvalter", "venter_paa_kommunen"]), None, Some(mottatt), None, None)
        };
        Statistikksak {
            statsforvalter: kommune.statsforvalter.clone(),
            kommune: kommune.nummer.clone(),
            status: Status::fra_kode(status).expect("the demo's own codes"),
            utfall,
            mottatt_statsforvalter: mottatt_sf,
            avgjort,
            avsluttet_kommune: avsluttet,
            aldersgruppe,
            rettigheter,
            kategorier,
        }
    })
}
