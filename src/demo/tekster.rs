//! The demo's fictional texts: made-up names, diagnoses, the summary a case officer would
//! write, the municipality's statements, the governor's requests and the reasons for its
//! decisions. Mostly tables of text; the sentences are filled in from [`Fletting`].

use chrono::{Datelike, NaiveDate};

use super::bestilling::Avvisningsgrunn;
use super::innhold::{Fristprofil, Person, Tema};
use super::tilfeldig::Tilfeldig;
use crate::domain::kode::{Kategori, KlagerType, Utfall};
use crate::domain::status::Handling;

/// The words a summary and the notes are built from.
pub(super) struct Fletting {
    /// Who complains, as a sentence's subject ("Mor", "Klager", "Vergen").
    subjekt: &'static str,
    /// For whom, after "søkt om individuell plan" (" for sønnen", " på hennes vegne").
    for_hvem: &'static str,
    /// The person the plan is for: "han"/"hun", "ham"/"henne", "hans"/"hennes".
    han: &'static str,
    ham: &'static str,
    hans: &'static str,
    /// The services involved ("fastlege, BUP, PPT og skolen").
    instanser: &'static str,
    /// What the plan leaves out ("skole og fritid").
    tema: &'static str,
    /// A number of months something has dragged on.
    maaneder: u64,
    /// The year a plan was made.
    planaar: i32,
}

impl Fletting {
    fn flett(&self, mal: &str) -> String {
        let tekst = mal
            .replace("{S}", self.subjekt)
            .replace("{s}", &smaa_forbokstav(self.subjekt))
            .replace("{for}", self.for_hvem)
            .replace("{han}", self.han)
            .replace("{ham}", self.ham)
            .replace("{hans}", self.hans)
            .replace("{instanser}", self.instanser)
            .replace("{tema}", self.tema)
            .replace("{n}", &self.maaneder.to_string())
            .replace("{aar}", &self.planaar.to_string());
        stor_forbokstav(&tekst)
    }
}

fn stor_forbokstav(tekst: &str) -> String {
    let mut tegn = tekst.chars();
    match tegn.next() {
        Some(foerste) => foerste.to_uppercase().chain(tegn).collect(),
        None => String::new(),
    }
}

/// "Klager" stays "klager" mid-sentence; so do all our subjects, which are common nouns.
fn smaa_forbokstav(tekst: &str) -> String {
    let mut tegn = tekst.chars();
    match tegn.next() {
        Some(foerste) => foerste.to_lowercase().chain(tegn).collect(),
        None => String::new(),
    }
}

/// Everything about a case that its texts depend on.
pub(super) struct Innhold {
    pub(super) hovedkategori: Kategori,
    pub(super) profil: Fristprofil,
    pub(super) barnekoordinator: bool,
    pub(super) grunn: Option<Avvisningsgrunn>,
    pub(super) paaklaget_avvisning: bool,
    pub(super) fletting: Fletting,
}

/// Surnames no real family has. The "-datter" ones only for women and girls, as in life.
pub(super) const ETTERNAVN: [&str; 6] = ["Testesen", "Demosen", "Fiktivsen", "Eksempelsen", "Prøvesen", "Oppdiktsen"];
pub(super) const ETTERNAVN_KVINNE: [&str; 5] = ["Testdatter", "Demodatter", "Fiktivdatter", "Eksempeldatter", "Prøvedatter"];
const GUTTENAVN: [&str; 12] = ["Jonas", "Emil", "Lukas", "Filip", "Aksel", "Noah", "Magnus", "Oskar", "Isak", "Elias", "Tobias", "Sander"];
const JENTENAVN: [&str; 12] = ["Nora", "Emma", "Ella", "Sofie", "Maja", "Ingrid", "Sara", "Olivia", "Leah", "Frida", "Tiril", "Vilde"];
const MANNSNAVN: [&str; 10] = ["Thomas", "Kristian", "Martin", "Anders", "Stian", "Geir", "Espen", "Morten", "Lars", "Trond"];
const KVINNENAVN: [&str; 10] = ["Anne", "Hilde", "Silje", "Ida", "Camilla", "Hanne", "Kari", "Linda", "Marianne", "Tone"];
const ELDRE_MANNSNAVN: [&str; 10] = ["Arne", "Knut", "Per", "Kjell", "Odd", "Svein", "Rolf", "Harald", "Egil", "Leif"];
const ELDRE_KVINNENAVN: [&str; 10] = ["Randi", "Berit", "Solveig", "Gerd", "Astrid", "Eva", "Bjørg", "Inger", "Marit", "Liv"];

