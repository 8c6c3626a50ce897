//! Every text of the user interface, in bokmål and nynorsk side by side.
//!
//! One mechanism for all of it: a `T(bokmål, nynorsk)` constant, read with `.i(sprak)`. Labels
//! of codes (outcomes, rights, statuses) live with the codes in `domain`. Keeping the pairs
//! together makes a missing translation visible at a glance and impossible to compile.

use crate::domain::sprak::Sprak;

/// A text in both written forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    /// The text in the given language.
    pub fn i(self, sprak: Sprak) -> &'static str {
        sprak.velg(self.0, self.1)
    }
}

// The frame
pub const APPNAVN: T = T("Klagesak", "Klagesak");
pub const HOPP_TIL_INNHOLD: T = T("Hopp til hovedinnholdet", "Hopp til hovudinnhaldet");
pub const HOVEDMENY: T = T("Hovedmeny", "Hovudmeny");
pub const SPRAKVALG: T = T("Språk", "Språk");
pub const SAKER: T = T("Saker", "Saker");
pub const NY_KLAGE: T = T("Registrer klage", "Registrer klage");
pub const STATISTIKK: T = T("Statistikk", "Statistikk");
pub const BUNNTEKST: T = T(
    "Klagesak – klager på individuell plan og koordinator, for Statsforvalteren.",
    "Klagesak – klager på individuell plan og koordinator, for Statsforvaltaren.",
);
pub const IKKE_FUNNET: T = T("Siden finnes ikke", "Sida finst ikkje");
pub const IKKE_FUNNET_FORKLARING: T = T(
    "Vi fant ikke det du lette etter. Sjekk adressen, eller gå tilbake til forsiden.",
    "Vi fann ikkje det du leitte etter. Sjekk adressa, eller gå tilbake til framsida.",
);
pub const TIL_FORSIDEN: T = T("Til forsiden", "Til framsida");
pub const LASTER: T = T("Laster …", "Lastar …");
pub const FEIL_VED_HENTING: T =
    T("Noe gikk galt da vi hentet dataene. Prøv igjen om litt.", "Noko gjekk gale då vi henta dataa. Prøv igjen om litt.");

// Front page
pub const FORSIDE_TITTEL: T = T("Klager på individuell plan og koordinator", "Klager på individuell plan og koordinator");
pub const FORSIDE_INGRESS: T = T(
    "Registrer og behandle klager etter pasient- og brukerrettighetsloven §§ 2-5, 2-5 b, 2-5 c og 3-1, fra mottak til vedtak, og se landsoversikten.",
    "Registrer og behandle klager etter pasient- og brukarrettslova §§ 2-5, 2-5 b, 2-5 c og 3-1, frå mottak til vedtak, og sjå landsoversikta.",
);

// Case list
pub const SAKSLISTE_TITTEL: T = T("Klagesaker", "Klagesaker");
pub const TILGANG_TITTEL: T = T("Hvem har tilgang til embetets saker", "Kven har tilgang til sakene til embetet");
pub const TILGANG_NAVN: T = T("Navn", "Namn");
pub const TILGANG_EPOST: T = T("E-post", "E-post");
pub const TILGANG_ROLLER: T = T("Roller", "Roller");
pub const TILGANG_SIDEN: T = T("Tilgang siden", "Tilgang sidan");
pub const TILGANG_STATUS: T = T("Status", "Status");
pub const TILGANG_AKTIV: T = T("Aktiv", "Aktiv");
pub const TILGANG_DEAKTIVERT: T = T("Deaktivert", "Deaktivert");
pub const FILTRER: T = T("Filtrer", "Filtrer");
pub const VIS: T = T("Vis", "Vis");
pub const NULLSTILL: T = T("Nullstill", "Nullstill");
pub const ALLE: T = T("Alle", "Alle");
pub const STATSFORVALTER: T = T("Statsforvalter", "Statsforvaltar");
pub const KOMMUNE: T = T("Kommune", "Kommune");
pub const STATUS: T = T("Status", "Status");
pub const KATEGORI: T = T("Hva klagen gjelder", "Kva klaga gjeld");
pub const AAR: T = T("År mottatt", "År motteke");
pub const SOK_SAKSNUMMER: T = T("Saksnummer", "Saksnummer");
pub const SOK_SAKSNUMMER_HJELP: T =
    T("For eksempel 2023/14, eller 2023/ for alle fra det året.", "Til dømes 2023/14, eller 2023/ for alle frå det året.");
