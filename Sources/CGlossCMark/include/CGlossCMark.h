#ifndef GLOSS_CGLOSSCMARK_H
#define GLOSS_CGLOSSCMARK_H
// What libcmark-gfm's public API does not give: a footnote's label (a reference has only its
// number). Read from the node's fields (cmark-gfm/node.h, installed with libcmark-gfm-dev),
// kept in this one C file so that Swift sees cmark_node as opaque everywhere else.
struct cmark_node;

/// A footnote's label as written (`[^label]`): of a definition, or of the definition a
/// reference points at. Not NUL-terminated: `*length` bytes; NULL when there is none.
const unsigned char *gloss_cmark_footnote_label(struct cmark_node *node, int *length);
#endif
