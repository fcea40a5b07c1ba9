//! TLS to the hub, as libpq offers it, so that what a shop's IT person writes in the connection string
//! means here what it means to `psql`:
//!
//! | `sslmode` | encrypted | the server's certificate |
//! |---|---|---|
//! | `disable` | never | — |
//! | `prefer` (the default), `allow` | when the server offers it | not checked |
//! | `require` | always | not checked; with `sslrootcert` given, checked as `verify-ca` |
//! | `verify-ca` | always | signed by a trusted authority |
//! | `verify-full` | always | signed by a trusted authority, and issued for the host connected to |
//!
//! The trusted authorities are those in `sslrootcert` (a PEM file), else in `~/.postgresql/root.crt` when
//! there is one (libpq's default), else the system's (`sslrootcert=system`, PostgreSQL 16's spelling, asks
//! for those whatever else there is). A hub off this machine should be reached with `verify-full`: the
//! unchecked modes keep out someone listening, not someone in the middle. Client certificates are not
//! offered.
//!
//! TLS itself is rustls (with ring): no system library to build against or to find at run time.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::url::ConnString;
use crate::text;

/// How the connection is protected: `sslmode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// Whose signature makes a certificate trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Roots {
    File(PathBuf),
    System,
}

/// The TLS a connection string asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tls {
    pub mode: Mode,
    /// `sslrootcert`, when given.
    pub roots: Option<Roots>,
}

/// Takes the TLS options out of a connection string: the string the postgres crate reads (its `sslmode`
/// one it knows) and the TLS asked for. An `sslmode` libpq does not know is refused.
pub fn split(url: &str) -> Result<(String, Tls), String> {
    let mut conn = ConnString::parse(url)?;
    let mode = match conn.take("sslmode").as_deref() {
        None | Some("prefer" | "allow") => Mode::Prefer,
        Some("disable") => Mode::Disable,
        Some("require") => Mode::Require,
        Some("verify-ca") => Mode::VerifyCa,
        Some("verify-full") => Mode::VerifyFull,
        Some(other) => {
            return Err(crate::text::sync_url_sslmode(other));
        }
    };
    let roots = conn.take("sslrootcert").map(|v| {
        if v == "system" {
            Roots::System
        } else {
            Roots::File(PathBuf::from(v))
        }
    });
    let crate_mode = match mode {
        Mode::Disable => "disable",
        Mode::Prefer => "prefer",
        Mode::Require | Mode::VerifyCa | Mode::VerifyFull => "require",
    };
    conn.push("sslmode", crate_mode);
    Ok((conn.to_string(), Tls { mode, roots }))
}

impl Tls {
    /// What is checked of the server's certificate: libpq checks the chain in `require` when a root
    /// certificate is named.
    fn checks(&self) -> Mode {
        match (self.mode, &self.roots) {
            (Mode::Require, Some(_)) => Mode::VerifyCa,
            (mode, _) => mode,
        }
    }

    /// The connector the postgres crate uses for this TLS. An unreadable root certificate file is a
    /// sentence, not a connection that then fails for a reason nobody can see.
    pub fn connector(&self) -> Result<MakeRustlsConnect, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier: Arc<dyn ServerCertVerifier> = match self.checks() {
            Mode::Disable | Mode::Prefer | Mode::Require => {
                Arc::new(Unchecked(Arc::clone(&provider)))
            }
            checks => {
                let roots = Arc::new(self.root_store()?);
                let chain =
                    WebPkiServerVerifier::builder_with_provider(roots, Arc::clone(&provider))
                        .build()
                        .map_err(|e| format!("the trusted certificates cannot be used: {e}"))?;
                if checks == Mode::VerifyCa {
                    Arc::new(AnyName(chain))
                } else {
                    chain
                }
            }
        };
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(MakeRustlsConnect::new(config))
    }

    /// The authorities trusted to sign the hub's certificate.
    fn root_store(&self) -> Result<RootCertStore, String> {
        let file = match &self.roots {
            Some(Roots::File(path)) => path.clone(),
            Some(Roots::System) => system_bundle()?,
            None => {
                let home_root = std::env::var_os("HOME")
                    .map(|h| Path::new(&h).join(".postgresql").join("root.crt"));
                match home_root {
                    Some(path) if path.exists() => path,
                    _ => system_bundle()?,
                }
            }
        };
        if !file.exists() {
            return Err(root_file_error(
                &file,
                &crate::text::SYNC_TLS_ROOT_MISSING.text(),
            ));
        }
        let mut store = RootCertStore::empty();
        let certs = CertificateDer::pem_file_iter(&file)
            .map_err(|e| root_file_error(&file, &e.to_string()))?;
        for cert in certs {
            let cert = cert.map_err(|e| root_file_error(&file, &e.to_string()))?;
            store
                .add(cert)
                .map_err(|e| root_file_error(&file, &e.to_string()))?;
        }
        if store.is_empty() {
            return Err(root_file_error(
                &file,
                &crate::text::SYNC_TLS_ROOT_EMPTY.text(),
            ));
        }
        Ok(store)
    }
}