pub const MOTTATT: T = T("Mottatt", "Motteke");
pub const INGEN_SAKER: T = T("Ingen saker passer med filteret.", "Ingen saker passar med filteret.");
pub const ANTALL_SAKER: T = T("saker", "saker");
pub const UTEN_SAKSNUMMER: T = T("(ikke hos Statsforvalteren ennå)", "(ikkje hos Statsforvaltaren enno)");
pub const FORRIGE_SIDE: T = T("Forrige side", "Førre side");
pub const NESTE_SIDE: T = T("Neste side", "Neste side");
pub const SIDE: T = T("Side", "Side");
pub const SAKSLISTE_TABELL: T = T("Klagesaker", "Klagesaker");

// Registration form
pub const NY_TITTEL: T = T("Registrer klage", "Registrer klage");
pub const NY_INGRESS: T = T(
    "Felt merket med * må fylles ut. Klagen registreres der den kom inn.",
    "Felt merka med * må fyllast ut. Klaga blir registrert der ho kom inn.",
);
pub const FEILOPPSUMMERING: T =
    T("Skjemaet har feil. Rett opp dette før du sender inn:", "Skjemaet har feil. Rett opp dette før du sender inn:");
pub const LAGRINGSFEIL: T = T(
    "Klagen kunne ikke lagres på grunn av en teknisk feil. Det du skrev, står fortsatt i skjemaet. Prøv igjen.",
    "Klaga kunne ikkje lagrast på grunn av ein teknisk feil. Det du skreiv, står framleis i skjemaet. Prøv igjen.",
);
pub const VELG: T = T("Velg …", "Vel …");
pub const OBLIGATORISK: T = T(" *", " *");
pub const MOTTAKER: T = T("Hvor kom klagen inn?", "Kvar kom klaga inn?");
pub const MOTTATT_DATO: T = T("Dato mottatt", "Dato motteken");
pub const VEDTAKSDATO: T = T("Dato for vedtaket det klages på", "Dato for vedtaket det blir klaga på");
pub const VEDTAKSDATO_HJELP: T = T(
    "La stå tom hvis klagen gjelder noe som ikke er gjort (for eksempel at planarbeidet drar ut).",
    "La stå tom dersom klaga gjeld noko som ikkje er gjort (til dømes at planarbeidet dreg ut).",
);
pub const KJENT_DATO: T = T("Dato klageren fikk vite om vedtaket", "Dato klagaren fekk vite om vedtaket");
pub const KLAGER: T = T("Hvem klager?", "Kven klagar?");
pub const ALDERSGRUPPE: T = T("Aldersgruppe", "Aldersgruppe");
pub const NAVN: T = T("Navn på pasient eller bruker", "Namn på pasient eller brukar");
pub const FNR: T = T("Fødselsnummer eller D-nummer", "Fødselsnummer eller D-nummer");
pub const FNR_HJELP: T = T("11 siffer. Vises maskert etter registrering.", "11 siffer. Blir vist maskert etter registrering.");
pub const RETTIGHETER: T = T("Rettigheter klagen gjelder", "Rettar klaga gjeld");
pub const KATEGORIER: T = T("Hva klagen gjelder", "Kva klaga gjeld");
pub const SAARBAR_OVERGANG: T = T(
    "Gjelder manglende koordinering i en sårbar overgang (barn til voksen, sykehus til hjem, skolebytte)",
    "Gjeld manglande koordinering i ei sårbar overgang (barn til vaksen, sjukehus til heim, skulebyte)",
);
pub const TEMA: T = T("Tema", "Tema");
pub const SAMMENDRAG: T = T("Kort sammendrag av klagen", "Kort samandrag av klaga");
pub const TEGN: T = T("tegn", "teikn");
pub const REGISTRER: T = T("Registrer klagen", "Registrer klaga");
pub const VALGFRITT: T = T(" (valgfritt)", " (valfritt)");

