#define _XOPEN_SOURCE 700
#include "CGlossText.h"
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

static int codeset_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL &&
         (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
}

int gloss_ensure_utf8_ctype(void) {
  if (codeset_is_utf8()) {
    return 1;
  }
  /* Only the character type: wcwidth and ncurses' multibyte output need it, and loading every
     category (LC_ALL) read a dozen locale files before the first screen. It also keeps the C
     libraries' number formatting in the "C" locale, whatever LC_NUMERIC says. */
  setlocale(LC_CTYPE, "");
  if (codeset_is_utf8()) {
    return 1;
  }
  if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
    setlocale(LC_CTYPE, "C.utf8");
  }
  return codeset_is_utf8();
}

int gloss_wcwidth(uint32_t scalar) {
  return wcwidth((wchar_t)scalar);
}
