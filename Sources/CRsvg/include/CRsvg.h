#ifndef KATERN_CRSVG_H
#define KATERN_CRSVG_H
// librsvg's API, loaded on first use (CLazyLoad): a build without SVG images does not load
// librsvg and what it needs (libxml2, ICU). lazy.c defines the functions Katern calls.
#include <librsvg/rsvg.h>

/// Loads librsvg if it is not loaded yet: NULL when it is loaded, else why it could not be.
const char *katern_rsvg_load(void);

#endif
