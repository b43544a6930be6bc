#include "CGlossHTML.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

void *gloss_html_parse(const char *bytes, int length) {
  if (bytes == NULL || length <= 0) return NULL;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  return htmlReadMemory(bytes, length, NULL, NULL, options);
}

void gloss_html_free_document(void *document) {
  if (document) xmlFreeDoc((xmlDocPtr)document);
}

void *gloss_html_root(void *document) {
  return document ? xmlDocGetRootElement((xmlDocPtr)document) : NULL;
}

int gloss_html_type(void *node) { return node ? (int)((xmlNodePtr)node)->type : 0; }

const char *gloss_html_name(void *node) {
  xmlNodePtr n = (xmlNodePtr)node;
  return (n && n->name) ? (const char *)n->name : "";
}

void *gloss_html_first_child(void *node) { return node ? ((xmlNodePtr)node)->children : NULL; }
void *gloss_html_next(void *node) { return node ? ((xmlNodePtr)node)->next : NULL; }

const char *gloss_html_text(void *node) {
  xmlNodePtr n = (xmlNodePtr)node;
  return (n && n->content) ? (const char *)n->content : "";
}

char *gloss_html_attribute(void *node, const char *name) {
  if (!node || !name) return NULL;
  return (char *)xmlGetProp((xmlNodePtr)node, (const xmlChar *)name);
}

char *gloss_html_content(void *node) {
  if (!node) return NULL;
  return (char *)xmlNodeGetContent((xmlNodePtr)node);
}

void gloss_html_free_string(char *string) {
  if (string) xmlFree(string);
}
