#include "CQpdf.h"
#include "LazyLoad.h"

// qpdf 11's soname (Debian 12: libqpdf29); another version: the development link.
#if defined(__APPLE__)
#define QPDF_LIBRARY "libqpdf.dylib"
#elif QPDF_MAJOR_VERSION == 11
#define QPDF_LIBRARY "libqpdf.so.29"
#else
#define QPDF_LIBRARY "libqpdf.so"
#endif

KATERN_LAZY_DEFINE(qpdf, QPDF_LIBRARY, "libqpdf29")

#define FORWARD(type, name, parameters, arguments) KATERN_FORWARD(qpdf_library, type, name, parameters, arguments)
#define FORWARD_VOID(name, parameters, arguments) KATERN_FORWARD_VOID(qpdf_library, name, parameters, arguments)

#define Q qpdf_data qpdf
#define QO qpdf_data qpdf, qpdf_oh oh

FORWARD(qpdf_data, qpdf_init, (void), ())
FORWARD_VOID(qpdf_cleanup, (qpdf_data *qpdf), (qpdf))
FORWARD_VOID(qpdf_silence_errors, (Q), (qpdf))
FORWARD_VOID(qpdf_set_suppress_warnings, (Q, QPDF_BOOL value), (qpdf, value))
FORWARD(QPDF_ERROR_CODE, qpdf_read, (Q, char const *filename, char const *password), (qpdf, filename, password))
FORWARD(QPDF_ERROR_CODE, qpdf_read_memory,
        (Q, char const *description, char const *buffer, unsigned long long size, char const *password),
        (qpdf, description, buffer, size, password))
FORWARD(QPDF_ERROR_CODE, qpdf_check_pdf, (Q), (qpdf))
FORWARD(QPDF_BOOL, qpdf_more_warnings, (Q), (qpdf))
FORWARD(qpdf_error, qpdf_next_warning, (Q), (qpdf))
FORWARD(enum qpdf_error_code_e, qpdf_get_error_code, (qpdf_data q, qpdf_error e), (q, e))
FORWARD(char const *, qpdf_get_error_full_text, (qpdf_data q, qpdf_error e), (q, e))
FORWARD(qpdf_oh, qpdf_get_root, (Q), (qpdf))
FORWARD(qpdf_oh, qpdf_get_trailer, (Q), (qpdf))
FORWARD(qpdf_oh, qpdf_get_object_by_id, (Q, int objid, int generation), (qpdf, objid, generation))
FORWARD(int, qpdf_get_num_pages, (Q), (qpdf))
FORWARD(qpdf_oh, qpdf_get_page_n, (Q, size_t zero_based_index), (qpdf, zero_based_index))
FORWARD(qpdf_oh, qpdf_oh_get_key, (QO, char const *key), (qpdf, oh, key))
FORWARD(QPDF_BOOL, qpdf_oh_has_key, (QO, char const *key), (qpdf, oh, key))
FORWARD(qpdf_oh, qpdf_oh_get_dict, (QO), (qpdf, oh))
FORWARD_VOID(qpdf_oh_begin_dict_key_iter, (Q, qpdf_oh dict), (qpdf, dict))
FORWARD(QPDF_BOOL, qpdf_oh_dict_more_keys, (Q), (qpdf))
FORWARD(char const *, qpdf_oh_dict_next_key, (Q), (qpdf))
FORWARD(int, qpdf_oh_get_array_n_items, (QO), (qpdf, oh))
FORWARD(qpdf_oh, qpdf_oh_get_array_item, (QO, int n), (qpdf, oh, n))
FORWARD(int, qpdf_oh_get_object_id, (QO), (qpdf, oh))
FORWARD(enum qpdf_object_type_e, qpdf_oh_get_type_code, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_array, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_dictionary, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_string, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_name, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_name_and_equals, (QO, char const *name), (qpdf, oh, name))
FORWARD(QPDF_BOOL, qpdf_oh_is_integer, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_bool, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_stream, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_is_indirect, (QO), (qpdf, oh))
FORWARD(char const *, qpdf_oh_get_utf8_value, (QO), (qpdf, oh))
FORWARD(char const *, qpdf_oh_get_name, (QO), (qpdf, oh))
FORWARD(long long, qpdf_oh_get_int_value, (QO), (qpdf, oh))
FORWARD(QPDF_BOOL, qpdf_oh_get_bool_value, (QO), (qpdf, oh))
FORWARD(char const *, qpdf_oh_get_real_value, (QO), (qpdf, oh))
FORWARD(char const *, qpdf_oh_get_binary_string_value, (QO, size_t *length), (qpdf, oh, length))
FORWARD(QPDF_ERROR_CODE, qpdf_oh_get_stream_data,
        (Q, qpdf_oh stream_oh, enum qpdf_stream_decode_level_e decode_level, QPDF_BOOL *filtered,
         unsigned char **bufp, size_t *len),
        (qpdf, stream_oh, decode_level, filtered, bufp, len))
FORWARD(QPDF_ERROR_CODE, qpdf_oh_get_page_content_data, (Q, qpdf_oh page_oh, unsigned char **bufp, size_t *len),
        (qpdf, page_oh, bufp, len))
