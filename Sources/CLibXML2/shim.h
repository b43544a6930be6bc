#ifndef GLOSS_CLIBXML2_SHIM_H
#define GLOSS_CLIBXML2_SHIM_H
// libxml2 (Debian: libxml2-dev), linked through pkg-config. Only the C target CGlossHTML
// includes its headers; Swift code uses CGlossHTML's small API instead.
#endif