pub(super) const DIAGNOSER_BARN: [&str; 6] = [
    "autismespekterforstyrrelse",
    "ADHD og språkvansker",
    "diabetes type 1 og angst",
    "store psykiske vansker",
    "lett psykisk utviklingshemming",
    "Tourettes syndrom og lærevansker",
];
/// Serious enough for the barnekoordinator right (pbrl § 2-5 c): alvorlig sykdom, skade eller
/// nedsatt funksjonsevne.
pub(super) const DIAGNOSER_BARN_ALVORLIG: [&str; 7] = [
    "cerebral parese",
    "Downs syndrom og hjertefeil",
    "en sjelden genetisk tilstand",
    "alvorlig epilepsi",
    "en medfødt muskelsykdom",
    "kreft under behandling",
    "en ervervet hjerneskade etter en ulykke",
];
pub(super) const DIAGNOSER_UNG_VOKSEN: [&str; 8] = [
    "schizofreni",
    "rusavhengighet og psykisk lidelse",
    "psykisk utviklingshemming",
    "autisme",
    "alvorlig depresjon og angst",
    "ryggmargsskade etter en ulykke",
    "cerebral parese",
    "en hodeskade etter en trafikkulykke",
];
pub(super) const DIAGNOSER_VOKSEN: [&str; 9] = [
    "schizofreni",
    "rusavhengighet og psykisk lidelse",
    "multippel sklerose",
    "ervervet hjerneskade etter hjerneslag",
    "psykisk utviklingshemming",
    "autisme",
    "ALS",
    "alvorlig depresjon og angst",
    "ryggmargsskade etter en ulykke",
];
/// For the elderly; those who complain themselves seldom have dementia.
pub(super) const DIAGNOSER_ELDRE: [&str; 4] =
    ["Parkinsons sykdom", "lammelser etter hjerneslag", "KOLS og hjertesvikt", "kreft med spredning"];
pub(super) const DIAGNOSER_DEMENS: [&str; 3] = ["demens", "demens og diabetes", "Alzheimers sykdom"];

pub(super) fn fletting(rng: &mut Tilfeldig, person: &Person, mottatt: NaiveDate) -> Fletting {
    let Person { barn, gutt, aar, klager, .. } = *person;
    let (han, ham, hans) = if gutt { ("han", "ham", "hans") } else { ("hun", "henne", "hennes") };
    let paa_vegne = if gutt { " på hans vegne" } else { " på hennes vegne" };
    let (subjekt, for_hvem) = match klager {
        KlagerType::Forelder => {
            (rng.vektet(&[("Mor", 50), ("Far", 25), ("Foreldrene", 25)]), if gutt { " for sønnen" } else { " for datteren" })
        }
        KlagerType::PasientBruker => ("Klager", ""),
        KlagerType::Paarorende if barn => (rng.en_av(&["Besteforeldrene", "Bestemor"]), " for barnebarnet"),
        KlagerType::Paarorende if aar >= 60 => (rng.en_av(&["Datteren", "Sønnen", "Ektefellen"]), paa_vegne),
        KlagerType::Paarorende if aar < 30 => (rng.en_av(&["Moren", "Faren"]), paa_vegne),
        KlagerType::Paarorende => (rng.en_av(&["Søsteren", "Broren", "Samboeren"]), paa_vegne),
        KlagerType::Verge if barn => ("Vergen", " på barnets vegne"),
        KlagerType::Verge => ("Vergen", paa_vegne),
        KlagerType::Fullmektig => {
            (rng.en_av(&["Advokaten", "Fullmektigen"]), if barn { " på vegne av familien" } else { " på vegne av klienten" })
        }
    };
    let instanser = if barn {
        rng.en_av(&[
            "fastlege, BUP, PPT og skolen",
            "habiliteringstjenesten, fysioterapeut og barnehagen",
            "helsestasjonen, avlastning og spesialisthelsetjenesten",
        ])
    } else {
        rng.en_av(&[
            "fastlege, hjemmesykepleie, DPS og NAV",
            "rustjenesten, NAV og spesialisthelsetjenesten",
            "hjemmetjenesten, fysioterapeut og dagsenter",
        ])
    };
    let tema = match (barn, aar) {
        (true, ..=5) => rng.en_av(&["barnehagen", "avlastning for familien", "opptrening og hjelpemidler"]),
        (true, 6..=13) => rng.en_av(&["skole og fritid", "avlastning for familien", "opptrening og hjelpemidler"]),
        (true, _) => rng.en_av(&["skole og fritid", "avlastning for familien", "overgangen til voksenlivet"]),
        (false, ..=66) => rng.en_av(&["bolig og arbeid", "oppfølging etter utskrivning fra sykehus", "aktivitet og sosial kontakt"]),
        (false, _) => rng.en_av(&["oppfølging etter utskrivning fra sykehus", "aktivitet og sosial kontakt", "avlastning for ektefellen"]),
    };
    Fletting {
        subjekt,
        for_hvem,
        han,
        ham,
        hans,
        instanser,
        tema,
        maaneder: rng.tall(4, 14),
        planaar: mottatt.year() - i32::try_from(rng.tall(1, 3)).expect("a small number"),
    }
}

