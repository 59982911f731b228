//! The api's one error type and its mapping to the wire.

use gantry_core::ValidationError;

use crate::wire::{ApiError, ErrorCode};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] gantry_store::Error),
    #[error("{message}")]
    Cycle { message: String },
    #[error("No portfolio is open.")]
    NoPortfolio,
    #[error("{0}")]
    Io(String),
    #[error(transparent)]
    Import(#[from] gantry_interop::ImportError),
    #[error(transparent)]
    Report(#[from] gantry_report::Error),
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Error::Store(gantry_store::Error::Invalid(e))
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Input that breaks a rule, naming the field for the UI.
pub(crate) fn validation(field: &'static str, message: &str) -> Error {
    ValidationError { field, message: message.to_owned() }.into()
}

/// A refusal with a message and no field.
pub(crate) fn refused(message: impl Into<String>) -> Error {
    Error::Store(gantry_store::Error::Refused(message.into()))
}

impl From<&Error> for ApiError {
    fn from(e: &Error) -> Self {
        use gantry_store::Error as S;
        let (code, field) = match e {
            Error::Store(S::Invalid(v)) => (ErrorCode::Invalid, Some(v.field.to_owned())),
            Error::Store(S::Refused(_)) => (ErrorCode::Invalid, None),
            Error::Store(S::NotFound(_)) => (ErrorCode::NotFound, None),
            Error::Store(S::NotAPortfolio(_)) => (ErrorCode::NotAPortfolio, None),
            Error::Store(S::NewerFormat { .. }) => (ErrorCode::NewerFormat, None),
            Error::Store(S::Damaged { .. }) => (ErrorCode::Damaged, None),
            Error::Store(S::ReadOnly(_)) => (ErrorCode::ReadOnly, None),
            Error::Store(S::DiskFull(_)) => (ErrorCode::DiskFull, None),
            Error::Store(S::Sqlite(_) | S::Io(_) | S::Moved(_)) | Error::Io(_) => (ErrorCode::Storage, None),
            Error::Cycle { .. } => (ErrorCode::Cycle, None),
            Error::Import(_) => (ErrorCode::Invalid, None),
            Error::Report(gantry_report::Error::Write { .. }) => (ErrorCode::Storage, None),
            Error::Report(_) => (ErrorCode::Invalid, None),
            Error::NoPortfolio => (ErrorCode::NoPortfolio, None),
        };
        ApiError { code, message: e.to_string(), field }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::from(&e)
    }
}
