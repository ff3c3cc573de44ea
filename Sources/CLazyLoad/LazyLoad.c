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
#if defined(__APPLE__)
        // Homebrew's libraries are not on the dynamic loader's default path.
        const char *prefixes[] = { "/opt/homebrew/lib/", "/usr/local/lib/" };
        for (int i = 0; !handle && i < 2; i++) {
            char path[1024];
            snprintf(path, sizeof path, "%s%s", prefixes[i], library->file);
            handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        }
        if (!handle) handle = dlopen(library->file, RTLD_NOW | RTLD_LOCAL);  // dlerror() of the name itself
#endif
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
