//! The document store: the files of the case file, outside the database, through
//! `object_store`. The local file system (under `data/dokumenter` by default) or any
//! S3-compatible store (`KLAGESAK_DOKUMENTLAGER=s3://bucket`, with its endpoint and keys).
//!
//! An object's key is random (`dokumenter/<32 hex digits>`), never the case or the file name,
//! so nothing about a case can be read from the store's listing. An object is written before
//! its journal row commits and deleted again if the commit fails (`tjenester::dokumenter`).

use std::sync::Arc;

use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};

/// Where documents are kept when `KLAGESAK_DOKUMENTLAGER` is not set.
pub const STANDARD_DOKUMENTLAGER: &str = "data/dokumenter";

/// How the store is reached (read by `server::config::Konfig`). The secret never reaches a
/// log (`Debug` redacts it).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Lageroppsett {
    /// A folder, or `s3://bucket`.
    pub url: String,
    /// S3: the endpoint (`https://s3.example`, or `http://127.0.0.1:9000` on loopback).
    pub s3_endepunkt: Option<String>,
    pub s3_region: Option<String>,
    pub s3_noekkel_id: Option<String>,
    pub s3_hemmelighet: Option<String>,
}

impl std::fmt::Debug for Lageroppsett {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lageroppsett")
            .field("url", &self.url)
            .field("s3_endepunkt", &self.s3_endepunkt)
            .field("s3_region", &self.s3_region)
            .field("s3_noekkel_id", &self.s3_noekkel_id)
            // The secret is left out.
            .finish_non_exhaustive()
    }
}

/// Why the store could not be opened or used. The store's own message goes to the log only.
#[derive(Debug, thiserror::Error)]
pub enum Lagerfeil {
    #[error("dokumentlageret: {0}")]
    Lager(#[from] object_store::Error),
    #[error("dokumentlageret: {0}")]
    Oppsett(String),
}

/// The document store, shared by the whole application.
#[derive(Clone, Debug)]
pub struct Dokumentlager(Arc<dyn ObjectStore>);

impl Dokumentlager {
    /// Opens the store: `s3://bucket` or a local folder (created if missing).
    pub fn aapne(oppsett: &Lageroppsett) -> Result<Dokumentlager, Lagerfeil> {
        if let Some(boette) = oppsett.url.strip_prefix("s3://") {
            let boette = boette.trim_end_matches('/');
            if boette.is_empty() || boette.contains('/') {
                return Err(Lagerfeil::Oppsett(format!("«{}» er ikke på formen s3://bøtte", oppsett.url)));
            }
            let mut s3 = object_store::aws::AmazonS3Builder::new()
                .with_bucket_name(boette)
                .with_region(oppsett.s3_region.clone().unwrap_or_else(|| "us-east-1".to_owned()));
            if let Some(endepunkt) = &oppsett.s3_endepunkt {
                s3 = s3.with_endpoint(endepunkt).with_allow_http(endepunkt.starts_with("http://")).with_virtual_hosted_style_request(false);
            }
            if let (Some(id), Some(hemmelighet)) = (&oppsett.s3_noekkel_id, &oppsett.s3_hemmelighet) {
                s3 = s3.with_access_key_id(id).with_secret_access_key(hemmelighet);
            }
            Ok(Dokumentlager(Arc::new(s3.build()?)))
        } else {
            let mappe = if oppsett.url.is_empty() { STANDARD_DOKUMENTLAGER } else { oppsett.url.trim_start_matches("file://") };
            std::fs::create_dir_all(mappe).map_err(|e| Lagerfeil::Oppsett(format!("{mappe}: {e}")))?;
            Ok(Dokumentlager(Arc::new(object_store::local::LocalFileSystem::new_with_prefix(mappe)?)))
        }
    }

    /// A store on the local file system in `mappe` (tests).
    pub fn lokal(mappe: &std::path::Path) -> Result<Dokumentlager, Lagerfeil> {
        Dokumentlager::aapne(&Lageroppsett { url: mappe.display().to_string(), ..Lageroppsett::default() })
    }

    /// A new random key for an object.
    pub fn ny_noekkel() -> String {
        let mut tilfeldig = [0u8; 16];
        getrandom::fill(&mut tilfeldig).expect("the operating system's random numbers");
        format!("dokumenter/{}", hex::encode(tilfeldig))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn skriv(&self, noekkel: &str, innhold: Bytes) -> Result<(), Lagerfeil> {
        self.0.put(&Path::from(noekkel), PutPayload::from_bytes(innhold)).await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn les(&self, noekkel: &str) -> Result<Bytes, Lagerfeil> {
        Ok(self.0.get(&Path::from(noekkel)).await?.bytes().await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn slett(&self, noekkel: &str) -> Result<(), Lagerfeil> {
        self.0.delete(&Path::from(noekkel)).await?;
        Ok(())
    }

    /// Whether an object is there (tests: nothing is left behind after a refusal).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn antall(&self) -> Result<usize, Lagerfeil> {
        use futures::TryStreamExt;
        let alle: Vec<_> = self.0.list(None).try_collect().await?;
        Ok(alle.len())
    }
}
