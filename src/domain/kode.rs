//! The code lists of the field (DOMAIN.md, "Codes"): the exact values used in the database,
//! the API, URLs and exports, each with its bokmål and nynorsk label.

use serde::{Deserialize, Serialize};

use super::sprak::Sprak;

/// Declares a code list: an enum whose variants serialise as their code, with `ALLE` in the
/// order they are shown, `kode()`, `fra_kode()` and the label in each language.
macro_rules! kodeverk {
    ($(#[$meta:meta])* $navn:ident { $($(#[$vmeta:meta])* $variant:ident = $kode:literal, $nb:literal, $nn:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $navn {
            $($(#[$vmeta])* #[serde(rename = $kode)] $variant,)+
        }

        impl $navn {
            /// Every code, in display order.
            pub const ALLE: &'static [$navn] = &[$($navn::$variant,)+];

            /// The code as stored and exchanged.
            pub fn kode(self) -> &'static str {
                match self { $($navn::$variant => $kode,)+ }
            }

            /// Reads a code; `None` if it is not one of ours.
            pub fn fra_kode(kode: &str) -> Option<Self> {
                match kode { $($kode => Some($navn::$variant),)+ _ => None }
            }

            /// The label shown to people, in bokmål or nynorsk.
            pub fn navn(self, sprak: Sprak) -> &'static str {
                match self { $($navn::$variant => sprak.velg($nb, $nn),)+ }
            }
        }

        impl std::fmt::Display for $navn {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.kode())
            }
        }
    };
}

/// The same declaration for code lists kept beside their own rules (`domain::dokument`).
pub(crate) use kodeverk;

kodeverk! {
    /// The right the complaint concerns (pasient- og brukerrettighetsloven).
    Rettighet {
        /// Individuell plan, pbrl § 2-5.
        Ip = "ip", "Individuell plan (§ 2-5)", "Individuell plan (§ 2-5)";
        /// Koordinator, pbrl § 2-5 b (from 1 August 2022).
        Koordinator = "koordinator", "Koordinator (§ 2-5 b)", "Koordinator (§ 2-5 b)";
        /// Barnekoordinator, pbrl § 2-5 c (from 1 August 2022).
        Barnekoordinator = "barnekoordinator", "Barnekoordinator (§ 2-5 c)", "Barnekoordinator (§ 2-5 c)";
        /// Medvirkning, pbrl § 3-1.
        Medvirkning = "medvirkning", "Medvirkning (§ 3-1)", "Medverknad (§ 3-1)";
    }
}

kodeverk! {
    /// What the complaint is about: the slides' list. A complaint can have several.
    Kategori {
        IkkeIp = "ikke_ip", "Har ikke fått individuell plan", "Har ikkje fått individuell plan";
        IkkeKoordinator = "ikke_koordinator", "Har ikke fått koordinator eller barnekoordinator", "Har ikkje fått koordinator eller barnekoordinator";
        OppnevningKoordinator = "oppnevning_koordinator", "Oppnevning av koordinator", "Oppnemning av koordinator";
        PlanarbeidDrarUt = "planarbeid_drar_ut", "Planarbeidet drar ut", "Planarbeidet dreg ut";
        MangelfulltInnhold = "mangelfullt_innhold", "Planen har mangelfullt innhold", "Planen har manglande innhald";
        IkkeFulgtOpp = "ikke_fulgt_opp", "Planen er ikke fulgt opp", "Planen er ikkje følgd opp";
        ManglendeMedvirkning = "manglende_medvirkning", "Manglende medvirkning", "Manglande medverknad";
    }
}

kodeverk! {
    /// The governor's decision on the complaint.
    Utfall {
        /// The municipality's decision is upheld.
        Stadfestet = "stadfestet", "Stadfestet", "Stadfesta";
        /// Changed in the complainant's favour, fully or partly.
        Endret = "endret", "Endret (helt eller delvis medhold)", "Endra";
        /// Quashed and sent back: the municipality must decide again.
        Opphevet = "opphevet", "Opphevet og sendt tilbake", "Oppheva og sendt tilbake";
        /// Rejected on formal grounds.
        Avvist = "avvist", "Avvist", "Avvist";
        /// Withdrawn or closed without a decision on the merits.
        Trukket = "trukket", "Trukket / avsluttet", "Trekt / avslutta";
    }
}

kodeverk! {
    /// Who complains.
    KlagerType {
        PasientBruker = "pasient_bruker", "Pasient eller bruker", "Pasient eller brukar";
        /// A parent with parental responsibility.
        Forelder = "forelder", "Forelder med foreldreansvar", "Forelder med foreldreansvar";
        Paarorende = "paarorende", "Pårørende", "Pårørande";
        Verge = "verge", "Verge", "Verje";
        Fullmektig = "fullmektig", "Fullmektig eller advokat", "Fullmektig eller advokat";
    }
}

kodeverk! {
    /// The person's age group when the complaint is received.
    Aldersgruppe {
        /// Under 18.
        Barn = "barn", "Barn (under 18 år)", "Barn (under 18 år)";
        Voksen = "voksen", "Voksen", "Vaksen";
    }
}

kodeverk! {
    /// Where the complaint first arrived.
    Mottaker {
        /// The municipality, which made the decision: the normal route (pbrl § 7-2).
        Kommunen = "kommunen", "Kommunen", "Kommunen";
        /// The governor first; it is sent on to the municipality for its review.
        Statsforvalteren = "statsforvalteren", "Statsforvalteren", "Statsforvaltaren";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for u in Utfall::ALLE {
            assert_eq!(Utfall::fra_kode(u.kode()), Some(*u));
            assert_eq!(serde_json::to_string(u).unwrap(), format!("\"{}\"", u.kode()));
        }
        assert_eq!(Kategori::ALLE.len(), 7);
        assert_eq!(Rettighet::fra_kode("ukjent"), None);
    }
}
