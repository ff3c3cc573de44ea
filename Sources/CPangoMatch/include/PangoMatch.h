#ifndef KATERN_PANGO_MATCH_H
#define KATERN_PANGO_MATCH_H
// Pango 1.50 starts two threads for every new font pattern of a font map ("[pango]
// FcFontSetMatch" and "[pango] FcFontSetSort", pangofc-fontmap.c, pango_fc_patterns_new) and the
// thread that asked for the font waits for the first. A build makes some 40 patterns (a style's
// size, weight and slant, per font map), so some 80 threads; with both cores busy shaping, each
// wait is a scheduling delay: about 15 ms of a 75 ms build on 2 cores. This target defines
// g_thread_new in the executable, which comes first when the dynamic loader resolves Pango's
// call: for those two tasks, and only under the Pango versions whose source was read for it
// (1.50.x), it runs the task on the calling thread (it takes no lock the caller holds; the match
// and the sorted set are ready when it returns). Every other thread, and every other Pango
// version, goes to GLib's g_thread_new; so does everything with KATERN_PANGO_THREADS=1 (Pango
// as it is, to compare). Pango 1.56 has one fontconfig thread per font map instead (its threads
// are named otherwise), which this leaves alone.

/// How many of Pango's font-pattern tasks ran on the calling thread so far (for tests).
unsigned long katern_pango_inline_tasks(void);

/// Whether this Pango is one whose pattern tasks can run inline (1.50.x).
int katern_pango_inline_supported(void);

/// Whether they do: this Pango, and not KATERN_PANGO_THREADS=1.
int katern_pango_runs_inline(void);

#endif
