//! The Markdown body: headings, paragraphs and code blocks.
