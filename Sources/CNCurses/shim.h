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

// ---------------------------------------------------------------------------
// Terminal restore on signals.
//
// A signal handler may only call async-signal-safe functions, which endwin()
// is not and Swift code cannot promise to be (the runtime may lock or
// allocate). So the handler lives here in C and restores the terminal with
// tcsetattr(2) and write(2) alone: the termios saved before curses started,
// then the terminfo strings captured at start-up (leave the alternate screen,
// show the cursor, reset attributes, stop mouse reporting). It then puts back
// the handler that was there before (the default action, or Swift's crash
// backtracer) and re-raises, so the process still dies the way it would have.
// Only one Swift file (CursesBackend.swift) imports this module, so this
// state exists once.
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// The state lives in a function-local static: Swift's importer emits static
// inline functions (and their locals) but not file-scope static arrays.
struct np_restore_state {
    struct termios saved_termios;
    volatile sig_atomic_t termios_saved;
    volatile sig_atomic_t armed;
    char sequence[512];
    size_t length;
    struct sigaction previous[65];
};
static inline struct np_restore_state *np_restore(void) {
    static struct np_restore_state state;
    return &state;
}
#define NP_RESTORE_SIGNAL_COUNT 10
/// The signals after which the terminal is restored: interrupt, termination, crashes.
static inline int np_restore_signal(int index) {
    static const int signals[NP_RESTORE_SIGNAL_COUNT] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS, SIGFPE};
    return signals[index];
}

/// Saves the cooked terminal modes; call before curses changes them.
static inline void np_save_terminal_modes(void) {
    struct np_restore_state *state = np_restore();
    if (tcgetattr(STDIN_FILENO, &state->saved_termios) == 0) state->termios_saved = 1;
}

/// Restores the terminal using async-signal-safe calls only.
static inline void np_restore_terminal_now(void) {
    struct np_restore_state *state = np_restore();
    if (!state->armed) return;
    state->armed = 0;
    if (state->length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, state->sequence, state->length);
        (void)ignored;
    }
    if (state->termios_saved) tcsetattr(STDIN_FILENO, TCSANOW, &state->saved_termios);
}

static void np_restore_signal_handler(int sig) {
    np_restore_terminal_now();
    if (sig > 0 && sig < 65) sigaction(sig, &np_restore()->previous[sig], NULL);
    else signal(sig, SIG_DFL);
    // The signal is blocked while this handler runs, so it is delivered to the
    // previous handler (or the default action) as soon as this one returns.
    raise(sig);
}

static void np_restore_at_exit(void) { np_restore_terminal_now(); }

static inline void np_append_restore_bytes(const char *value) {
    struct np_restore_state *state = np_restore();
    if (value == NULL || value == (char *)-1) return;
    size_t length = strlen(value);
    if (state->length + length >= sizeof(state->sequence)) return;
    memcpy(state->sequence + state->length, value, length);
    state->length += length;
}

/// Arms the restore: captures the terminfo strings (curses must be started) and
/// installs the handlers for interrupt, termination and crash signals.
static inline void np_arm_terminal_restore(bool mouse) {
    static int at_exit_registered = 0;
    struct np_restore_state *state = np_restore();
    state->length = 0;
    if (mouse) np_append_restore_bytes("\033[?1006l\033[?1002l\033[?1000l");
    np_append_restore_bytes(tigetstr("sgr0"));
    np_append_restore_bytes(tigetstr("cnorm"));
    np_append_restore_bytes(tigetstr("rmkx"));
    np_append_restore_bytes(tigetstr("rmcup"));
    state->armed = 1;
    for (int i = 0; i < NP_RESTORE_SIGNAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = np_restore_signal_handler;
        sigemptyset(&action.sa_mask);
        sigaction(np_restore_signal(i), &action, &state->previous[np_restore_signal(i)]);
    }
    if (!at_exit_registered) {
        at_exit_registered = 1;
        atexit(np_restore_at_exit);
    }
}

/// Disarms the restore after a normal endwin() and puts the previous handlers back.
static inline void np_disarm_terminal_restore(void) {
    struct np_restore_state *state = np_restore();
    state->armed = 0;
    for (int i = 0; i < NP_RESTORE_SIGNAL_COUNT; i++) {
        sigaction(np_restore_signal(i), &state->previous[np_restore_signal(i)], NULL);
    }
}

/// Starts curses on the process's standard streams; NULL when TERM is unknown (initscr would exit instead).
static inline SCREEN *np_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int np_key_code_yes(void) { return KEY_CODE_YES; }
static inline int np_key_f0(void) { return KEY_F0; }
static inline mmask_t np_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline bool np_mouse_is(mmask_t state, int which) {
    switch (which) {
    case 1: return (state & BUTTON1_PRESSED) != 0;
    case 2: return (state & BUTTON1_RELEASED) != 0;
    case 4: return (state & BUTTON4_PRESSED) != 0;
    case 5: return (state & BUTTON5_PRESSED) != 0;
    default: return false;
    }
}
/// Draws one character cell: up to 4 code points (a base and combining marks).
static inline int np_put_cell(int y, int x, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, (short)pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
#endif
