#ifndef KATERN_CCAIRO_H
#define KATERN_CCAIRO_H
// Cairo's API, loaded on first use (CLazyLoad): a build's PDF is written from the page model
// without Cairo (and its shaping with PangoFT2), so a build without raster or SVG images does not
// load Cairo and what it needs (pixman, libpng, the X11 libraries). Cairo draws the PNG previews,
// the imposed sheets and the images. lazy.c defines the functions Katern calls.
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>

/// Loads Cairo if it is not loaded yet: NULL when it is loaded, else why it could not be.
const char *katern_cairo_load(void);

#endif
