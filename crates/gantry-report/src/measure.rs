//! The report's fonts, and text widths measured with them, so that names are
//! shortened to fit before typst lays them out.

use std::sync::OnceLock;

use crate::fonts::Fonts;

const ELLIPSIS: char = '…';

/// Measures text in the report's fonts.
pub struct Measure {
    fonts: &'static Fonts,
    regular: OnceLock<Option<ttf_parser::Face<'static>>>,
    bold: OnceLock<Option<ttf_parser::Face<'static>>>,
    fallback: OnceLock<Option<ttf_parser::Face<'static>>>,
}

impl Measure {
    /// Measures with the report's fonts; fails, naming the font, when one
    /// cannot be read.
    pub fn new() -> crate::Result<Measure> {
        Ok(Measure::with(crate::fonts::get()?))
    }

    pub(crate) fn with(fonts: &'static Fonts) -> Measure {
        Measure { fonts, regular: OnceLock::new(), bold: OnceLock::new(), fallback: OnceLock::new() }
    }

    fn face<'a>(
        cell: &'a OnceLock<Option<ttf_parser::Face<'static>>>,
        data: &'static [u8],
    ) -> Option<&'a ttf_parser::Face<'static>> {
        cell.get_or_init(|| ttf_parser::Face::parse(data, 0).ok()).as_ref()
    }

    /// The advance of one character in points, from the first font that has
    /// it (as typst falls back); a character no font has counts as 0.6 em.
    fn advance(&self, c: char, size: f64, bold: bool) -> f64 {
        if c.is_control() {
            return 0.0;
        }
        let primary = if bold {
            Self::face(&self.bold, &self.fonts.bold)
        } else {
            Self::face(&self.regular, &self.fonts.regular)
        };
        let fallback = Self::face(&self.fallback, &self.fonts.fallback);
        for face in [primary, fallback].into_iter().flatten() {
            if let Some(glyph) = face.glyph_index(c)
                && let Some(advance) = face.glyph_hor_advance(glyph)
            {
                return f64::from(advance) / f64::from(face.units_per_em()) * size;
            }
        }
        0.6 * size
    }

    /// The width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        text.chars().map(|c| self.advance(c, size, bold)).sum()
    }

    /// `text` as it fits in `max` points: whole, or cut with an ellipsis.
    /// Text that cannot fit even one character and the ellipsis is empty.
    pub fn elide(&self, text: &str, size: f64, bold: bool, max: f64) -> String {
        // Typst kerns and joins; leave a little room so it never overflows.
        let max = max * 0.97;
        let mut used = 0.0;
        let ellipsis = self.advance(ELLIPSIS, size, bold);
        let mut cut = None;
        for (i, c) in text.char_indices() {
            let w = self.advance(c, size, bold);
            if cut.is_none() && used + w + ellipsis > max {
                cut = Some(i);
            }
            used += w;
            if used > max {
                let end = cut.unwrap_or(0);
                if end == 0 {
                    return String::new();
                }
                let mut out = text[..end].trim_end().to_string();
                out.push(ELLIPSIS);
                return out;
            }
        }
        text.to_string()
    }

    /// `text` cut to at most `chars` characters, with an ellipsis when cut:
    /// for table cells, which wrap, so only absurd lengths need cutting.
    pub fn truncate(text: &str, chars: usize) -> String {
        match text.char_indices().nth(chars) {
            None => text.to_string(),
            Some((i, _)) => {
                let mut out = text[..i].trim_end().to_string();
                out.push(ELLIPSIS);
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider_and_bold_is_wider_than_regular() {
        let m = Measure::new().expect("the report fonts are installed");
        let short = m.width("Go-live", 10.0, false);
        assert!(short > 20.0 && short < 45.0, "7 characters at 10 pt are about 35 pt wide, got {short}");
        assert!(m.width("Go-live weekend", 10.0, false) > short);
        assert!(m.width("Go-live", 10.0, true) > short);
        assert!((m.width("Go-live", 20.0, false) - 2.0 * short).abs() < 1e-9, "width scales with the size");
    }

    #[test]
    fn chinese_is_measured_with_the_fallback_font() {
        let m = Measure::new().expect("the report fonts are installed");
        let w = m.width("数据迁移", 10.0, false);
        assert!((w - 40.0).abs() < 4.0, "four CJK characters are about four ems wide, got {w}");
    }

    #[test]
    fn elision_keeps_text_that_fits_and_cuts_what_does_not() {
        let m = Measure::new().expect("the report fonts are installed");
        assert_eq!(m.elide("Cutover", 8.0, false, 200.0), "Cutover");
        let long = "Migrate the customer database to the new cluster and verify every table";
        let cut = m.elide(long, 8.0, false, 100.0);
        assert!(cut.ends_with('…'), "a cut name shows it was cut: {cut}");
        assert!(m.width(&cut, 8.0, false) <= 100.0, "the cut name fits: {cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')));
        assert_eq!(m.elide(long, 8.0, false, 3.0), "", "no room, no text");
        let arabic = "ترحيل قاعدة بيانات العملاء إلى المجموعة الجديدة";
        let cut = m.elide(arabic, 8.0, false, 60.0);
        assert!(cut.ends_with('…') && m.width(&cut, 8.0, false) <= 60.0);
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(Measure::truncate("überall", 3), "übe…");
        assert_eq!(Measure::truncate("数据迁移", 10), "数据迁移");
    }
}
