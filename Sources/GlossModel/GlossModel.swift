// GlossModel owns what an article and an annotation are: an article's one canonical text
// (paragraphs and styled runs are ranges into it; offsets are Unicode scalar offsets), its
// title, display widths, lazy layout into screen rows, search and navigation, annotations
// and tags, and anchoring them again when the text changes. Pure Swift: no terminal, no
// files, no clock of its own. Every other target builds on it.