/// The summary a case officer would write, and whether it is about a vulnerable transition.
pub(super) fn sammendrag(rng: &mut Tilfeldig, person: &Person, tema: &Tema, innhold: &Innhold) -> (String, bool) {
    let Person { barn, gutt, aar, klager, .. } = *person;
    let kjonn = match (barn, gutt) {
        (true, true) => "gutt",
        (true, false) => "jente",
        (false, true) => "mann",
        (false, false) => "kvinne",
    };
    let diagnose = tema.diagnose;
    let mut setninger = vec![if klager == KlagerType::PasientBruker {
        format!("Klager er en {kjonn} på {aar} år med {diagnose}.")
    } else {
        format!("Saken gjelder en {kjonn} på {aar} år med {diagnose}.")
    }];
    setninger.push(hovedsetning(rng, innhold));
    for &kategori in &tema.kategorier[1..] {
        setninger.push(innhold.fletting.flett(tilleggssetning(kategori, tema.barnekoordinator)));
    }
    let saarbar_overgang = rng.sjanse(15);
    if saarbar_overgang {
        setninger.push(innhold.fletting.flett(overgangssetning(rng, barn, aar)));
    }
    match innhold.profil {
        Fristprofil::Sen => setninger.push(innhold.fletting.flett(&format!(
            "Klagen kom inn etter klagefristen. {{S}} forklarer forsinkelsen med {}.",
            rng.en_av(&[
                "at vedtaket ble sendt til feil adresse",
                "sykdom i familien",
                "at familien ikke fikk vite at vedtaket kunne påklages",
            ])
        ))),
        Fristprofil::OverEttAar => {
            setninger.push("Klagen gjelder et vedtak som er mer enn ett år gammelt.".to_owned());
        }
        Fristprofil::Unnlatelse | Fristprofil::ITide => {}
    }
    if innhold.grunn == Some(Avvisningsgrunn::IkkeKlagerett) {
        setninger.push(innhold.fletting.flett("Klagen er skrevet av {s} uten skriftlig fullmakt fra {ham}."));
    }
    (setninger.join(" "), saarbar_overgang)
}

/// A made-up name that fits the person's sex and age.
pub(super) fn navn(rng: &mut Tilfeldig, person: &Person) -> String {
    let fornavn = match (person.aar, person.gutt) {
        (..=29, true) => rng.en_av(&GUTTENAVN),
        (..=29, false) => rng.en_av(&JENTENAVN),
        (30..=59, true) => rng.en_av(&MANNSNAVN),
        (30..=59, false) => rng.en_av(&KVINNENAVN),
        (_, true) => rng.en_av(&ELDRE_MANNSNAVN),
        (_, false) => rng.en_av(&ELDRE_KVINNENAVN),
    };
    let etternavn = if !person.gutt && rng.sjanse(45) { rng.en_av(&ETTERNAVN_KVINNE) } else { rng.en_av(&ETTERNAVN) };
    format!("{fornavn} {etternavn}")
}

