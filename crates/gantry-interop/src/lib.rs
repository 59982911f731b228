//! Plans in and out of other tools' formats. Importers never trust the file:
//! see [`xml`] for the limits, and every reader returns an [`ImportError`]
//! with a sentence a person can act on.

pub mod costs;
pub mod gan;
pub mod ical;
pub mod mspdi;
pub mod mspdi_write;
pub mod tabular;
pub mod xml;

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("The file is {bytes} bytes; Gantry imports files up to {limit} bytes.")]
    TooLarge { bytes: usize, limit: usize },
    #[error("The file is damaged: {0}.")]
    Malformed(String),
    #[error("The file was refused: {0}.")]
    Refused(String),
    #[error("This is not an MS Project XML file: {0}.")]
    WrongFormat(String),
}

pub type Result<T> = std::result::Result<T, ImportError>;
