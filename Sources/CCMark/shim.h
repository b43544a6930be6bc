#ifndef GLOSS_CCMARK_SHIM_H
#define GLOSS_CCMARK_SHIM_H
// GitHub's CommonMark library with its extensions (Debian: libcmark-gfm-dev and
// libcmark-gfm-extensions-dev): tables, strikethrough, task lists, autolinks, tag filter and
// footnotes on top of CommonMark.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

static inline int gloss_cmark_opt_default(void) { return CMARK_OPT_DEFAULT; }
/// Footnotes are a parse option in cmark-gfm, not an extension.
static inline int gloss_cmark_opt_footnotes(void) { return CMARK_OPT_FOOTNOTES; }

/// Parses `length` bytes of Markdown with GitHub's extensions attached (table, strikethrough,
/// tasklist, autolink, tagfilter) and `options`. NULL when the parser cannot be made.
static inline cmark_node *gloss_cmark_parse_gfm(const char *text, size_t length, int options) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *parser = cmark_parser_new(options);
  if (!parser) return NULL;
  static const char *const names[] = {"table", "strikethrough", "tasklist", "autolink", "tagfilter"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
    if (extension) cmark_parser_attach_syntax_extension(parser, extension);
  }
  cmark_parser_feed(parser, text, length);
  cmark_node *document = cmark_parser_finish(parser);
  cmark_parser_free(parser);
  return document;
}
#endif
