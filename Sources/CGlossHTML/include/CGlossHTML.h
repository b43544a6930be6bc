#ifndef CGLOSSHTML_H
#define CGLOSSHTML_H

// A small C view of libxml2's HTML parser. libxml2 is loaded on first use (dlopen), and its
// headers are not needed at all (they would pull the system ICU into Swift, which clashes with
// Foundation's).

/// NULL when libxml2 can be used; else why not (e.g. "libxml2.so.2: cannot open shared object file").
const char *gloss_html_unavailable(void);

/// Parses HTML (any charset the page declares; malformed markup is recovered). NULL on failure.
/// `*truncated` (when not NULL) is set to 0 when the whole page was read, 1 when the parser stopped
/// early at a limit (or out of memory), 2 when bytes not in the page's charset stopped it.
/// `encoding` (e.g. "UTF-8"), when not NULL, is used instead of the charset the page declares.
/// libxml2's diagnostics never reach stderr.
void *gloss_html_parse(const char *bytes, int length, const char *encoding, int *truncated);
void gloss_html_free_document(void *document);
/// The root element, or NULL.
void *gloss_html_root(void *document);

/// 1 element, 3 text, 4 CDATA, 8 comment, others as libxml2 numbers them.
int gloss_html_type(void *node);
/// The element's name (lowercase for HTML), or "" — owned by the document.
const char *gloss_html_name(void *node);
void *gloss_html_first_child(void *node);
void *gloss_html_next(void *node);
/// A text node's text (UTF-8), or "" — owned by the document.
const char *gloss_html_text(void *node);
/// An attribute's value (UTF-8), or NULL; free it with gloss_html_free_string.
char *gloss_html_attribute(void *node, const char *name);
/// All text below a node (UTF-8); free it with gloss_html_free_string.
char *gloss_html_content(void *node);
void gloss_html_free_string(char *string);
/// An element's first attribute, or NULL: walk them with gloss_html_next, name them with
/// gloss_html_name, read the value with gloss_html_content.
void *gloss_html_first_attribute(void *node);

#endif
