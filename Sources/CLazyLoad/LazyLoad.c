#include "LazyLoad.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;

const char *katern_lazy_load(struct KaternLazyLibrary *library) {
    pthread_mutex_lock(&mutex);
    if (!library->tried) {
        library->tried = 1;
        void *handle = dlopen(library->file, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char *why = dlerror();
            snprintf(library->failure, sizeof library->failure, "%s (install %s)", why ? why : library->file, library->package);
        }
        library->handle = handle;
    }
    pthread_mutex_unlock(&mutex);
    return library->handle ? NULL : library->failure;
}

void *katern_lazy_symbol(struct KaternLazyLibrary *library, const char *name) {
    const char *why = katern_lazy_load(library);
    void *function = why ? NULL : dlsym(library->handle, name);
    if (!function) {
        fprintf(stderr, "katern: %s from %s is not available: %s\n", name, library->file, why ? why : "the library lacks it");
        abort();
    }
    return function;
}
