#include "CRsvg.h"
#include "LazyLoad.h"

KATERN_LAZY_DEFINE(rsvg, KATERN_LIBRARY_FILE("librsvg-2.2.dylib", "librsvg-2.so.2"), "librsvg2-2")

KATERN_FORWARD(rsvg_library, RsvgHandle *, rsvg_handle_new_from_file, (const gchar *filename, GError **error),
               (filename, error))
KATERN_FORWARD(rsvg_library, gboolean, rsvg_handle_render_document,
               (RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport, GError **error),
               (handle, cr, viewport, error))
KATERN_FORWARD(rsvg_library, gboolean, rsvg_handle_get_intrinsic_size_in_pixels,
               (RsvgHandle *handle, gdouble *out_width, gdouble *out_height), (handle, out_width, out_height))
KATERN_FORWARD_VOID(rsvg_library, rsvg_handle_get_intrinsic_dimensions,
                    (RsvgHandle *handle, gboolean *out_has_width, RsvgLength *out_width, gboolean *out_has_height,
                     RsvgLength *out_height, gboolean *out_has_viewbox, RsvgRectangle *out_viewbox),
                    (handle, out_has_width, out_width, out_has_height, out_height, out_has_viewbox, out_viewbox))
