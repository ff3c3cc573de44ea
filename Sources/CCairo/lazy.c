#include "CCairo.h"
#include "LazyLoad.h"

#if defined(__APPLE__)
#define CAIRO_LIBRARY "libcairo.2.dylib"
#else
#define CAIRO_LIBRARY "libcairo.so.2"
#endif

static struct KaternLazyLibrary cairo_library = KATERN_LAZY_LIBRARY(CAIRO_LIBRARY, "libcairo2");

const char *katern_cairo_load(void) { return katern_lazy_load(&cairo_library); }

KATERN_FORWARD_VOID(cairo_library, cairo_clip, (cairo_t *cr), (cr))
KATERN_FORWARD(cairo_library, cairo_t *, cairo_create, (cairo_surface_t *target), (target))
KATERN_FORWARD_VOID(cairo_library, cairo_destroy, (cairo_t *cr), (cr))
KATERN_FORWARD_VOID(cairo_library, cairo_fill, (cairo_t *cr), (cr))
KATERN_FORWARD_VOID(cairo_library, cairo_font_face_destroy, (cairo_font_face_t *font_face), (font_face))
KATERN_FORWARD(cairo_library, cairo_status_t, cairo_font_face_set_user_data, (cairo_font_face_t *font_face, const cairo_user_data_key_t *key, void *user_data, cairo_destroy_func_t destroy), (font_face, key, user_data, destroy))
KATERN_FORWARD(cairo_library, cairo_font_options_t *, cairo_font_options_create, (void), ())
KATERN_FORWARD_VOID(cairo_library, cairo_font_options_destroy, (cairo_font_options_t *options), (options))
KATERN_FORWARD_VOID(cairo_library, cairo_font_options_set_antialias, (cairo_font_options_t *options, cairo_antialias_t antialias), (options, antialias))
KATERN_FORWARD_VOID(cairo_library, cairo_font_options_set_hint_metrics, (cairo_font_options_t *options, cairo_hint_metrics_t hint_metrics), (options, hint_metrics))
KATERN_FORWARD_VOID(cairo_library, cairo_font_options_set_hint_style, (cairo_font_options_t *options, cairo_hint_style_t hint_style), (options, hint_style))
KATERN_FORWARD(cairo_library, cairo_font_face_t *, cairo_ft_font_face_create_for_ft_face, (FT_Face face, int load_flags), (face, load_flags))
KATERN_FORWARD(cairo_library, cairo_pattern_t *, cairo_get_source, (cairo_t *cr), (cr))
KATERN_FORWARD(cairo_library, cairo_surface_t *, cairo_image_surface_create, (cairo_format_t format, int width, int height), (format, width, height))
KATERN_FORWARD(cairo_library, cairo_surface_t *, cairo_image_surface_create_from_png, (const char *filename), (filename))
KATERN_FORWARD(cairo_library, unsigned char *, cairo_image_surface_get_data, (cairo_surface_t *surface), (surface))
KATERN_FORWARD(cairo_library, cairo_format_t, cairo_image_surface_get_format, (cairo_surface_t *surface), (surface))
KATERN_FORWARD(cairo_library, int, cairo_image_surface_get_height, (cairo_surface_t *surface), (surface))
KATERN_FORWARD(cairo_library, int, cairo_image_surface_get_stride, (cairo_surface_t *surface), (surface))
KATERN_FORWARD(cairo_library, int, cairo_image_surface_get_width, (cairo_surface_t *surface), (surface))
KATERN_FORWARD_VOID(cairo_library, cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y))
KATERN_FORWARD_VOID(cairo_library, cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y))
KATERN_FORWARD_VOID(cairo_library, cairo_paint, (cairo_t *cr), (cr))
KATERN_FORWARD_VOID(cairo_library, cairo_pattern_set_filter, (cairo_pattern_t *pattern, cairo_filter_t filter), (pattern, filter))
KATERN_FORWARD(cairo_library, cairo_surface_t *, cairo_pdf_surface_create, (const char *filename, double width_in_points, double height_in_points), (filename, width_in_points, height_in_points))
KATERN_FORWARD(cairo_library, cairo_surface_t *, cairo_pdf_surface_create_for_stream, (cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points), (write_func, closure, width_in_points, height_in_points))
KATERN_FORWARD_VOID(cairo_library, cairo_pdf_surface_set_metadata, (cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8), (surface, metadata, utf8))
KATERN_FORWARD(cairo_library, cairo_surface_t *, cairo_recording_surface_create, (cairo_content_t content, const cairo_rectangle_t *extents), (content, extents))
KATERN_FORWARD_VOID(cairo_library, cairo_rectangle, (cairo_t *cr, double x, double y, double width, double height), (cr, x, y, width, height))
KATERN_FORWARD_VOID(cairo_library, cairo_restore, (cairo_t *cr), (cr))
KATERN_FORWARD_VOID(cairo_library, cairo_save, (cairo_t *cr), (cr))
KATERN_FORWARD_VOID(cairo_library, cairo_scale, (cairo_t *cr, double sx, double sy), (cr, sx, sy))
KATERN_FORWARD_VOID(cairo_library, cairo_set_font_face, (cairo_t *cr, cairo_font_face_t *font_face), (cr, font_face))
KATERN_FORWARD_VOID(cairo_library, cairo_set_font_options, (cairo_t *cr, const cairo_font_options_t *options), (cr, options))
KATERN_FORWARD_VOID(cairo_library, cairo_set_font_size, (cairo_t *cr, double size), (cr, size))
KATERN_FORWARD_VOID(cairo_library, cairo_set_line_width, (cairo_t *cr, double width), (cr, width))
KATERN_FORWARD_VOID(cairo_library, cairo_set_source_rgb, (cairo_t *cr, double red, double green, double blue), (cr, red, green, blue))
KATERN_FORWARD_VOID(cairo_library, cairo_set_source_surface, (cairo_t *cr, cairo_surface_t *surface, double x, double y), (cr, surface, x, y))
KATERN_FORWARD_VOID(cairo_library, cairo_show_page, (cairo_t *cr), (cr))
KATERN_FORWARD_VOID(cairo_library, cairo_show_text_glyphs, (cairo_t *cr, const char *utf8, int utf8_len, const cairo_glyph_t *glyphs, int num_glyphs, const cairo_text_cluster_t *clusters, int num_clusters, cairo_text_cluster_flags_t cluster_flags), (cr, utf8, utf8_len, glyphs, num_glyphs, clusters, num_clusters, cluster_flags))
KATERN_FORWARD(cairo_library, const char *, cairo_status_to_string, (cairo_status_t status), (status))
KATERN_FORWARD_VOID(cairo_library, cairo_stroke, (cairo_t *cr), (cr))
KATERN_FORWARD_VOID(cairo_library, cairo_surface_destroy, (cairo_surface_t *surface), (surface))
KATERN_FORWARD_VOID(cairo_library, cairo_surface_finish, (cairo_surface_t *surface), (surface))
KATERN_FORWARD_VOID(cairo_library, cairo_surface_flush, (cairo_surface_t *surface), (surface))
KATERN_FORWARD_VOID(cairo_library, cairo_surface_mark_dirty, (cairo_surface_t *surface), (surface))
KATERN_FORWARD(cairo_library, cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface))
KATERN_FORWARD(cairo_library, cairo_status_t, cairo_surface_write_to_png, (cairo_surface_t *surface, const char *filename), (surface, filename))
KATERN_FORWARD(cairo_library, cairo_status_t, cairo_surface_write_to_png_stream, (cairo_surface_t *surface, cairo_write_func_t write_func, void *closure), (surface, write_func, closure))
KATERN_FORWARD_VOID(cairo_library, cairo_translate, (cairo_t *cr, double tx, double ty), (cr, tx, ty))
