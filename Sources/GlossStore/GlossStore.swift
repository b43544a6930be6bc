// GlossStore owns what Gloss keeps on disk and exchanges: the library folder (`Library`),
// reading positions, the annotation store (`AnnotationStore`: locked, merged, never
// overwriting what it could not read, keeping unknown fields, recovery files), atomic writes
// through links (`AtomicFile`), Markdown, Gloss JSON and W3C exports and imports, and the one
// ISO-8601 codec. The reader reaches it only through GlossApp.