// Case page
pub const SAK: T = T("Sak", "Sak");
pub const SAKSOPPLYSNINGER: T = T("Saksopplysninger", "Saksopplysningar");
pub const FRISTER: T = T("Frister", "Fristar");
pub const KLAGEFRIST: T = T("Klagefrist", "Klagefrist");
pub const INGEN_KLAGEFRIST: T = T("Løper ikke (klagen gjelder en unnlatelse)", "Går ikkje (klaga gjeld ei unnlating)");
pub const FORELOPIG_SVAR: T = T("Foreløpig svar senest", "Førebels svar seinast");
pub const MAALDATO: T = T("Måldato (3 måneder)", "Måldato (3 månader)");
pub const ADVARSLER: T = T("Merk", "Merk");
pub const HISTORIKK: T = T("Historikk", "Historikk");
pub const TIDSPUNKT: T = T("Tidspunkt", "Tidspunkt");
pub const HANDLING: T = T("Handling", "Handling");
pub const ENDRING: T = T("Endring", "Endring");
pub const NOTAT: T = T("Notat", "Notat");
pub const NESTE_STEG: T = T("Neste steg", "Neste steg");
pub const INGEN_STEG: T = T("Saken er avsluttet. Ingen flere steg er mulige.", "Saka er avslutta. Ingen fleire steg er moglege.");
pub const INGEN_STEG_FOR_DEG: T = T(
    "Saken ligger nå hos den andre parten. Du har ingen steg å utføre før den kommer tilbake.",
    "Saka ligg no hos den andre parten. Du har ingen steg å utføre før ho kjem tilbake.",
);
pub const VELG_HANDLING: T = T("Velg handling", "Vel handling");
pub const DATO: T = T("Dato", "Dato");
pub const DELVIS_MEDHOLD: T =
    T("Kommunen har gitt delvis medhold (resten sendes videre)", "Kommunen har gitt delvis medhald (resten blir send vidare)");
pub const UTFOER: T = T("Utfør", "Utfør");
pub const NOTAT_HJELP: T = T(
    "Kommunens uttalelse ved oversending, hva det bes om ved forespørsel, kort begrunnelse ved forslag til vedtak, og hvorfor et forslag sendes tilbake.",
    "Kommunen si fråsegn ved oversending, kva det blir bede om ved førespurnad, kort grunngiving ved framlegg til vedtak, og kvifor eit framlegg blir sendt tilbake.",
);
pub const UTFALL: T = T("Utfall", "Utfall");
pub const AVGJORT: T = T("Avgjort", "Avgjort");
pub const JA: T = T("Ja", "Ja");
pub const NEI: T = T("Nei", "Nei");
pub const IKKE_OPPGITT: T = T("Ikke oppgitt", "Ikkje oppgitt");
pub const MOTTATT_KOMMUNE: T = T("Mottatt i kommunen", "Motteke i kommunen");
pub const MOTTATT_SF: T = T("Mottatt hos Statsforvalteren", "Motteke hos Statsforvaltaren");
pub const AVSLUTTET_KOMMUNE: T = T("Avsluttet i kommunen", "Avslutta i kommunen");
pub const REGISTRERT: T = T("Registrert", "Registrert");

// Step errors
pub const STEG_FEIL_UKJENT: T = T("Velg en handling fra listen.", "Vel ei handling frå lista.");
pub const STEG_FEIL_DATO: T = T("Skriv datoen som dd.mm.åååå.", "Skriv datoen som dd.mm.åååå.");
pub const STEG_FEIL_FREMTID: T = T("Datoen kan ikke være fram i tid.", "Datoen kan ikkje vere fram i tid.");
pub const STEG_FEIL_NOTAT: T = T("Dette steget krever et notat.", "Dette steget krev eit notat.");
pub const STEG_FEIL_NOTAT_LANGT: T = T("Notatet er for langt: det kan ha høyst", "Notatet er for langt: det kan ha høgst");
pub const STEG_FEIL_TIDLIG: T = T("Datoen kan ikke være før", "Datoen kan ikkje vere før");
pub const STEG_FEIL_KONFLIKT: T = T(
    "Saken ble endret av noen andre mens du arbeidet. Se den oppdaterte saken og prøv igjen.",
    "Saka vart endra av nokon andre medan du arbeidde. Sjå den oppdaterte saka og prøv igjen.",
);
pub const STEG_FEIL_LAGRING: T = T(
    "Steget kunne ikke lagres på grunn av en teknisk feil. Ingenting er endret. Prøv igjen.",
    "Steget kunne ikkje lagrast på grunn av ein teknisk feil. Ingenting er endra. Prøv igjen.",
);

