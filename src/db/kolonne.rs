//! Stored column values into domain values: the conversions every row struct uses, each
//! naming the column in its error, so bad data in the database is reported where it lies.
//!
//! The `Any` driver stores dates as ISO-8601 text, instants as RFC 3339 text, codes as their
//! lower-case words and lists of codes as `,a,b,` (see `ARCHITECTURE.md`, the database layer).

use chrono::{DateTime, NaiveDate, Utc};

use super::DbFeil;
use crate::domain::id::{BrukerId, KlageId};

/// The row ids bind and decode as the `BIGINT` they are stored as, on any engine, so a query
/// can take a [`KlageId`] or a [`BrukerId`] as it is.
macro_rules! radid {
    ($navn:ident) => {
        impl<DB: sqlx::Database> sqlx::Type<DB> for $navn
        where
            i64: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <i64 as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <i64 as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $navn
        where
            i64: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <i64 as sqlx::Encode<'q, DB>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $navn
        where
            i64: sqlx::Decode<'r, DB>,
        {
            fn decode(verdi: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                <i64 as sqlx::Decode<'r, DB>>::decode(verdi).map($navn)
            }
        }
    };
}

radid!(KlageId);
radid!(BrukerId);

/// One code, read with the domain's own `fra_kode`.
pub(crate) fn kode<T>(kolonne: &str, tekst: &str, les: fn(&str) -> Option<T>) -> Result<T, DbFeil> {
    les(tekst).ok_or_else(|| DbFeil::UgyldigeData(format!("{kolonne}: {tekst}")))
}

/// An optional code.
pub(crate) fn valgfri_kode<T>(kolonne: &str, tekst: Option<&str>, les: fn(&str) -> Option<T>) -> Result<Option<T>, DbFeil> {
    tekst.map(|t| kode(kolonne, t, les)).transpose()
}

/// A list of codes stored as `,a,b,`.
pub(crate) fn kodeliste<T>(kolonne: &str, tekst: &str, les: fn(&str) -> Option<T>) -> Result<Vec<T>, DbFeil> {
    tekst.split(',').filter(|s| !s.is_empty()).map(|s| kode(kolonne, s, les)).collect()
}

/// A date stored as `YYYY-MM-DD`, or none.
pub(crate) fn dato(kolonne: &str, tekst: Option<&str>) -> Result<Option<NaiveDate>, DbFeil> {
    tekst.map(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| DbFeil::UgyldigeData(format!("{kolonne}: {t}")))).transpose()
}

/// An instant stored as RFC 3339 text.
pub(crate) fn tidspunkt(kolonne: &str, tekst: &str) -> Result<DateTime<Utc>, DbFeil> {
    DateTime::parse_from_rfc3339(tekst).map(|t| t.with_timezone(&Utc)).map_err(|_| DbFeil::UgyldigeData(kolonne.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kode::Rettighet;

    #[test]
    fn bad_values_name_their_column() {
        assert_eq!(kodeliste("rettigheter", ",ip,koordinator,", Rettighet::fra_kode).unwrap(), vec![Rettighet::Ip, Rettighet::Koordinator]);
        let feil = kodeliste("rettigheter", ",ip,tull,", Rettighet::fra_kode).unwrap_err();
        assert_eq!(feil.to_string(), "ugyldige data i databasen: rettigheter: tull");
        assert!(dato("vedtaksdato", Some("2026-02-30")).unwrap_err().to_string().contains("vedtaksdato"));
        assert_eq!(dato("vedtaksdato", None).unwrap(), None);
        assert!(tidspunkt("opprettet", "i går").is_err());
    }
}
