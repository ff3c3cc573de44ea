#ifndef KATERN_CGDKPIXBUF_H
#define KATERN_CGDKPIXBUF_H
// gdk-pixbuf's API, loaded on first use (CLazyLoad): it decodes the raster images (PNG) a
// booklet or an edition places, so a build without them does not load it (nor libjpeg). lazy.c
// defines the functions Katern calls.
#include <gdk-pixbuf/gdk-pixbuf.h>

/// Loads gdk-pixbuf if it is not loaded yet: NULL when it is loaded, else why it could not be.
const char *katern_gdk_pixbuf_load(void);

#endif
