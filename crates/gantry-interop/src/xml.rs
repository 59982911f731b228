//! A small, bounded XML tree for importers.
//!
//! Safe on hostile input: a document type declaration is refused (so no
//! entity can be declared, let alone expanded), only the five predefined
//! entities and character references are resolved, and size, depth and
//! element count are capped.

use quick_xml::events::Event;

use crate::{ImportError, Result};

/// The largest file an importer reads.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The deepest nesting accepted; real project files use about six levels.
const MAX_DEPTH: usize = 64;
/// The most elements accepted (a 100,000-task plan has about 10 million).
const MAX_ELEMENTS: usize = 20_000_000;

/// An element with its attributes, text and children.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
    /// (name, value) as written, entities resolved.
    pub attributes: Vec<(String, String)>,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The value of the attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The trimmed text of the child named `name`, if it has any.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim()).filter(|t| !t.is_empty())
    }
}

/// UTF-16 text (after its byte-order mark) as a string.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ImportError::Malformed("the UTF-16 text ends in the middle of a character".into()));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| ImportError::Malformed("the file is not valid UTF-16 text".into()))
}

/// An element's attributes; only XML's own entities are resolved.
fn attributes(start: &quick_xml::events::BytesStart) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for a in start.attributes() {
        let a = a.map_err(|e| ImportError::Malformed(format!("a broken attribute: {e}")))?;
        let key: String = a.key.local_name().as_ref().to_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| ImportError::Refused(format!("an attribute Gantry cannot read: {e}")))?;
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

/// Parses a whole document into its root element.
pub fn parse(bytes: &[u8]) -> Result<Element> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len(), limit: MAX_BYTES });
    }
    // UTF-16 with its byte-order mark, as XML allows and MS Project writes.
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some(utf16(rest, u16::from_le_bytes)?),
        [0xFE, 0xFF, rest @ ..] => Some(utf16(rest, u16::from_be_bytes)?),
        _ => None,
    };
    let text = match &utf16 {
        Some(t) => t.as_str(),
        None => std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|e| ImportError::Malformed(format!("the file is not UTF-8 text (byte {})", e.valid_up_to())))?,
    };
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut elements = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ImportError::Malformed(format!("broken XML near byte {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(start) => {
                elements += 1;
                if stack.len() > MAX_DEPTH {
                    return Err(ImportError::Malformed(format!("elements nest deeper than {MAX_DEPTH} levels")));
                }
                if elements > MAX_ELEMENTS {
                    return Err(ImportError::Malformed("the file has too many elements".into()));
                }
                let name = start.local_name().as_ref().to_owned();
                let attributes = attributes(&start)?;
                stack.push(Element { name, attributes, ..Element::default() });
            }
            Event::Empty(start) => {
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(ImportError::Malformed("the file has too many elements".into()));
                }
                let name = start.local_name().as_ref().to_owned();
                let attributes = attributes(&start)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Element { name, attributes, ..Element::default() });
                }
            }
            Event::End(_) => {
                let done = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Err(ImportError::Malformed("an element closes that never opened".into())),
                }
            }
            Event::Text(t) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match r.xml10_content().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(ImportError::Refused(format!(
                                "the file uses the entity “&{}”; Gantry reads no entities besides XML's own five",
                                other.chars().take(40).collect::<String>()
                            )));
                        }
                    },
                    Err(e) => return Err(ImportError::Malformed(format!("a bad character reference: {e}"))),
                };
                if let Some(current) = stack.last_mut() {
                    current.text.push(resolved);
                }
            }
            Event::DocType(_) => {
                return Err(ImportError::Refused(
                    "the file declares a document type (DTD); Gantry does not read DTDs, as they can hide entity bombs"
                        .into(),
                ));
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(ImportError::Malformed("the file ends before its elements are closed".into()));
    }
    let mut top = stack.pop().unwrap_or_default();
    match top.children.len() {
        1 => Ok(top.children.remove(0)),
        0 => Err(ImportError::Malformed("the file holds no XML element".into())),
        _ => Err(ImportError::Malformed("the file has more than one root element".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_with_predefined_entities() {
        let root = parse(b"<a><b>R&amp;D &lt;3 &#x41;</b><c/></a>").expect("parses");
        assert_eq!(root.text_of("b"), Some("R&D <3 A"));
        assert!(root.child("c").is_some());
    }

    #[test]
    fn reads_utf16_with_its_byte_order_mark_and_attributes() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><Project><Name>Déploiement</Name><t id=\"7\" n=\"a&amp;b\"/></Project>";
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(doc.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(doc.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        for bytes in [le, be] {
            let root = parse(&bytes).expect("UTF-16 parses");
            assert_eq!(root.text_of("Name"), Some("Déploiement"));
            let t = root.child("t").expect("t");
            assert_eq!((t.attr("id"), t.attr("n")), (Some("7"), Some("a&b")));
        }
        assert!(parse(&[0xFF, 0xFE, 0x3C]).is_err(), "half a character");
    }

    #[test]
    fn refuses_dtds_entities_and_broken_files() {
        let bomb =
            br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>"#;
        assert!(matches!(parse(bomb), Err(ImportError::Refused(_))));
        assert!(matches!(parse(b"<a>&custom;</a>"), Err(ImportError::Refused(_))));
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"").is_err());
        assert!(parse(b"\xff\xfe<a/>").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse(deep.as_bytes()).is_err());
    }
}
