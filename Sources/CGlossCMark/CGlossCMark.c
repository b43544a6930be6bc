#include "CGlossCMark.h"
#include <cmark-gfm/node.h>

const unsigned char *gloss_cmark_footnote_label(struct cmark_node *node, int *length) {
  cmark_node *definition = node;
  if (node && cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_REFERENCE) definition = node->parent_footnote_def;
  if (!definition || cmark_node_get_type(definition) != CMARK_NODE_FOOTNOTE_DEFINITION) {
    *length = 0;
    return NULL;
  }
  *length = (int)definition->as.literal.len;
  return definition->as.literal.data;
}
