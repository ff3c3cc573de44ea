#include "CGdkPixbuf.h"
#include "LazyLoad.h"

KATERN_LAZY_DEFINE(gdk_pixbuf, KATERN_LIBRARY_FILE("libgdk_pixbuf-2.0.0.dylib", "libgdk_pixbuf-2.0.so.0"), "libgdk-pixbuf-2.0-0")

KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_height, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_n_channels, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_rowstride, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_width, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, GdkPixbuf *, gdk_pixbuf_new_from_file, (const char *filename, GError **error), (filename, error))
KATERN_FORWARD(gdk_pixbuf_library, const guint8*, gdk_pixbuf_read_pixels, (const GdkPixbuf *pixbuf), (pixbuf))
