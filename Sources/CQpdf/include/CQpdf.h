#ifndef KATERN_CQPDF_H
#define KATERN_CQPDF_H
// qpdf's C API, loaded on first use (CLazyLoad): only `katern check` and SVG images read PDFs
// back, so a build without SVG images does not load libqpdf and the ten libraries it needs
// (GnuTLS among them). lazy.c defines the functions Katern calls.
#include <qpdf/qpdf-c.h>

/// Loads libqpdf if it is not loaded yet: NULL when it is loaded, else why it could not be.
const char *katern_qpdf_load(void);

#endif
