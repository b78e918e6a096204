#ifndef NETPLAYGROUND_CNCURSES_SHIM_H
#define NETPLAYGROUND_CNCURSES_SHIM_H
// Wide-character ncurses. Swift 6 cannot use curses' mutable globals or its
// function-like macros, so they are wrapped as static inline functions here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *np_stdscr(void) { return stdscr; }
static inline int np_lines(void) { return LINES; }
static inline int np_cols(void) { return COLS; }
static inline int np_colors(void) { return COLORS; }
static inline int np_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t np_color_pair(int n) { return COLOR_PAIR(n); }
static inline int np_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int np_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t np_a_bold(void) { return A_BOLD; }
static inline attr_t np_a_dim(void) { return A_DIM; }
static inline attr_t np_a_underline(void) { return A_UNDERLINE; }
static inline attr_t np_a_reverse(void) { return A_REVERSE; }
static inline attr_t np_a_italic(void) { return A_ITALIC; }
static inline attr_t np_a_normal(void) { return A_NORMAL; }
static inline int np_key_resize(void) { return KEY_RESIZE; }
static inline int np_err(void) { return ERR; }
static inline int np_ok(void) { return OK; }
static inline bool np_is_locale_utf8(void) {
    const char *cs = setlocale(LC_CTYPE, NULL);
    if (!cs) return false;
    for (const char *p = cs; *p; p++) {
        if ((p[0] == 'U' || p[0] == 'u') && (p[1] == 'T' || p[1] == 't') && (p[2] == 'F' || p[2] == 'f')) return true;
    }
    return false;
}
#endif