pub const OVERFOER_TITTEL: T = T("Overfør til et annet embete", "Overfør til eit anna embete");
pub const OVERFOER_INGRESS: T = T(
    "Saken behandles av embetet kommunen hører til. Overfør bare når et annet embete skal behandle den (for eksempel ved inhabilitet).",
    "Saka blir behandla av embetet kommunen høyrer til. Overfør berre når eit anna embete skal behandle henne (til dømes ved inhabilitet).",
);
pub const OVERFOER_TIL: T = T("Nytt embete", "Nytt embete");
pub const OVERFOER_BEGRUNNELSE: T = T("Begrunnelse", "Grunngiving");
pub const OVERFOER: T = T("Overfør saken", "Overfør saka");
pub const OVERFOERT: T = T("Overført til annet embete", "Overført til anna embete");
pub const TIDLIGERE_SAKSNUMMER: T = T("Tidligere saksnummer", "Tidlegare saksnummer");
pub const OVERFOER_FEIL_AVSLUTTET: T = T("Saken er avsluttet og kan ikke overføres.", "Saka er avslutta og kan ikkje overførast.");
pub const OVERFOER_FEIL_SAMME: T =
    T("Saken ligger allerede hos dette embetet. Velg et annet.", "Saka ligg allereie hos dette embetet. Vel eit anna.");
pub const OVERFOER_FEIL_UKJENT: T = T("Velg et embete fra listen.", "Vel eit embete frå lista.");

pub const STEG_IKKE_TILLATT: T = T(
    "Dette steget hører til den andre parten i saken. Din organisasjon kan ikke utføre det.",
    "Dette steget høyrer til den andre parten i saka. Organisasjonen din kan ikkje utføre det.",
);
pub const STEG_KREVER_LEDER: T = T(
    "Bare en leder ved embetet kan godkjenne et forslag til vedtak.",
    "Berre ein leiar ved embetet kan godkjenne eit framlegg til vedtak.",
);
pub const STEG_EGET_FORSLAG: T = T(
    "Du kan ikke godkjenne et vedtak du selv har foreslått. En annen leder ved embetet må godkjenne det.",
    "Du kan ikkje godkjenne eit vedtak du sjølv har føreslått. Ein annan leiar ved embetet må godkjenne det.",
);
pub const STEG_IKKE_OPPHEVET: T = T(
    "Nytt vedtak kan bare meldes én gang, og bare når Statsforvalteren har opphevet kommunens vedtak.",
    "Nytt vedtak kan berre meldast éin gong, og berre når Statsforvaltaren har oppheva vedtaket til kommunen.",
);

// Approval (two persons) and the municipality's new decision
pub const FORESLAATT_AV: T = T("Foreslått av", "Føreslått av");
pub const FORESLAATT_UTFALL: T = T("Foreslått utfall", "Føreslått utfall");
pub const VEDTAK_FORESLAATT: T = T("Vedtak foreslått", "Vedtak føreslått");
pub const VEDTAK_GODKJENT: T = T("Vedtak godkjent og sendt", "Vedtak godkjent og sendt");
pub const VENTER_PAA_ANNEN_LEDER: T = T(
    "Du foreslo dette vedtaket. En annen leder ved embetet må godkjenne det før det sendes.",
    "Du føreslo dette vedtaket. Ein annan leiar ved embetet må godkjenne det før det blir sendt.",
);
pub const NYTT_VEDTAK: T = T("Nytt vedtak i kommunen", "Nytt vedtak i kommunen");
pub const NYTT_VEDTAK_TITTEL: T = T("Meld kommunens nye vedtak", "Meld det nye vedtaket til kommunen");
pub const NYTT_VEDTAK_INGRESS: T = T(
    "Statsforvalteren opphevet vedtaket og sendte saken tilbake. Meld fra når kommunen har fattet nytt vedtak.",
    "Statsforvaltaren oppheva vedtaket og sende saka tilbake. Meld frå når kommunen har gjort nytt vedtak.",
);
pub const NYTT_VEDTAK_DATO: T = T("Dato for nytt vedtak", "Dato for nytt vedtak");
pub const NYTT_VEDTAK_INNHOLD: T = T("Hva kommunen har vedtatt", "Kva kommunen har vedteke");
pub const NYTT_VEDTAK_SEND: T = T("Meld nytt vedtak", "Meld nytt vedtak");
pub const NYTT_VEDTAK_MELDT: T = T("Nytt vedtak meldt av kommunen", "Nytt vedtak meldt av kommunen");

pub const REGISTRERING_IKKE_TILLATT: T = T(
    "Du kan bare registrere klager mot kommuner din organisasjon har ansvar for (en kommune: klager mottatt i kommunen).",
    "Du kan berre registrere klager mot kommunar organisasjonen din har ansvar for (ein kommune: klager mottekne i kommunen).",
);

