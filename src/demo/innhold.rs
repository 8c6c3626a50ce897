//! Who complains, and about what: the decision complained about and how the complaint stands
//! to the deadlines, the person the plan is for and who complains for them, the categories and
//! rights, and the synthetic fødselsnummer. The words are in [`super::tekster`].

use chrono::{Days, Months, NaiveDate};

use super::bestilling::{Avvisningsgrunn, Forloep, Slutt};
use super::kalender::{alder, dato, minus, pluss, virkedag_tilbake};
use super::tekster::{DIAGNOSER_BARN, DIAGNOSER_BARN_ALVORLIG, DIAGNOSER_DEMENS, DIAGNOSER_ELDRE, DIAGNOSER_UNG_VOKSEN, DIAGNOSER_VOKSEN};
use super::tilfeldig::Tilfeldig;
use crate::domain::fnr::Fodselsnummer;
use crate::domain::kode::{Kategori, KlagerType, Rettighet, Utfall};

/// How the complaint's dates relate to the deadlines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fristprofil {
    /// About an omission: no decision, no deadline.
    Unnlatelse,
    ITide,
    /// After the klagefrist, within the year.
    Sen,
    OverEttAar,
}

pub(super) fn primaerkategori(rng: &mut Tilfeldig, unnlatelse: bool, koordinator_mulig: bool) -> Kategori {
    let koordinator = if koordinator_mulig { 20 } else { 6 };
    if unnlatelse {
        rng.vektet(&[
            (Kategori::PlanarbeidDrarUt, 35),
            (Kategori::IkkeFulgtOpp, 30),
            (Kategori::IkkeKoordinator, koordinator),
            (Kategori::OppnevningKoordinator, 10),
            (Kategori::ManglendeMedvirkning, 5),
        ])
    } else {
        rng.vektet(&[
            (Kategori::IkkeIp, 36),
            (Kategori::IkkeKoordinator, koordinator),
            (Kategori::MangelfulltInnhold, 18),
            (Kategori::OppnevningKoordinator, 10),
            (Kategori::ManglendeMedvirkning, 8),
        ])
    }
}

/// Categories that go well with the main one in the same complaint.
pub(super) fn tilleggskategorier(hoved: Kategori) -> &'static [Kategori] {
    use Kategori as K;
    match hoved {
        K::IkkeIp => &[K::IkkeKoordinator, K::ManglendeMedvirkning],
        K::IkkeKoordinator => &[K::IkkeIp, K::ManglendeMedvirkning, K::PlanarbeidDrarUt],
        K::OppnevningKoordinator => &[K::ManglendeMedvirkning, K::IkkeFulgtOpp],
        K::PlanarbeidDrarUt => &[K::IkkeKoordinator, K::ManglendeMedvirkning],
        K::MangelfulltInnhold => &[K::ManglendeMedvirkning, K::IkkeFulgtOpp, K::OppnevningKoordinator],
        K::IkkeFulgtOpp => &[K::OppnevningKoordinator, K::ManglendeMedvirkning, K::MangelfulltInnhold],
        K::ManglendeMedvirkning => &[K::MangelfulltInnhold, K::IkkeFulgtOpp],
    }
}

/// The decision complained about and how the complaint stands to the deadlines.
pub(super) struct Klagegrunnlag {
    pub(super) grunn: Option<Avvisningsgrunn>,
    pub(super) profil: Fristprofil,
    pub(super) vedtaksdato: Option<NaiveDate>,
    pub(super) kjent_dato: Option<NaiveDate>,
    /// The case may concern koordinator or barnekoordinator (rights from 1 August 2022).
    pub(super) koordinator_mulig: bool,
}

