#ifndef GLOSS_CYAML_SHIM_H
#define GLOSS_CYAML_SHIM_H
// libyaml, the reference YAML 1.1 parser and emitter (Debian: libyaml-dev; pkg-config
// yaml-0.1): the front matter of Markdown articles (read) and of Markdown exports (written).
#include <yaml.h>

#endif