// Login
pub const LOGG_INN: T = T("Logg inn", "Logg inn");
pub const LOGG_UT: T = T("Logg ut", "Logg ut");
pub const LOGG_INN_INGRESS: T = T(
    "Saksopplysningene er taushetsbelagte. Logg inn med kontoen du har fått av din organisasjon.",
    "Saksopplysningane er teiepliktige. Logg inn med kontoen du har fått av organisasjonen din.",
);
pub const EPOST: T = T("E-postadresse", "E-postadresse");
pub const PASSORD: T = T("Passord", "Passord");
pub const INNLOGGING_FEIL: T = T("Feil e-postadresse eller passord.", "Feil e-postadresse eller passord.");
pub const INNLOGGING_SPERRET: T = T(
    "For mange mislykkede forsøk. Innloggingen er sperret i 15 minutter. Prøv igjen senere.",
    "For mange mislukka forsøk. Innlogginga er sperra i 15 minutt. Prøv igjen seinare.",
);
pub const LAGRINGSFEIL_INNLOGGING: T =
    T("Innloggingen feilet på grunn av en teknisk feil. Prøv igjen.", "Innlogginga feila på grunn av ein teknisk feil. Prøv igjen.");
pub const INNLOGGET_SOM: T = T("Innlogget som", "Innlogga som");

pub const INNSYN: T = T("Hvem har sett saken", "Kven har sett saka");
pub const BRUKER: T = T("Bruker", "Brukar");
pub const ORGANISASJON: T = T("Organisasjon", "Organisasjon");
pub const REV_LES: T = T("Åpnet saken", "Opna saka");
pub const REV_ENDRE: T = T("Endret saken", "Endra saka");
pub const REV_REGISTRER: T = T("Registrerte saken", "Registrerte saka");
pub const REV_AVVIST: T = T("Nektet tilgang", "Nekta tilgang");

// Statistics
pub const STAT_TITTEL: T = T("Landsoversikt", "Landsoversikt");
pub const STAT_INGRESS: T = T(
    "Klager Statsforvalteren har avgjort i perioden: en klage telles når vedtaket er sendt.",
    "Klager Statsforvaltaren har avgjort i perioden: ei klage blir talt når vedtaket er sendt.",
);
pub const FRA_DATO: T = T("Fra og med", "Frå og med");
pub const TIL_DATO: T = T("Til og med", "Til og med");
pub const PERIODE: T = T("Periode", "Periode");
pub const TOTALT: T = T("Klager totalt", "Klager totalt");
pub const SF_MED_SAKER: T = T("Statsforvaltere med saker", "Statsforvaltarar med saker");
pub const AV: T = T("av", "av");
pub const PER_UTFALL: T = T("Utfall", "Utfall");
pub const PER_AAR: T = T("Per år", "Per år");
pub const PER_SF: T = T("Per statsforvalter", "Per statsforvaltar");
pub const PER_KATEGORI: T = T("Hva klagene gjaldt", "Kva klagene gjaldt");
pub const PER_RETTIGHET: T = T("Rettigheter", "Rettar");
pub const MEDHOLD_KOMMUNEN: T = T("Medhold hos kommunen (løst av kommunen selv)", "Medhald hos kommunen (løyst av kommunen sjølv)");
pub const ANTALL: T = T("Antall", "Tal");
pub const AAR_KOLONNE: T = T("År", "År");
pub const KATEGORI_MERKNAD: T = T(
    "En klage kan gjelde flere forhold, så summen kan bli større enn totalen.",
    "Ei klage kan gjelde fleire forhold, så summen kan bli større enn totalen.",
);

