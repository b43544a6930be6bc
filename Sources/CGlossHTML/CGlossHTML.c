#include "CGlossHTML.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libxml2 is opened on first use (dlopen), not linked: it brings ICU, zlib and liblzma with it,
// and loading those at every start-up cost about a millisecond before the reader's first paint,
// for a parser that only saved web pages need.
//
// Only libxml2's stable ABI (the SONAME libxml2.so.2) is used: a few functions, the HTML parser
// option bits, and the leading fields of `struct _xmlNode` and `struct _xmlError` as declared in
// libxml/tree.h and libxml/xmlerror.h.

enum {
  HTML_PARSE_RECOVER = 1 << 0,
  HTML_PARSE_NOERROR = 1 << 5,
  HTML_PARSE_NOWARNING = 1 << 6,
  HTML_PARSE_NONET = 1 << 11,
  // Ignore the charset the page declares (used when the caller names the encoding).
  HTML_PARSE_IGNORE_ENC = 1 << 21,
  // XML_PARSE_HUGE, which htmlReadMemory honours too (2.9 and later; 2.12 also names it
  // HTML_PARSE_HUGE): without it the parser stops at 256 levels of nesting and drops the rest.
  PARSE_HUGE = 1 << 19,
};

// The leading fields of `struct _xmlError`.
typedef struct GlossXMLError {
  int domain;  // xmlErrorDomain: 1 the parser, 8 input/output, 27 character conversion
  int code;  // xmlParserErrors: 1 internal error (e.g. "Excessive depth"), 2 out of memory
} GlossXMLError;

typedef struct GlossXMLNode {
  void *private_data;
  int type;  // xmlElementType
  const char *name;
  struct GlossXMLNode *children;
  struct GlossXMLNode *last;
  struct GlossXMLNode *parent;
  struct GlossXMLNode *next;
  struct GlossXMLNode *prev;
  void *doc;
  // End of the part common to all node types (attributes too); elements and text nodes go on:
  void *ns;
  char *content;
  struct GlossXMLNode *properties;  // an element's attributes (struct _xmlAttr, same leading fields)
} GlossXMLNode;

static struct {
  void *(*readMemory)(const char *buffer, int size, const char *url, const char *encoding, int options);
  void (*freeDoc)(void *document);
  void *(*rootElement)(const void *document);
  char *(*getProp)(const void *node, const char *name);
  char *(*nodeContent)(const void *node);
  void (*free)(void *memory);
  void (*setGenericErrorFunc)(void *context, void (*handler)(void *, const char *, ...));
  void (*setStructuredErrorFunc)(void *context, void (*handler)(void *, void *));
} xml;

static pthread_once_t loadOnce = PTHREAD_ONCE_INIT;
static char loadError[512];

static void *symbol(void *library, const char *name) {
  void *address = dlsym(library, name);
  if (address == NULL && loadError[0] == 0) {
    snprintf(loadError, sizeof loadError, "libxml2 has no %s", name);
  }
  return address;
}

static void load(void) {
  // GLOSS_LIBXML2 names another build of the library (a path or a file name).
  const char *name = getenv("GLOSS_LIBXML2");
  if (name == NULL || name[0] == 0) name = "libxml2.so.2";
  void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    const char *reason = dlerror();
    snprintf(loadError, sizeof loadError, "%s", reason ? reason : name);
    return;
  }
  xml.readMemory = symbol(library, "htmlReadMemory");
  xml.freeDoc = symbol(library, "xmlFreeDoc");
  xml.rootElement = symbol(library, "xmlDocGetRootElement");
  xml.getProp = symbol(library, "xmlGetProp");
  xml.nodeContent = symbol(library, "xmlNodeGetContent");
  xml.setGenericErrorFunc = symbol(library, "xmlSetGenericErrorFunc");
  xml.setStructuredErrorFunc = symbol(library, "xmlSetStructuredErrorFunc");
  // `xmlFree` is a variable (a function pointer) that libxml2 may define per thread; ask for it.
  int (*memGet)(void (**)(void *), void *, void *, void *) = symbol(library, "xmlMemGet");
  if (memGet != NULL) memGet(&xml.free, NULL, NULL, NULL);
  if (loadError[0] == 0 && xml.free == NULL) snprintf(loadError, sizeof loadError, "libxml2 gave no xmlFree");
}

const char *gloss_html_unavailable(void) {
  pthread_once(&loadOnce, load);
  return loadError[0] ? loadError : NULL;
}

// libxml2 reports some problems (encoding errors, limits) through its error handlers even with
// HTML_PARSE_NOERROR, and their default prints to stderr: over the reader's screen. These take
// every report instead, and note the ones that stopped the parser early.
static void ignoreGenericError(void *context, const char *message, ...) {
  (void)context;
  (void)message;
}

static void noteStructuredError(void *context, void *error) {
  const GlossXMLError *e = error;
  int *truncated = context;
  if (truncated == NULL || e == NULL) return;
  // A limit or lack of memory halts the parser; bytes that are not in the page's declared
  // charset stop the input there (libxml2 2.9 drops the rest of the page).
  if (e->domain == 8 || e->domain == 27) {
    *truncated = 2;
  } else if (e->domain == 1 && (e->code == 1 || e->code == 2) && *truncated == 0) {
    *truncated = 1;
  }
}

void *gloss_html_parse(const char *bytes, int length, const char *encoding, int *truncated) {
  if (truncated != NULL) *truncated = 0;
  if (bytes == NULL || length <= 0 || gloss_html_unavailable() != NULL) return NULL;
  // The handlers are per thread in libxml2, so they are set for each parse, on its thread.
  xml.setGenericErrorFunc(NULL, ignoreGenericError);
  xml.setStructuredErrorFunc(truncated, noteStructuredError);
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | PARSE_HUGE;
  if (encoding != NULL) options |= HTML_PARSE_IGNORE_ENC;
  void *document = xml.readMemory(bytes, length, NULL, encoding, options);
  xml.setStructuredErrorFunc(NULL, noteStructuredError);
  return document;
}

// Every other function takes a document or node, so libxml2 is loaded by the time it runs.

void gloss_html_free_document(void *document) {
  if (document) xml.freeDoc(document);
}

void *gloss_html_root(void *document) {
  return document ? xml.rootElement(document) : NULL;
}

int gloss_html_type(void *node) { return node ? ((GlossXMLNode *)node)->type : 0; }

const char *gloss_html_name(void *node) {
  GlossXMLNode *n = node;
  return (n && n->name) ? n->name : "";
}

void *gloss_html_first_child(void *node) { return node ? ((GlossXMLNode *)node)->children : NULL; }
void *gloss_html_next(void *node) { return node ? ((GlossXMLNode *)node)->next : NULL; }

const char *gloss_html_text(void *node) {
  GlossXMLNode *n = node;
  return (n && n->content) ? n->content : "";
}

char *gloss_html_attribute(void *node, const char *name) {
  if (!node || !name) return NULL;
  return xml.getProp(node, name);
}

char *gloss_html_content(void *node) {
  if (!node) return NULL;
  return xml.nodeContent(node);
}

void gloss_html_free_string(char *string) {
  if (string) xml.free(string);
}

void *gloss_html_first_attribute(void *node) {
  GlossXMLNode *n = node;
  return (n && n->type == 1) ? n->properties : NULL;
}
