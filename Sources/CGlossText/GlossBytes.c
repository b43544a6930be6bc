// memmem is a GNU (and BSD) extension: its own file, so that the feature macro does not change
// what the other files see.
#define _GNU_SOURCE
#include "CGlossText.h"
#include <string.h>

long gloss_find_bytes(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
  if (needle_length == 0 || needle_length > haystack_length) return needle_length == 0 ? 0 : -1;
  const char *hit = memmem(haystack, haystack_length, needle, needle_length);
  return hit == NULL ? -1 : (long)(hit - (const char *)haystack);
}