// The statistics dashboard
pub const STAT_FILTER: T = T("Utvalg", "Utval");
pub const STAT_GRUNNLAG: T = T("Datogrunnlag", "Datogrunnlag");
pub const STAT_GRUNNLAG_AVGJORT: T = T("Avgjort (vedtaket sendt)", "Avgjort (vedtaket sendt)");
pub const STAT_GRUNNLAG_MOTTATT: T = T("Mottatt hos Statsforvalteren", "Motteke hos Statsforvaltaren");
pub const STAT_FYLKE: T = T("Fylke", "Fylke");
pub const STAT_ALDERSGRUPPE: T = T("Aldersgruppe", "Aldersgruppe");
pub const STAT_FLERVALG_HJELP: T = T(
    "Du kan velge flere i hver liste (Ctrl eller Cmd og klikk). Ingen valgt betyr alle.",
    "Du kan velje fleire i kvar liste (Ctrl eller Cmd og klikk). Ingen valde tyder alle.",
);
pub const UNDER_5: T = T("under 5", "under 5");
pub const STAT_VIS_TABELL: T = T("Vis som tabell", "Vis som tabell");
pub const STAT_I_AAR: T = T("I år", "I år");
pub const STAT_I_FJOR: T = T("I fjor", "I fjor");
pub const STAT_TRE_AAR: T = T("Siste 3 år", "Siste 3 år");
pub const STAT_HURTIGVALG: T = T("Hurtigvalg for periode", "Snøggval for periode");
pub const STAT_VALGTE_FILTRE: T = T("Valgt utvalg", "Valt utval");
pub const STAT_FRA: T = T("Fra", "Frå");
pub const STAT_DIAGRAM_TID: T = T("Klager over tid", "Klager over tid");
pub const STAT_DIAGRAM_TID_BESKRIVELSE: T =
    T("Linjediagram over antall klager i perioden. Høyeste verdi:", "Linjediagram over talet på klager i perioden. Høgaste verdi:");
pub const STAT_DIAGRAM_UTFALL: T = T("Utfall per statsforvalter", "Utfall per statsforvaltar");
pub const STAT_DIAGRAM_UTFALL_BESKRIVELSE: T = T(
    "Stablede stolper: utfallene for hver statsforvalter i siste år av tabellen. Tallene står i tabellen under.",
    "Stabla stolpar: utfalla for kvar statsforvaltar i siste år av tabellen. Tala står i tabellen under.",
);
pub const STAT_DIAGRAM_BEHANDLINGSTID: T = T("Median saksbehandlingstid (dager)", "Median sakshandsamingstid (dagar)");
pub const STAT_DIAGRAM_BEHANDLINGSTID_BESKRIVELSE: T = T(
    "Stolper: median antall dager fra Statsforvalteren mottok saken til vedtaket ble sendt, per statsforvalter.",
    "Stolpar: median tal dagar frå Statsforvaltaren fekk saka til vedtaket vart sendt, per statsforvaltar.",
);
pub const STAT_PERSONVERN: T = T(
    "Utvalget gjelder et lite område: tall under 5 vises ikke, og heller ikke tall de kan regnes ut av.",
    "Utvalet gjeld eit lite område: tal under 5 blir ikkje viste, og heller ikkje tal dei kan reknast ut av.",
);
pub const STAT_OMRAADER_UTELATT: T = T(
    "Tall for fylker og kommuner vises for hele kalenderår (1. januar–31. desember) og med høyst ett annet valg, slik at ingen kan regne seg fram til små tall. Velg et helt år for å se dem.",
    "Tal for fylke og kommunar blir viste for heile kalenderår (1. januar–31. desember) og med høgst eitt anna val, slik at ingen kan rekne seg fram til små tal. Vel eit heilt år for å sjå dei.",
);
pub const STAT_LAST_NED_CSV: T = T("Last ned utvalget som CSV", "Last ned utvalet som CSV");
pub const STAT_LAST_NED_XLSX: T = T("Last ned utvalget som Excel (XLSX)", "Last ned utvalet som Excel (XLSX)");
pub const STAT_TABELLER: T = T("Tabeller", "Tabellar");
pub const STAT_VIDERE: T = T("Se nærmere på", "Sjå nærare på");
pub const STAT_STYRING: T = T("Styringstall", "Styringstal");
pub const STAT_RESTANSE: T = T("Åpne saker ved utgangen av hver måned", "Opne saker ved utgangen av kvar månad");
pub const STAT_FORBI_MAAL: T = T("Åpne saker over målet på 3 måneder", "Opne saker over målet på 3 månader");
pub const STAT_AAPNE_ETTER_ALDER: T =
    T("Åpne saker etter hvor lenge de har vært hos Statsforvalteren", "Opne saker etter kor lenge dei har vore hos Statsforvaltaren");
