#ifndef GLOSS_TERMINAL_RESTORE_H
#define GLOSS_TERMINAL_RESTORE_H

#include <stddef.h>

// Signals and the terminal: the one place that owns the process's signal flag and the bytes that
// put a terminal back the way the shell had it. Everything here is async-signal-safe where a
// handler uses it (write(2), tcsetattr(3), sigaction(2), raise(3)).

/// Saves the terminal modes of `fd` as the shell left them. Call before curses changes them.
/// Returns 0, or -1 when `fd` is not a terminal.
int gloss_terminal_save_modes(int fd);

/// Arms the signal-time restore: `bytes` (copied, at most 1 KB) are written to the saved
/// terminal and its saved modes set again when a signal ends the process.
void gloss_terminal_arm(const char *bytes, size_t length);

/// The normal way out has restored the terminal: signal handlers no longer write to it.
void gloss_terminal_disarm(void);

/// Writes the armed bytes and sets the saved modes now (once), then releases stderr; safe in a
/// signal handler.
void gloss_terminal_restore_now(void);

/// Quit signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
/// SIGXCPU, SIGXFSZ) set a flag the run loop takes (`gloss_take_pending_signal`); a second one
/// before the loop has taken the first restores the terminal and takes the default action. Crash signals (SIGSEGV, SIGBUS, SIGILL,
/// SIGFPE, SIGABRT, SIGTRAP, SIGSYS) restore the terminal, then take the default action.
/// Signals the parent set to be ignored stay ignored. Idempotent.
void gloss_install_signal_handlers(void);

/// While the reader is up, what goes to stderr (a Swift fatal error's message, a warning) would
/// land on its screen and vanish with it: when stderr is the terminal, it is kept in a file in
/// memory (memfd_create; an unlinked temporary file where there is none) instead and written to the real stderr once the terminal is restored — by
/// `gloss_stderr_release` on the normal way out, or by the signal handlers. Returns 0 when
/// capturing (or when stderr is not a terminal, which needs nothing), -1 on failure.
int gloss_stderr_capture(void);

/// Puts stderr back and writes what was captured to it. Idempotent; async-signal-safe.
void gloss_stderr_release(void);

/// 1 once after the process was continued (SIGCONT, after Ctrl-Z and `fg`), else 0: the
/// shell may have switched terminal modes (bracketed paste) off meanwhile.
int gloss_take_continued(void);

/// The quit signal that arrived and was not taken yet (0 when none).
int gloss_pending_signal(void);

/// The quit signal that arrived (0 when none), cleared: the run loop has answered it.
int gloss_take_pending_signal(void);

/// Forgets a pending quit signal (for tests).
void gloss_clear_pending_signal(void);

/// SIGPIPE ignored, process-wide: a closed pipe is an EPIPE error on the write instead.
void gloss_ignore_sigpipe(void);

#endif