fn hovedsetning(rng: &mut Tilfeldig, innhold: &Innhold) -> String {
    use Kategori as K;
    let unnlatelse = innhold.profil == Fristprofil::Unnlatelse;
    let maler: &[&str] = match (innhold.hovedkategori, unnlatelse) {
        (K::IkkeIp, _) => &[
            "{S} har søkt om individuell plan{for} og fått avslag med begrunnelse i at {han} ikke har behov for langvarige og koordinerte tjenester.",
            "Kommunen har avslått søknaden om individuell plan fordi {han} i dag bare mottar én kommunal tjeneste. {S} mener behovet for koordinering er stort, med oppfølging fra {instanser}.",
            "{S} har søkt om individuell plan{for}. Kommunen mener tjenestene er godt nok samordnet gjennom faste samarbeidsmøter, og har gitt avslag.",
        ],
        (K::IkkeKoordinator, false) if innhold.barnekoordinator => &[
            "Familien har søkt om barnekoordinator og fått avslag. Kommunen mener barnets tilstand ikke er så alvorlig at familien har rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c.",
            "{S} har søkt om barnekoordinator{for}. Kommunen har gitt avslag og viser til at helsestasjonen allerede følger opp familien.",
        ],
        (K::IkkeKoordinator, false) => &[
            "{S} har søkt om koordinator{for} og fått avslag. {S} viser til at {han} får oppfølging fra {instanser}, og at ingen har ansvar for å samordne tjenestene.",
            "Kommunen har avslått søknaden om koordinator med begrunnelse i at {han} ikke har behov for langvarige og koordinerte tjenester.",
            "{S} har bedt om at det oppnevnes koordinator som del av arbeidet med individuell plan{for}, men kommunen har avslått.",
        ],
        (K::IkkeKoordinator, _) if innhold.barnekoordinator => &[
            "Familien har fått innvilget barnekoordinator, men det er ikke oppnevnt noen etter {n} måneder.",
        ],
        (K::IkkeKoordinator, _) => &[
            "Kommunen har bestemt at {han} skal ha koordinator, men ingen er oppnevnt etter {n} måneder. Kommunen opplyser at ingen har kapasitet til å ta oppgaven.",
            "Det er ikke oppnevnt koordinator, selv om {han} har hatt tjenester fra {instanser} i flere år.",
        ],
        (K::OppnevningKoordinator, false) => &[
            "{S} er uenig i hvem kommunen har oppnevnt som koordinator, og ønsker en koordinator som kjenner {hans} diagnose.",
            "Kommunen har oppnevnt en koordinator som {s} mener mangler tid og kompetanse til oppgaven. {S} har bedt om en annen koordinator og fått avslag.",
        ],
        (K::OppnevningKoordinator, true) => &[
            "Koordinatoren sluttet for {n} måneder siden, og det er ikke oppnevnt noen ny. «Ingen vil være koordinator», skriver {s}.",
            "Koordinatoren er byttet ut tre ganger på ett år, og nå er det uklart hvem som har ansvaret. {S} ber om en fast koordinator.",
        ],
        (K::PlanarbeidDrarUt, _) => &[
            "Kommunen innvilget individuell plan for {n} måneder siden, men planarbeidet har ikke kommet i gang. Det er ikke holdt noe oppstartsmøte.",
            "Arbeidet med individuell plan startet for over ett år siden, men planen er fortsatt ikke ferdig. {S} opplever at ingen tar ansvar for framdriften.",
        ],
        (K::MangelfulltInnhold, _) => &[
            "{S} mener den individuelle planen har manglende innhold: mål og tiltak er ikke konkretisert, og det går ikke fram hvem som har ansvar for hva.",
            "Planen som kommunen har utarbeidet, sier ikke noe om {tema}, som {s} mener er det viktigste behovet.",
        ],
        (K::IkkeFulgtOpp, _) => &[
            "Den individuelle planen ble utarbeidet i {aar}, men er ikke fulgt opp eller evaluert siden. Avtalte ansvarsgruppemøter er ikke holdt.",
            "Tiltakene i planen er ikke satt i verk, og koordinatoren har ikke tatt kontakt på flere måneder.",
        ],
        (K::ManglendeMedvirkning, false) => &[
            "{S} har ikke fått delta i arbeidet med planen, og mener tiltakene er bestemt uten at {han} er hørt.",
            "Planen ble vedtatt uten at {s} fikk se utkastet eller komme med innspill.",
        ],
        (K::ManglendeMedvirkning, true) => &[
            "Kommunen holder møter om planen uten å invitere {s}. Det er heller ikke lagt til rette for at {han} selv kan si sin mening.",
        ],
    };
    innhold.fletting.flett(rng.en_av(maler))
}

