#define _GNU_SOURCE
#include "PangoMatch.h"
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <pango/pango.h>

static unsigned long inline_tasks;

unsigned long katern_pango_inline_tasks(void) {
    return __atomic_load_n(&inline_tasks, __ATOMIC_RELAXED);
}

int katern_pango_inline_supported(void) {
    int version = pango_version();
    return version >= PANGO_VERSION_ENCODE(1, 50, 0) && version < PANGO_VERSION_ENCODE(1, 51, 0);
}

// 1: inline, 0: Pango's own threads (KATERN_PANGO_THREADS=1, or another Pango), -1: not known yet.
static int inline_mode = -1;

int katern_pango_runs_inline(void) {
    int mode = __atomic_load_n(&inline_mode, __ATOMIC_ACQUIRE);
    if (mode < 0) {
        const char *threads = getenv("KATERN_PANGO_THREADS");
        mode = katern_pango_inline_supported() && !(threads != NULL && strcmp(threads, "1") == 0);
        __atomic_store_n(&inline_mode, mode, __ATOMIC_RELEASE);
    }
    return mode;
}

static int is_pattern_task(const gchar *name) {
    return name != NULL && (strcmp(name, "[pango] FcFontSetMatch") == 0 || strcmp(name, "[pango] FcFontSetSort") == 0);
}

GThread *g_thread_new(const gchar *name, GThreadFunc func, gpointer data) {
    static GThread *(*glib_thread_new)(const gchar *, GThreadFunc, gpointer);
    if (is_pattern_task(name) && katern_pango_runs_inline()) {
        __atomic_fetch_add(&inline_tasks, 1, __ATOMIC_RELAXED);
        func(data);
        // Pango unrefs the thread it gets at once: hand it a reference to this one.
        return g_thread_ref(g_thread_self());
    }
    GThread *(*next)(const gchar *, GThreadFunc, gpointer) = __atomic_load_n(&glib_thread_new, __ATOMIC_ACQUIRE);
    if (next == NULL) {
        next = (GThread *(*)(const gchar *, GThreadFunc, gpointer))dlsym(RTLD_NEXT, "g_thread_new");
        if (next == NULL) g_error("katern: GLib's g_thread_new was not found (%s)", dlerror());
        __atomic_store_n(&glib_thread_new, next, __ATOMIC_RELEASE);
    }
    return next(name, func, data);
}