/// Why the hub's certificate was refused, in the desk's words, when that is why `error` happened.
pub fn refusal(error: &postgres::Error) -> Option<String> {
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        // The server answered the request for TLS with a no, and the `sslmode` asks for it (the
        // postgres crate's own words for it, as the only mark it gives).
        if s.to_string() == "server does not support TLS" {
            return Some(text::SYNC_TLS_NOT_OFFERED.to_string());
        }
        // tokio-rustls hands rustls's error inside an io::Error, whose own source skips it.
        let inner = s
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|e| e.downcast_ref::<rustls::Error>());
        if let Some(rustls::Error::InvalidCertificate(why)) = inner {
            return Some(match why {
                CertificateError::UnknownIssuer | CertificateError::BadSignature => {
                    text::SYNC_TLS_UNTRUSTED.to_string()
                }
                CertificateError::Expired
                | CertificateError::ExpiredContext { .. }
                | CertificateError::NotValidYet
                | CertificateError::NotValidYetContext { .. } => text::SYNC_TLS_EXPIRED.to_string(),
                CertificateError::NotValidForNameContext { expected, .. } => {
                    text::sync_tls_wrong_name(&expected.to_str())
                }
                other => format!("{other:?}"),
            });
        }
        source = s.source();
    }
    None
}

fn root_file_error(file: &Path, reason: &str) -> String {
    crate::text::sync_tls_root(&file.display().to_string(), reason)
}

/// The system's bundle of trusted authorities: `SSL_CERT_FILE`, else where the common distributions keep it.
fn system_bundle() -> Result<PathBuf, String> {
    if let Some(file) = std::env::var_os("SSL_CERT_FILE") {
        return Ok(PathBuf::from(file));
    }
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .ok_or_else(|| crate::text::SYNC_TLS_NO_BUNDLE.to_string())
}

/// Takes any certificate (`prefer`, `require`): the connection is encrypted, and the handshake's
/// signatures are still checked against the certificate that was sent.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must lead to a trusted authority; the name it was issued for is not looked at.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_modes_read_as_libpq_reads_them() {
        let (rest, tls) = split("postgresql://u@h/db").unwrap();
        assert_eq!(rest, "postgresql://u@h/db?sslmode=prefer");
        assert_eq!((tls.mode, tls.roots), (Mode::Prefer, None));

        let (rest, tls) =
            split("postgresql://u@h/db?sslmode=verify-full&sslrootcert=/etc/hub.pem").unwrap();
        assert_eq!(rest, "postgresql://u@h/db?sslmode=require");
        assert_eq!(tls.mode, Mode::VerifyFull);
        assert_eq!(tls.roots, Some(Roots::File("/etc/hub.pem".into())));

        let (rest, tls) = split("host=h sslmode=verify-ca sslrootcert=system").unwrap();
        assert_eq!(rest, "host=h sslmode=require");
        assert_eq!((tls.mode, tls.roots), (Mode::VerifyCa, Some(Roots::System)));

        let (_, tls) = split("host=h sslmode=require").unwrap();
        assert_eq!(tls.checks(), Mode::Require);
        let (_, tls) = split("host=h sslmode=require sslrootcert=/x.pem").unwrap();
        assert_eq!(tls.checks(), Mode::VerifyCa);
        let (rest, tls) = split("host=h sslmode=disable").unwrap();
        assert_eq!(
            (rest.as_str(), tls.mode),
            ("host=h sslmode=disable", Mode::Disable)
        );

        let err = split("host=h sslmode=verify_full").unwrap_err();
        assert!(err.contains("verify_full"), "{err}");
    }

    #[test]
    fn a_root_file_that_is_not_certificates_is_a_sentence() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.pem");
        let tls = Tls {
            mode: Mode::VerifyFull,
            roots: Some(Roots::File(missing.clone())),
        };
        let err = tls.connector().err().unwrap();
        assert!(err.contains(&missing.display().to_string()), "{err}");

        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let tls = Tls {
            mode: Mode::VerifyCa,
            roots: Some(Roots::File(empty)),
        };
        let err = tls.connector().err().unwrap();
        assert!(err.contains("holds no certificate"), "{err}");

        // The unchecked modes need no file at all.
        let tls = Tls {
            mode: Mode::Require,
            roots: None,
        };
        assert!(tls.connector().is_ok());
    }
}
