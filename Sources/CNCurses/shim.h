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
static inline WINDOW *np_curscr(void) { return curscr; }
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
// Signals.
//
// A signal handler may only call async-signal-safe functions, which endwin()
// is not and Swift code cannot promise to be (the runtime may lock or
// allocate). So the handlers live here in C and do one of two things:
//
// - Signals that end the process (INT, TERM, HUP, QUIT, USR1, USR2, ALRM,
//   XCPU, VTALRM, PROF, PIPE) only note the signal. The message loop sees
//   the note within a frame, stops the training threads, joins them, gives
//   the terminal back with endwin(), and dies by the same signal with its
//   default action (so a shell sees 128 + signo, and no atexit handler such
//   as OpenBLAS's thread shutdown runs). A second signal, or no exit 3 s
//   after the first (an alarm), restores the terminal right in the handler
//   with tcsetattr(2) and write(2) alone and dies at once.
// - Crash signals (SEGV, ABRT, ILL, TRAP, BUS, FPE, SYS) restore the
//   terminal that way at once, put back the handler that was there before
//   (the default action, or Swift's crash backtracer) and re-raise.
//
// TSTP (Ctrl-Z from outside; in raw mode the key itself arrives as input)
// and CONT are only noted: the loop suspends or redraws in full.
// XFSZ is ignored, so a write past `ulimit -f` fails with EFBIG and is
// reported like any other write error. Signals that were ignored when the
// program started (nohup) stay ignored.
// Only one Swift file (CursesBackend.swift) imports this module, so this
// state exists once.
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
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
    /// The first terminating signal noted, 0 while none.
    volatile sig_atomic_t pending_signal;
    volatile sig_atomic_t pending_suspend;
    volatile sig_atomic_t continued;
    char sequence[512];
    size_t length;
    struct sigaction previous[65];
    /// Signals ignored before curses started (1 = ignored).
    char ignored[65];
};
static inline struct np_restore_state *np_restore(void) {
    static struct np_restore_state state;
    return &state;
}
#define NP_CRASH_SIGNAL_COUNT 7
/// Crash signals: the terminal is restored at once, then the previous handler runs.
static inline int np_crash_signal(int index) {
    static const int signals[NP_CRASH_SIGNAL_COUNT] = {SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSYS};
    return signals[index];
}
#define NP_ENDING_SIGNAL_COUNT 11
/// Signals whose default action ends the process: noted, handled by the message loop.
static inline int np_ending_signal(int index) {
    static const int signals[NP_ENDING_SIGNAL_COUNT] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
                                                        SIGXCPU, SIGVTALRM, SIGPROF, SIGPIPE};
    return signals[index];
}