fn tilleggssetning(kategori: Kategori, barnekoordinator: bool) -> &'static str {
    match kategori {
        Kategori::IkkeIp => "{S} mener også at {han} har rett til individuell plan.",
        Kategori::IkkeKoordinator if barnekoordinator => "Familien har heller ikke fått barnekoordinator.",
        Kategori::IkkeKoordinator => "{S} klager i tillegg over at det ikke er oppnevnt koordinator.",
        Kategori::OppnevningKoordinator => "{S} er dessuten uenig i valget av koordinator.",
        Kategori::PlanarbeidDrarUt => "I tillegg har arbeidet med planen trukket ut i tid.",
        Kategori::MangelfulltInnhold => "{S} mener også at planen mangler konkrete mål og tiltak.",
        Kategori::IkkeFulgtOpp => "Det vises også til at tiltakene i planen ikke er fulgt opp.",
        Kategori::ManglendeMedvirkning => "{S} opplever heller ikke å ha blitt hørt i arbeidet med planen.",
    }
}

fn overgangssetning(rng: &mut Tilfeldig, barn: bool, aar: u32) -> &'static str {
    let sykehus = "Klagen peker særlig på utskrivningen fra sykehus til hjemmet, der tjenestene ikke var på plass.";
    let saerlig = match (barn, aar) {
        (true, 15..) => "Klagen peker særlig på overgangen fra barne- til voksentjenestene når {han} fyller 18 år.",
        (true, 5..=6) => "Klagen peker særlig på overgangen fra barnehage til skole.",
        (true, 11..=13) => "Klagen peker særlig på skolebyttet fra barneskole til ungdomsskole.",
        (false, ..=25) => "Klagen peker særlig på flyttingen fra foreldrehjemmet til egen bolig.",
        (false, 67..) => "Klagen peker særlig på overgangen fra hjemmetjenester til sykehjem.",
        _ => sykehus,
    };
    if rng.sjanse(70) {
        saerlig
    } else {
        sykehus
    }
}