pub const STAT_UNDER_1: T = T("Under 1 måned", "Under 1 månad");
pub const STAT_1_TIL_3: T = T("1–3 måneder", "1–3 månader");
pub const STAT_OVER_3: T = T("Over 3 måneder", "Over 3 månader");
// Login with OpenID Connect
pub const OIDC_LOGG_INN: T = T("Logg inn med virksomhetskonto", "Logg inn med verksemdskonto");
pub const OIDC_ELLER: T = T("Eller logg inn med e-post og passord:", "Eller logg inn med e-post og passord:");
pub const OIDC_IKKE_KOBLET: T = T(
    "Du er logget inn hos din virksomhet, men har ikke tilgang til Klagesak. Be administratoren om å gi deg tilgang.",
    "Du er logga inn hos verksemda di, men har ikkje tilgang til Klagesak. Be administratoren om å gi deg tilgang.",
);
pub const OIDC_DEAKTIVERT: T =
    T("Brukeren din er deaktivert. Ta kontakt med administratoren.", "Brukaren din er deaktivert. Ta kontakt med administratoren.");
pub const OIDC_AVVIST: T =
    T("Innloggingen kunne ikke fullføres. Start innloggingen på nytt.", "Innlogginga kunne ikkje fullførast. Start innlogginga på nytt.");
pub const OIDC_UTILGJENGELIG: T =
    T("Innloggingstjenesten svarer ikke. Prøv igjen om litt.", "Innloggingstenesta svarar ikkje. Prøv igjen om litt.");
pub const OIDC_EPOST_I_BRUK: T = T(
    "E-postadressen din er allerede i bruk av en annen bruker. Ta kontakt med administratoren.",
    "E-postadressa di er allereie i bruk av ein annan brukar. Ta kontakt med administratoren.",
);

// The administrator's page
pub const ADMIN_TITTEL: T = T("Brukere og tilgang", "Brukarar og tilgang");
pub const ADMIN_INGRESS: T = T(
    "Her oppretter og deaktiverer du brukere, og bestemmer hvem som kan logge inn med virksomhetskonto. Saksinnhold vises ikke her.",
    "Her opprettar og deaktiverer du brukarar, og bestemmer kven som kan logge inn med verksemdskonto. Saksinnhald blir ikkje vist her.",
);
pub const ADMIN_BRUKERE: T = T("Brukere", "Brukarar");
pub const ADMIN_NAVN: T = T("Navn", "Namn");
pub const ADMIN_ROLLER: T = T("Roller", "Roller");
pub const ADMIN_STATUS: T = T("Status", "Status");
pub const ADMIN_SIST_INNLOGGET: T = T("Sist innlogget", "Sist innlogga");
pub const ADMIN_HANDLING: T = T("Handling", "Handling");
pub const ADMIN_AKTIV: T = T("Aktiv", "Aktiv");
pub const ADMIN_DEAKTIVERT: T = T("Deaktivert", "Deaktivert");
pub const ADMIN_BARE_OIDC: T = T("(bare virksomhetskonto)", "(berre verksemdskonto)");
pub const ADMIN_DEAKTIVER: T = T("Deaktiver", "Deaktiver");
pub const ADMIN_NY_BRUKER: T = T("Ny bruker med passord", "Ny brukar med passord");
pub const ADMIN_STARTPASSORD: T = T("Startpassord (minst 12 tegn)", "Startpassord (minst 12 teikn)");
pub const ADMIN_OPPRETT_BRUKER: T = T("Opprett bruker", "Opprett brukar");
pub const ADMIN_SYSTEMADMIN: T = T("Systemadministrasjon", "Systemadministrasjon");
pub const ADMIN_VELG_ORGANISASJON: T = T("Velg organisasjon", "Vel organisasjon");
pub const ADMIN_KOBLINGER: T = T("Innlogging med virksomhetskonto (OpenID Connect)", "Innlogging med verksemdskonto (OpenID Connect)");
pub const ADMIN_KOBLINGER_INGRESS: T = T(
    "Bare identiteter som står her, kommer inn, og de får organisasjonen og rollene som står her – uansett hva innloggingstjenesten sier.",
    "Berre identitetar som står her, kjem inn, og dei får organisasjonen og rollene som står her – same kva innloggingstenesta seier.",
);
pub const ADMIN_IDENTITET: T = T("Identitet", "Identitet");
pub const ADMIN_SUBJEKT: T = T("Subjekt (sub)", "Subjekt (sub)");
pub const ADMIN_ISSUER: T = T("Issuer (adressen til innloggingstjenesten)", "Issuer (adressa til innloggingstenesta)");
pub const ADMIN_KOBLING_EPOST: T = T("eller verifisert e-postadresse", "eller verifisert e-postadresse");
pub const ADMIN_NY_KOBLING: T = T("Ny kobling", "Ny kopling");
pub const ADMIN_LEGG_TIL_KOBLING: T = T("Legg til kobling", "Legg til kopling");
pub const ADMIN_SLETT: T = T("Slett", "Slett");
pub const ADMIN_FEIL_EPOST: T = T("Skriv en gyldig e-postadresse.", "Skriv ei gyldig e-postadresse.");
pub const ADMIN_FEIL_EPOST_FINNES: T =
    T("Det finnes allerede en bruker med denne e-postadressen.", "Det finst allereie ein brukar med denne e-postadressa.");