pub(super) fn klagegrunnlag(rng: &mut Tilfeldig, forloep: Forloep, mottatt: NaiveDate) -> Klagegrunnlag {
    let grunn = forloep.avvisningsgrunn().or_else(|| {
        (forloep.slutt() == Some(Slutt::Avgjoer(Utfall::Avvist)))
            .then(|| rng.vektet(&[(Avvisningsgrunn::ForSent, 55), (Avvisningsgrunn::OverEttAar, 20), (Avvisningsgrunn::IkkeKlagerett, 25)]))
    });
    let profil = match grunn {
        Some(Avvisningsgrunn::ForSent) => Fristprofil::Sen,
        Some(Avvisningsgrunn::OverEttAar) => Fristprofil::OverEttAar,
        Some(Avvisningsgrunn::IkkeVedtak) => Fristprofil::Unnlatelse,
        _ if rng.sjanse(27) => Fristprofil::Unnlatelse,
        _ if rng.sjanse(4) => Fristprofil::Sen,
        _ => Fristprofil::ITide,
    };
    let (vedtaksdato, kjent_dato) = match profil {
        Fristprofil::Unnlatelse => (None, None),
        Fristprofil::ITide => {
            let kjent = minus(mottatt, rng.tall(2, 24));
            let vedtak = virkedag_tilbake(minus(kjent, rng.tall(0, 6)));
            // Sometimes the officer does not know when the letter arrived; then the deadline
            // runs from the decision, which is still well within four weeks here.
            let ukjent = (mottatt - vedtak).num_days() <= 21 && rng.sjanse(10);
            (Some(vedtak), (!ukjent).then_some(kjent))
        }
        Fristprofil::Sen => {
            let kjent = minus(mottatt, rng.tall(36, 110));
            (Some(virkedag_tilbake(minus(kjent, rng.tall(0, 6)))), Some(kjent))
        }
        Fristprofil::OverEttAar => {
            let vedtak = virkedag_tilbake(minus(mottatt, rng.tall(380, 520)));
            (Some(vedtak), Some(pluss(vedtak, rng.tall(1, 6))))
        }
    };
    // Only for decisions from 1 August 2022, or for omissions complained about so long after
    // it that the months they mention fall after it.
    let koordinator_mulig = match vedtaksdato {
        Some(vedtak) => vedtak >= dato(2022, 8, 1),
        None => mottatt >= dato(2023, 10, 1),
    };
    Klagegrunnlag { grunn, profil, vedtaksdato, kjent_dato, koordinator_mulig }
}

/// The person the plan is for, and who complains.
pub(super) struct Person {
    pub(super) barn: bool,
    pub(super) gutt: bool,
    /// Age in whole years on the receipt date.
    pub(super) aar: u32,
    pub(super) foedt: NaiveDate,
    pub(super) klager: KlagerType,
}

pub(super) fn person(rng: &mut Tilfeldig, mottatt: NaiveDate, ikke_klagerett: bool) -> Person {
    // Only an adult patient can leave a relative without the right to complain.
    let barn = !ikke_klagerett && rng.sjanse(42);
    let gutt = rng.sjanse(50);
    let aar = if barn {
        rng.tall(2, 17)
    } else {
        match rng.vektet(&[(0, 25), (1, 25), (2, 20), (3, 30)]) {
            0 => rng.tall(18, 29),
            1 => rng.tall(30, 49),
            2 => rng.tall(50, 66),
            _ => rng.tall(67, 93),
        }
    };
    // Less than a year before the birthday: the age on the receipt date stays `aar`.
    let foedt = mottatt.checked_sub_months(Months::new(12 * u32::try_from(aar).expect("a small number"))).expect("a date in range")
        - Days::new(rng.tall(0, 364));
    let aar = alder(foedt, mottatt);
    let klager = if ikke_klagerett {
        KlagerType::Paarorende
    } else if barn {
        rng.vektet(&[(KlagerType::Forelder, 84), (KlagerType::Fullmektig, 8), (KlagerType::Verge, 4), (KlagerType::Paarorende, 4)])
    } else if aar >= 67 {
        rng.vektet(&[(KlagerType::PasientBruker, 25), (KlagerType::Paarorende, 45), (KlagerType::Verge, 20), (KlagerType::Fullmektig, 10)])
    } else {
        rng.vektet(&[(KlagerType::PasientBruker, 48), (KlagerType::Paarorende, 20), (KlagerType::Verge, 17), (KlagerType::Fullmektig, 15)])
    };
    Person { barn, gutt, aar, foedt, klager }
}

