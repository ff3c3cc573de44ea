#include "CGdkPixbuf.h"
#include "LazyLoad.h"

#if defined(__APPLE__)
#define GDK_PIXBUF_LIBRARY "libgdk_pixbuf-2.0.0.dylib"
#else
#define GDK_PIXBUF_LIBRARY "libgdk_pixbuf-2.0.so.0"
#endif

static struct KaternLazyLibrary gdk_pixbuf_library = KATERN_LAZY_LIBRARY(GDK_PIXBUF_LIBRARY, "libgdk-pixbuf-2.0-0");

const char *katern_gdk_pixbuf_load(void) { return katern_lazy_load(&gdk_pixbuf_library); }

KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_height, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_n_channels, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_rowstride, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, int, gdk_pixbuf_get_width, (const GdkPixbuf *pixbuf), (pixbuf))
KATERN_FORWARD(gdk_pixbuf_library, GdkPixbuf *, gdk_pixbuf_new_from_file, (const char *filename, GError **error), (filename, error))
KATERN_FORWARD(gdk_pixbuf_library, const guint8*, gdk_pixbuf_read_pixels, (const GdkPixbuf *pixbuf), (pixbuf))
