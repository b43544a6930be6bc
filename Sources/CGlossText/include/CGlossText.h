#ifndef CGLOSSTEXT_H
#define CGLOSSTEXT_H

#include <stddef.h>
#include <stdint.h>

/// Ensures LC_CTYPE is a UTF-8 locale: the user's own if it is UTF-8, else C.UTF-8.
/// Returns 1 when the codeset is UTF-8 afterwards, 0 otherwise. Idempotent.
int gloss_ensure_utf8_ctype(void);

/// The terminal's width rules: libc wcwidth for one Unicode scalar (-1 when not printable).
int gloss_wcwidth(uint32_t scalar);

/// Where `needle` first occurs in `haystack` (a byte offset), or -1: glibc's memmem (the
/// two-way algorithm with vector scans), which Swift's Glibc module does not export.
long gloss_find_bytes(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#include "GlossTerminalRestore.h"

#endif