pub(super) fn notat(rng: &mut Tilfeldig, handling: Handling, hos_statsforvalteren: bool, innhold: &Innhold) -> String {
    use Kategori as K;
    let f = &innhold.fletting;
    let unnlatelse = innhold.profil == Fristprofil::Unnlatelse;
    let koordinator = if innhold.barnekoordinator { "barnekoordinator" } else { "koordinator" };
    match handling {
        Handling::SendTilKommunen => rng
            .en_av(&[
                "Klagen kom direkte til Statsforvalteren og er sendt kommunen for forberedende behandling etter forvaltningsloven § 33.",
                "Klagen er sendt videre til kommunen, som skal vurdere saken først (forvaltningsloven § 33). Klager er orientert.",
            ])
            .to_owned(),
        Handling::GiMedhold => match innhold.hovedkategori {
            K::IkkeIp => "Kommunen har vurdert saken på nytt og innvilger individuell plan.".to_owned(),
            K::IkkeKoordinator if unnlatelse => format!("Kommunen har nå oppnevnt {koordinator}."),
            K::IkkeKoordinator => format!("Kommunen har omgjort vedtaket og oppnevnt {koordinator}."),
            K::OppnevningKoordinator => "Kommunen har oppnevnt ny koordinator i samråd med klager.".to_owned(),
            K::PlanarbeidDrarUt => {
                "Oppstartsmøte er holdt, og kommunen har satt en frist for når planen skal være ferdig.".to_owned()
            }
            K::MangelfulltInnhold => {
                "Kommunen har revidert planen med konkrete mål, tiltak og ansvarsfordeling.".to_owned()
            }
            K::IkkeFulgtOpp => "Ansvarsgruppen er kalt inn, og planen er evaluert og oppdatert.".to_owned(),
            K::ManglendeMedvirkning => {
                "Kommunen har invitert klager til et nytt planmøte og vil revidere planen sammen med klager.".to_owned()
            }
        },
        Handling::Avvis => match innhold.grunn {
            Some(Avvisningsgrunn::OverEttAar) => {
                "Kommunen avviser klagen fordi det har gått mer enn ett år siden vedtaket ble gjort.".to_owned()
            }
            Some(Avvisningsgrunn::IkkeVedtak) => {
                "Kommunen avviser klagen fordi det ikke foreligger noe vedtak å klage på.".to_owned()
            }
            Some(Avvisningsgrunn::IkkeKlagerett) => {
                "Kommunen avviser klagen fordi klageren ikke har fullmakt fra pasienten, som selv kan ivareta sine interesser.".to_owned()
            }
            Some(Avvisningsgrunn::ForSent) | None => {
                "Kommunen avviser klagen fordi den kom inn etter klagefristen på fire uker, og finner ikke grunn til å behandle den likevel.".to_owned()
            }
        },
        Handling::KlagPaaAvvisning => "Klager mener avvisningen er feil og har klaget på den. Kommunen opprettholder avvisningen og har sendt klagen til Statsforvalteren.".to_owned(),
        Handling::Oversend { delvis_medhold: true } => match innhold.hovedkategori {
            K::IkkeIp => "Kommunen gir klager medhold i at det skal oppnevnes koordinator, men opprettholder avslaget på individuell plan. Resten av klagen er sendt Statsforvalteren.".to_owned(),
            K::IkkeKoordinator => format!("Kommunen gir delvis medhold og setter i gang arbeidet med individuell plan, men mener fortsatt at det ikke er grunnlag for {koordinator}. Resten av klagen er sendt Statsforvalteren."),
            _ => "Kommunen gir delvis medhold og har rettet noen av forholdene klagen gjelder. Resten av vedtaket opprettholdes, og den delen av klagen er sendt Statsforvalteren med kommunens uttalelse.".to_owned(),
        },
        Handling::Oversend { delvis_medhold: false } => {
            let mal = match innhold.hovedkategori {
                K::IkkeIp => "Kommunen opprettholder vedtaket. Etter kommunens vurdering får {han} dekket behovene gjennom tjenestene som gis i dag, og det er ikke behov for koordinering på tvers av instanser.",
                K::IkkeKoordinator if unnlatelse => "Kommunen erkjenner at koordinator ikke er oppnevnt ennå, og viser til at koordinerende enhet har hatt ledige stillinger. Kommunen mener likevel at oppfølgingen i mellomtiden er forsvarlig.",
                K::IkkeKoordinator if innhold.barnekoordinator => "Kommunen mener barnets tilstand ikke er så alvorlig at familien har rett til barnekoordinator, og viser til at helsestasjonen følger opp familien.",
                K::IkkeKoordinator => "Kommunen fastholder at vilkårene for koordinator ikke er oppfylt. Tjenestene samordnes i dag av tildelingskontoret, og kommunen mener det er tilstrekkelig.",
                K::OppnevningKoordinator if unnlatelse => "Kommunen opplyser at den arbeider med å finne ny koordinator, og at koordinerende enhet følger opp i mellomtiden. Kommunen mener oppfølgingen er forsvarlig.",
                K::OppnevningKoordinator => "Kommunen mener valget av koordinator er faglig forsvarlig og ligger innenfor kommunens skjønn. Klagerens ønsker er vurdert, men kunne ikke imøtekommes.",
                K::PlanarbeidDrarUt => "Kommunen beklager at planarbeidet har tatt tid, og opplyser at oppstartsmøte er berammet. Kommunen mener likevel at klagen ikke gir grunn til å endre noe.",
                K::MangelfulltInnhold => "Kommunen mener planen oppfyller kravene i forskrift om habilitering og rehabilitering, individuell plan og koordinator, og at omfanget av tjenestene avgjøres i egne vedtak.",
                K::IkkeFulgtOpp => "Kommunen opplyser at planen skal evalueres på neste ansvarsgruppemøte, og mener oppfølgingen har vært forsvarlig.",
                K::ManglendeMedvirkning => "Kommunen viser til at klager ble invitert til to møter om planen, og mener retten til medvirkning er ivaretatt.",
            };
            f.flett(mal)
        }
        Handling::BeOmOpplysninger => {
            let mut maler = vec![
                "Statsforvalteren ber kommunen om kopi av den individuelle planen og referat fra siste ansvarsgruppemøte.",
                "Statsforvalteren ber kommunen gjøre rede for hvilke tjenester {han} mottar i dag, og hvem som samordner dem.",
            ];
            if unnlatelse {
                maler.push("Statsforvalteren ber kommunen om en framdriftsplan for arbeidet med den individuelle planen.");
            } else {
                maler.push("Statsforvalteren ber om kartleggingen og journalnotatene som vedtaket bygger på.");
            }
            if matches!(innhold.hovedkategori, K::IkkeKoordinator | K::OppnevningKoordinator) {
                maler.push("Statsforvalteren ber kommunen opplyse hvorfor det ikke er oppnevnt koordinator, og når det vil skje.");
            }
            f.flett(rng.en_av(&maler))
        }
        Handling::SvarPaaOpplysninger => rng
            .en_av(&[
                "Kommunen har sendt de etterspurte opplysningene. De er forelagt klager til uttalelse.",
                "Kommunen har svart og lagt ved planen og møtereferatene. Klager har fått kopi og frist til å uttale seg.",
            ])
            .to_owned(),
        Handling::Trekk if !hos_statsforvalteren => rng
            .en_av(&[
                "Klager trakk klagen etter et møte med koordinerende enhet.",
                "Klager trakk klagen etter at kommunen la fram en plan for videre oppfølging.",
            ])
            .to_owned(),
        Handling::Trekk => rng
            .en_av(&[
                "Klager har trukket klagen etter at kommunen satte i gang arbeidet med planen.",
                "Klager har flyttet til en annen kommune og trukket klagen.",
                "Klager har trukket klagen etter å ha kommet til enighet med kommunen.",
            ])
            .to_owned(),
        Handling::ForeslaaVedtak { utfall } => f.flett(&begrunnelse(rng, utfall, innhold)),
        // Fixed texts, no random draw: approving adds nothing to the reason.
        Handling::Godkjenn => "Forslaget er godkjent, og vedtaket er sendt partene.".to_owned(),
        Handling::SendTilbake => "Forslaget er sendt tilbake for ny vurdering.".to_owned(),
    }
}