/// Saves the cooked terminal modes and which signals are ignored; call before curses starts.
static inline void np_save_terminal_modes(void) {
    struct np_restore_state *state = np_restore();
    if (tcgetattr(STDIN_FILENO, &state->saved_termios) == 0) state->termios_saved = 1;
    for (int i = 0; i < NP_ENDING_SIGNAL_COUNT; i++) {
        struct sigaction current;
        int sig = np_ending_signal(i);
        if (sigaction(sig, NULL, &current) == 0) state->ignored[sig] = current.sa_handler == SIG_IGN;
    }
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

static inline void np_set_handler(int sig, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
}

/// Dies by `sig` with its default action (async-signal-safe). Falls back to
/// `_exit(128 + sig)` should the default action not end the process.
static inline void np_die_by_signal(int sig) {
    np_set_handler(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

static void np_crash_signal_handler(int sig) {
    np_restore_terminal_now();
    if (sig > 0 && sig < 65) sigaction(sig, &np_restore()->previous[sig], NULL);
    else signal(sig, SIG_DFL);
    // The signal is blocked while this handler runs, so it is delivered to the
    // previous handler (or the default action) as soon as this one returns.
    raise(sig);
}

static void np_ending_signal_handler(int sig) {
    struct np_restore_state *state = np_restore();
    int first = state->pending_signal;
    if (first == 0) {
        state->pending_signal = sig;
        // A watchdog: should the loop not get the process out, the alarm ends it.
        alarm(3);
        return;
    }
    // A second signal (or the watchdog): no more waiting for threads.
    np_restore_terminal_now();
    np_die_by_signal(first);
}

static void np_suspend_signal_handler(int sig) { (void)sig; np_restore()->pending_suspend = 1; }
static void np_continue_signal_handler(int sig) { (void)sig; np_restore()->continued = 1; }

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
/// installs the handlers. Replaces the handlers ncurses installed for INT, TERM
/// and TSTP (which call exit(1), or stop in the middle of a frame).
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
    for (int i = 0; i < NP_CRASH_SIGNAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = np_crash_signal_handler;
        sigemptyset(&action.sa_mask);
        sigaction(np_crash_signal(i), &action, &state->previous[np_crash_signal(i)]);
    }
    for (int i = 0; i < NP_ENDING_SIGNAL_COUNT; i++) {
        int sig = np_ending_signal(i);
        if (!state->ignored[sig]) np_set_handler(sig, np_ending_signal_handler);
    }
    np_set_handler(SIGTSTP, np_suspend_signal_handler);
    np_set_handler(SIGCONT, np_continue_signal_handler);
    np_set_handler(SIGXFSZ, SIG_IGN);
    // A parent can hand down a mask that blocks some of these (a test
    // runner's worker thread does), and a blocked SIGTSTP would stay pending
    // for ever. Threads started later inherit this thread's mask.
    sigset_t handled;
    sigemptyset(&handled);
    for (int i = 0; i < NP_ENDING_SIGNAL_COUNT; i++) sigaddset(&handled, np_ending_signal(i));
    sigaddset(&handled, SIGTSTP);
    sigaddset(&handled, SIGCONT);
    sigaddset(&handled, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &handled, NULL);
    if (!at_exit_registered) {
        at_exit_registered = 1;
        atexit(np_restore_at_exit);
    }
}

/// Disarms the restore after a normal endwin(): crash handlers go back to the
/// previous ones, the others to their default action (a signal noted before
/// stays noted: the caller dies by it).
static inline void np_disarm_terminal_restore(void) {
    struct np_restore_state *state = np_restore();
    state->armed = 0;
    for (int i = 0; i < NP_CRASH_SIGNAL_COUNT; i++) {
        sigaction(np_crash_signal(i), &state->previous[np_crash_signal(i)], NULL);
    }
    for (int i = 0; i < NP_ENDING_SIGNAL_COUNT; i++) {
        int sig = np_ending_signal(i);
        if (!state->ignored[sig]) np_set_handler(sig, SIG_DFL);
    }
    np_set_handler(SIGTSTP, SIG_DFL);
    np_set_handler(SIGCONT, SIG_DFL);
}

/// The first terminating signal noted since start, or 0.
static inline int np_pending_signal(void) { return np_restore()->pending_signal; }

/// Takes the note of a SIGTSTP (true once per signal).
static inline bool np_take_suspend_request(void) {
    struct np_restore_state *state = np_restore();
    if (!state->pending_suspend) return false;
    state->pending_suspend = 0;
    return true;
}

/// Takes the note of a SIGCONT (true once per signal).
static inline bool np_take_continued(void) {
    struct np_restore_state *state = np_restore();
    if (!state->continued) return false;
    state->continued = 0;
    return true;
}

/// Stops the process group as Ctrl-Z does in a cooked terminal; returns after SIGCONT.
/// Call with curses ended (endwin), so the shell gets a sane terminal.
static inline void np_stop_until_continued(bool mouse) {
    if (mouse) {
        static const char off[] = "\033[?1006l\033[?1002l\033[?1000l";
        ssize_t ignored = write(STDOUT_FILENO, off, sizeof off - 1);
        (void)ignored;
    }
    np_set_handler(SIGTSTP, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    kill(0, SIGTSTP);
    // Running again: SIGCONT was delivered before kill() returned here.
    np_set_handler(SIGTSTP, np_suspend_signal_handler);
    np_restore()->pending_suspend = 0;
}

/// Starts curses on the process's standard streams; NULL when TERM is unknown (initscr would exit instead).
static inline SCREEN *np_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int np_key_code_yes(void) { return KEY_CODE_YES; }
static inline int np_key_f0(void) { return KEY_F0; }
static inline mmask_t np_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON3_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED | REPORT_MOUSE_POSITION;
}
/// xterm's button-event tracking (1002): motion while a button is held is reported, so a drag paints.
/// ncurses asks only for clicks (1000); the restore bytes above turn 1002 off again.
static inline void np_enable_drag_reports(void) {
    static const char on[] = "\033[?1002h";
    ssize_t ignored = write(STDOUT_FILENO, on, sizeof on - 1);
    (void)ignored;
}
static inline bool np_mouse_is(mmask_t state, int which) {
    switch (which) {
    case 1: return (state & BUTTON1_PRESSED) != 0;
    case 2: return (state & BUTTON1_RELEASED) != 0;
    case 3: return (state & BUTTON3_PRESSED) != 0;
    case 4: return (state & BUTTON4_PRESSED) != 0;
    case 5: return (state & BUTTON5_PRESSED) != 0;
    case 6: return (state & REPORT_MOUSE_POSITION) != 0;
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
