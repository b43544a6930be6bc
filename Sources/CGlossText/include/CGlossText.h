#ifndef CGLOSSTEXT_H
#define CGLOSSTEXT_H

#include <stdint.h>

/// Ensures LC_CTYPE is a UTF-8 locale: the user's own if it is UTF-8, else C.UTF-8.
/// Returns 1 when the codeset is UTF-8 afterwards, 0 otherwise. Idempotent.
int gloss_ensure_utf8_ctype(void);

/// The terminal's width rules: libc wcwidth for one Unicode scalar (-1 when not printable).
int gloss_wcwidth(uint32_t scalar);

#include "GlossTerminalRestore.h"

#endif