/// What the complaint is about: the categories (the main one first), the rights they concern,
/// and the person's diagnosis.
pub(super) struct Tema {
    pub(super) kategorier: Vec<Kategori>,
    pub(super) rettigheter: Vec<Rettighet>,
    pub(super) barnekoordinator: bool,
    pub(super) diagnose: &'static str,
}

pub(super) fn tema(rng: &mut Tilfeldig, person: &Person, grunnlag: &Klagegrunnlag) -> Tema {
    let unnlatelse = grunnlag.profil == Fristprofil::Unnlatelse;
    let hovedkategori = primaerkategori(rng, unnlatelse, grunnlag.koordinator_mulig);
    let mut kategorier = vec![hovedkategori];
    if rng.sjanse(32) {
        let tillegg = tilleggskategorier(hovedkategori);
        kategorier.push(rng.en_av(tillegg));
        if rng.sjanse(15) {
            let tredje = rng.en_av(tillegg);
            if !kategorier.contains(&tredje) {
                kategorier.push(tredje);
            }
        }
    }
    let om_koordinator = kategorier.iter().any(|k| matches!(k, Kategori::IkkeKoordinator | Kategori::OppnevningKoordinator));
    let barnekoordinator = grunnlag.koordinator_mulig && om_koordinator && person.barn && rng.sjanse(60);
    let mut rettigheter = Vec::new();
    for kategori in &kategorier {
        let rett = match kategori {
            // Before the coordinator rights, a coordinator was part of the right to a plan.
            Kategori::IkkeKoordinator | Kategori::OppnevningKoordinator if grunnlag.koordinator_mulig => {
                if barnekoordinator {
                    Rettighet::Barnekoordinator
                } else {
                    Rettighet::Koordinator
                }
            }
            Kategori::ManglendeMedvirkning => Rettighet::Medvirkning,
            _ => Rettighet::Ip,
        };
        if !rettigheter.contains(&rett) {
            rettigheter.push(rett);
        }
    }
    // Participation is always participation in something: the plan, here.
    if rettigheter == [Rettighet::Medvirkning] {
        rettigheter.insert(0, Rettighet::Ip);
    }
    let diagnose = if person.barn {
        // The milder diagnoses are seldom made, or complained about, for the youngest.
        if barnekoordinator || person.aar < 5 || rng.sjanse(50) {
            rng.en_av(&DIAGNOSER_BARN_ALVORLIG)
        } else {
            rng.en_av(&DIAGNOSER_BARN)
        }
    } else if person.aar >= 67 {
        if person.klager != KlagerType::PasientBruker && rng.sjanse(60) {
            rng.en_av(&DIAGNOSER_DEMENS)
        } else {
            rng.en_av(&DIAGNOSER_ELDRE)
        }
    } else if person.aar < 35 {
        rng.en_av(&DIAGNOSER_UNG_VOKSEN)
    } else {
        rng.en_av(&DIAGNOSER_VOKSEN)
    };
    Tema { kategorier, rettigheter, barnekoordinator, diagnose }
}

/// About half the cases have a fødselsnummer: always a synthetic one (month + 80).
pub(super) fn fnr(rng: &mut Tilfeldig, person: &Person) -> String {
    if !rng.sjanse(50) {
        return String::new();
    }
    let loepenummer = u32::try_from(rng.tall(0, 999)).expect("a small number");
    Fodselsnummer::syntetisk(person.foedt, loepenummer).map(|f| f.som_tekst().to_owned()).unwrap_or_default()
}
