#ifndef KATERN_LAZY_LOAD_H
#define KATERN_LAZY_LOAD_H
// Shared libraries loaded on first use, for the C libraries only some commands need (qpdf for
// `check` and SVG images, librsvg for SVG images): a build that needs neither does not load them
// and what they depend on. A wrapper target defines each function it uses with FORWARD, under
// the library header's own name and prototype, so a wrong prototype does not compile.
struct KaternLazyLibrary {
    const char *file;          // dlopen's file name (a soname)
    const char *package;       // what to install when it is missing, for the error message
    int tried;                 // dlopen was called (under the loader's lock)
    void *handle;
    char failure[512];
};

#define KATERN_LAZY_LIBRARY(file, package) { file, package, 0, 0, { 0 } }

/// Loads the library if it is not loaded yet: NULL when it is loaded, else why it could not be.
const char *katern_lazy_load(struct KaternLazyLibrary *library);

/// The address of `name` in the library; stops the process with a message on stderr if the
/// library cannot be loaded or lacks it (callers check katern_lazy_load first).
void *katern_lazy_symbol(struct KaternLazyLibrary *library, const char *name);

// A library's file name on macOS and elsewhere (a soname).
#if defined(__APPLE__)
#define KATERN_LIBRARY_FILE(apple, other) apple
#else
#define KATERN_LIBRARY_FILE(apple, other) other
#endif

// Defines `<name>_library` (the library `file`, from the package `package`) and
// `katern_<name>_load()`, which loads it: NULL when it is loaded, else why it could not be.
#define KATERN_LAZY_DEFINE(name, file, package)                                             \
    static struct KaternLazyLibrary name##_library = KATERN_LAZY_LIBRARY(file, package);    \
    const char *katern_##name##_load(void) { return katern_lazy_load(&name##_library); }

// Defines `name` with the header's prototype; its first call looks the function up.
#define KATERN_FORWARD_BIND(library, name)                                                  \
    static __typeof__(&name) function;                                                      \
    __typeof__(&name) bound = __atomic_load_n(&function, __ATOMIC_ACQUIRE);                 \
    if (!bound) {                                                                           \
        bound = (__typeof__(&name))katern_lazy_symbol(&library, #name);                     \
        __atomic_store_n(&function, bound, __ATOMIC_RELEASE);                               \
    }
#define KATERN_FORWARD(library, type, name, parameters, arguments)                          \
    type name parameters { KATERN_FORWARD_BIND(library, name) return bound arguments; }
#define KATERN_FORWARD_VOID(library, name, parameters, arguments)                           \
    void name parameters { KATERN_FORWARD_BIND(library, name) bound arguments; }

#endif
