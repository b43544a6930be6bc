#ifndef GLOSS_CCMARK_SHIM_H
#define GLOSS_CCMARK_SHIM_H
// The CommonMark reference library (Debian: libcmark-dev).
#include <cmark.h>

static inline int gloss_cmark_opt_default(void) { return CMARK_OPT_DEFAULT; }
#endif