pub const ADMIN_FEIL_NAVN: T = T("Skriv navnet.", "Skriv namnet.");
pub const ADMIN_FEIL_FOR_LANGT: T = T("Feltet er for langt.", "Feltet er for langt.");
pub const ADMIN_FEIL_ORGANISASJON: T = T("Velg en organisasjon fra listen.", "Vel ein organisasjon frå lista.");
pub const ADMIN_FEIL_INGEN_ROLLE: T = T("Velg minst én rolle.", "Vel minst éi rolle.");
pub const ADMIN_FEIL_ROLLE: T = T("Rollen passer ikke til organisasjonen:", "Rolla passar ikkje til organisasjonen:");
pub const ADMIN_FEIL_PASSORD: T = T("Passordet må ha minst 12 tegn.", "Passordet må ha minst 12 teikn.");
pub const ADMIN_FEIL_ISSUER: T =
    T("Skriv adressen til innloggingstjenesten, med https:// foran.", "Skriv adressa til innloggingstenesta, med https:// framfor.");
pub const ADMIN_FEIL_NOEKKEL: T =
    T("Fyll ut enten subjekt eller e-postadresse, ikke begge.", "Fyll ut anten subjekt eller e-postadresse, ikkje begge.");
pub const ADMIN_FEIL_KOBLING_FINNES: T =
    T("Det finnes allerede en kobling for denne identiteten.", "Det finst allereie ei kopling for denne identiteten.");

// The case file's documents
pub const DOKUMENTER: T = T("Dokumenter", "Dokument");
pub const INGEN_DOKUMENTER: T = T("Saken har ingen dokumenter ennå.", "Saka har ingen dokument enno.");
pub const DOKUMENTNUMMER: T = T("Dokumentnummer", "Dokumentnummer");
pub const DOKUMENTART: T = T("Dokumenttype", "Dokumenttype");
pub const TITTEL: T = T("Tittel", "Tittel");
pub const AVSENDER_MOTTAKER: T = T("Avsender/mottaker", "Avsendar/mottakar");
pub const SYNLIGHET: T = T("Hvem kan se det", "Kven kan sjå det");
pub const SYNLIGHET_HJELP: T = T(
    "Interne notater (N) og interne dokumenter (X) er alltid interne for embetet.",
    "Interne notat (N) og interne dokument (X) er alltid interne for embetet.",
);
pub const KOMMUNENS_DOKUMENT_DELES: T =
    T("Dokumenter kommunen laster opp, deles med kommunen.", "Dokument kommunen lastar opp, blir delte med kommunen.");
pub const LAST_OPP_DOKUMENT: T = T("Last opp dokument", "Last opp dokument");
pub const LAST_OPP: T = T("Last opp", "Last opp");
pub const FIL: T = T("Fil", "Fil");
pub const FIL_HJELP: T = T("PDF, PNG, JPEG, DOCX eller ODT, høyst 25 MB.", "PDF, PNG, JPEG, DOCX eller ODT, høgst 25 MB.");
pub const REGISTRERT_FEIL: T = T("Registrert feil", "Registrert feil");
pub const GRUNN: T = T("Begrunnelse", "Grunngiving");
pub const MARKER_REGISTRERT_FEIL: T = T("Marker som registrert feil", "Merk som registrert feil");
pub const DOKUMENT_IKKE_TILLATT: T =
    T("Du har ikke tilgang til å gjøre dette. Ingenting ble lagret.", "Du har ikkje tilgang til å gjere dette. Ingenting vart lagra.");
pub const DOKUMENT_LAGRINGSFEIL: T = T(
    "Dokumentet kunne ikke lagres på grunn av en teknisk feil. Ingenting ble lagret; prøv igjen.",
    "Dokumentet kunne ikkje lagrast på grunn av ein teknisk feil. Ingenting vart lagra; prøv igjen.",
);
pub const REV_LES_DOKUMENT: T = T("Lastet ned dokument", "Lasta ned dokument");
pub const REV_REGISTRER_DOKUMENT: T = T("Registrerte dokument", "Registrerte dokument");