/// The one-sentence reason that goes with a decision.
fn begrunnelse(rng: &mut Tilfeldig, utfall: Utfall, innhold: &Innhold) -> String {
    use Kategori as K;
    let koordinator = if innhold.barnekoordinator { "barnekoordinator" } else { "koordinator" };
    if innhold.paaklaget_avvisning {
        return match (utfall, innhold.grunn) {
            (Utfall::Opphevet, Some(Avvisningsgrunn::IkkeVedtak)) => "Statsforvalteren opphever avvisningen. En klage over at retten til individuell plan eller koordinator ikke er oppfylt, krever ikke et eget vedtak, og kommunen må behandle klagen.".to_owned(),
            (Utfall::Opphevet, Some(Avvisningsgrunn::IkkeKlagerett)) => "Statsforvalteren opphever avvisningen fordi fullmakt nå er lagt fram. Kommunen må behandle klagen.".to_owned(),
            (Utfall::Opphevet, _) => "Statsforvalteren opphever avvisningen. Det er særlige grunner til å behandle klagen selv om den kom for sent, og kommunen må behandle den på nytt.".to_owned(),
            _ => "Statsforvalteren er enig i at kommunen hadde grunnlag for å avvise klagen, og stadfester avvisningen.".to_owned(),
        };
    }
    let unnlatelse = innhold.profil == Fristprofil::Unnlatelse;
    let tekst = match utfall {
        Utfall::Stadfestet => match innhold.hovedkategori {
            K::IkkeIp => "Statsforvalteren er enig med kommunen i at vilkåret om behov for langvarige og koordinerte tjenester ikke er oppfylt.".to_owned(),
            K::IkkeKoordinator if innhold.barnekoordinator => "Statsforvalteren finner at vilkårene for barnekoordinator i pasient- og brukerrettighetsloven § 2-5 c ikke er oppfylt.".to_owned(),
            K::IkkeKoordinator if unnlatelse => format!("Statsforvalteren finner at kommunen nå har oppnevnt {koordinator}, og at plikten er oppfylt."),
            K::IkkeKoordinator => "Statsforvalteren finner at tjenestene i dag er tilstrekkelig samordnet, og at vilkårene for koordinator ikke er oppfylt.".to_owned(),
            K::OppnevningKoordinator if unnlatelse => "Statsforvalteren finner at kommunen nå har oppnevnt ny koordinator, og at plikten er oppfylt.".to_owned(),
            K::OppnevningKoordinator => "Hvem som oppnevnes som koordinator, ligger innenfor kommunens frie skjønn, og Statsforvalteren finner ikke grunn til å overprøve valget.".to_owned(),
            K::PlanarbeidDrarUt => "Statsforvalteren finner at kommunen nå har satt i gang planarbeidet med en forsvarlig framdriftsplan.".to_owned(),
            K::MangelfulltInnhold => "Statsforvalteren finner at planen har det innholdet forskriften krever, og at omfanget av tjenestene må avgjøres i egne vedtak.".to_owned(),
            K::IkkeFulgtOpp => "Statsforvalteren finner at planen er evaluert og fulgt opp i tråd med kravene.".to_owned(),
            K::ManglendeMedvirkning => "Statsforvalteren finner at klager har fått mulighet til å medvirke, og at retten etter pasient- og brukerrettighetsloven § 3-1 er ivaretatt.".to_owned(),
        },
        Utfall::Endret => match innhold.hovedkategori {
            K::IkkeIp => "Statsforvalteren finner at {han} har behov for langvarige og koordinerte tjenester, og endrer vedtaket slik at kommunen skal utarbeide individuell plan.".to_owned(),
            K::IkkeKoordinator if unnlatelse => format!("Statsforvalteren finner at kommunen ikke har oppfylt plikten til å oppnevne {koordinator}, og gir klager medhold."),
            K::IkkeKoordinator => format!("Statsforvalteren finner at vilkårene for {koordinator} er oppfylt, og gir klager medhold."),
            K::OppnevningKoordinator if unnlatelse => "Statsforvalteren finner at kommunen ikke har sørget for at det er oppnevnt koordinator, og gir klager medhold.".to_owned(),
            K::OppnevningKoordinator => "Statsforvalteren finner at kommunen ikke har tatt nok hensyn til klagerens behov, og gir klager medhold i at ny koordinator skal oppnevnes.".to_owned(),
            K::PlanarbeidDrarUt => "Statsforvalteren finner at kommunen ikke har utarbeidet planen innen rimelig tid, og gir klager medhold.".to_owned(),
            K::MangelfulltInnhold => "Statsforvalteren finner at planen mangler konkrete mål, tiltak og ansvarsfordeling, og gir klager medhold.".to_owned(),
            K::IkkeFulgtOpp => "Statsforvalteren finner at planen ikke er fulgt opp slik forskriften krever, og gir klager medhold.".to_owned(),
            K::ManglendeMedvirkning => "Statsforvalteren finner at klager ikke har fått medvirke i tilstrekkelig grad, og gir klager medhold.".to_owned(),
        },
        Utfall::Opphevet if unnlatelse => "Statsforvalteren opphever kommunens avgjørelse fordi saken ikke er godt nok utredet. Kommunen må ta stilling til retten i et nytt, begrunnet vedtak.".to_owned(),
        Utfall::Opphevet => rng
            .en_av(&[
                "Vedtaket oppheves fordi kommunen ikke har kartlagt behovet godt nok. Kommunen må behandle saken på nytt.",
                "Vedtaket oppheves fordi begrunnelsen ikke viser hvilke hensyn kommunen har lagt vekt på. Kommunen må behandle saken på nytt.",
            ])
            .to_owned(),
        Utfall::Avvist => match innhold.grunn {
            Some(Avvisningsgrunn::OverEttAar) => "Klagen avvises fordi det har gått mer enn ett år siden vedtaket ble gjort (forvaltningsloven § 31 tredje ledd).".to_owned(),
            Some(Avvisningsgrunn::IkkeKlagerett) => "Klagen avvises fordi klageren ikke har fullmakt fra pasienten og derfor ikke har klagerett i saken.".to_owned(),
            _ => "Klagen avvises fordi den kom inn etter klagefristen, og det er ikke særlige grunner til å behandle den likevel (forvaltningsloven § 31).".to_owned(),
        },
        // A withdrawal is a `Trekk`, never a decision; kept total for the compiler's sake.
        Utfall::Trukket => "Saken er avsluttet fordi klagen er trukket.".to_owned(),
    };
    if innhold.profil == Fristprofil::Sen && utfall != Utfall::Avvist {
        format!("Klagen er behandlet selv om den kom for sent, jf. forvaltningsloven § 31. {tekst}")
    } else {
        tekst
    }
}
