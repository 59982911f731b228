//! The smallest typst world that makes a report: the fixed template, the
//! report's data as `/data.json`, and the report's fonts (`fonts.rs`). It has
//! no file system, no packages and no clock of its own, so a report can
//! read nothing but what it was handed.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::document::Document;
use crate::fonts::{self, Fonts};
use crate::{Error, Pdf, Result};

const TEMPLATE: &str = include_str!("report.typ");

struct ReportWorld {
    shared: &'static Shared,
    main: FileId,
    data: FileId,
    source: Source,
    json: Bytes,
}

/// The standard library, fonts and font book are the same for every report.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared(files: &'static Fonts) -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = files.files().into_iter().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        Shared { library: LazyHash::new(Library::default()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn file_id(path: &str) -> FileId {
    // Both paths are constants that are valid virtual paths.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("{path} is a valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main { Ok(self.source.clone()) } else { Err(FileError::NotSource) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data {
            Ok(self.json.clone())
        } else if id == self.main {
            Ok(Bytes::from_string(self.source.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Reports print the date they were made from their data, never a clock.
        None
    }
}

/// Lays out the document with the template and writes the PDF.
pub(crate) fn render(doc: &Document) -> Result<Pdf> {
    let json = serde_json::to_vec(doc).map_err(|e| Error::Layout(e.to_string()))?;
    let main = file_id("/report.typ");
    let world = ReportWorld {
        shared: shared(fonts::get()?),
        main,
        data: file_id("/data.json"),
        source: Source::new(main, TEMPLATE.into()),
        json: Bytes::new(json),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled.output.map_err(|errors| Error::Layout(messages(&errors)));
    let pdf = document.and_then(|document| {
        let bytes = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
            .map_err(|errors| Error::Layout(messages(&errors)))?;
        Ok(Pdf { bytes, pages: document.pages().len() })
    });
    // Typst memoizes layout across runs. Reports differ from one export to
    // the next, so keeping the cache would only hold memory (and make a
    // repeated benchmark measure the cache instead of the layout).
    comemo::evict(0);
    pdf
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}
