#define _GNU_SOURCE  // memfd_create
#include "GlossTerminalRestore.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t armed = 0;
static volatile sig_atomic_t continued = 0;
static int terminal_fd = -1;
static int have_modes = 0;
static struct termios saved_modes;
static char restore_bytes[1024];
static size_t restore_length = 0;
static int installed = 0;
static volatile sig_atomic_t saved_stderr = -1;
static volatile sig_atomic_t captured_stderr = -1;

static const int quit_signals[] = {SIGINT,    SIGTERM, SIGHUP,  SIGQUIT, SIGUSR1, SIGUSR2,
                                   SIGALRM,   SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS};

int gloss_terminal_save_modes(int fd) {
  if (tcgetattr(fd, &saved_modes) != 0) return -1;
  terminal_fd = fd;
  have_modes = 1;
  return 0;
}

void gloss_terminal_arm(const char *bytes, size_t length) {
  armed = 0;
  if (length > sizeof restore_bytes) length = sizeof restore_bytes;
  memcpy(restore_bytes, bytes, length);
  restore_length = length;
  armed = 1;
}

void gloss_terminal_disarm(void) { armed = 0; }

/// A file for what is written to stderr while the reader is up: in memory where the system
/// has memfd_create (no directory entry to make and remove: a temporary file in a crowded /tmp
/// was a tenth of a millisecond of the first paint), else an unlinked temporary file.
static int stderr_file(void) {
#if defined(__linux__) && defined(MFD_CLOEXEC)
  int memory = memfd_create("gloss-stderr", MFD_CLOEXEC);
  if (memory >= 0) return memory;
#endif
  const char *dir = getenv("TMPDIR");
  char path[4096];
  size_t length = dir != NULL && dir[0] != '\0' ? strlen(dir) : 0;
  if (length > sizeof path - 32) length = 0;
  if (length == 0) {
    dir = "/tmp";
    length = 4;
  }
  memcpy(path, dir, length);
  memcpy(path + length, "/gloss-stderr-XXXXXX", sizeof "/gloss-stderr-XXXXXX");
  int file = mkstemp(path);
  if (file < 0) return -1;
  unlink(path);
  return file;
}

int gloss_stderr_capture(void) {
  if (captured_stderr >= 0 || !isatty(STDERR_FILENO)) return 0;
  int file = stderr_file();
  if (file < 0) return -1;
  int saved = dup(STDERR_FILENO);
  if (saved < 0 || dup2(file, STDERR_FILENO) < 0) {
    if (saved >= 0) close(saved);
    close(file);
    return -1;
  }
  fcntl(file, F_SETFD, FD_CLOEXEC);
  fcntl(saved, F_SETFD, FD_CLOEXEC);
  saved_stderr = saved;
  captured_stderr = file;
  return 0;
}

void gloss_stderr_release(void) {
  int file = captured_stderr;
  int saved = saved_stderr;
  if (file < 0 || saved < 0) return;
  captured_stderr = -1;
  saved_stderr = -1;
  int saved_errno = errno;
  dup2(saved, STDERR_FILENO);
  close(saved);
  char buffer[4096];
  off_t offset = 0;
  for (;;) {
    ssize_t n = pread(file, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    offset += n;
    ssize_t done = 0;
    while (done < n) {
      ssize_t w = write(STDERR_FILENO, buffer + done, (size_t)(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;
      done += w;
    }
    if (done < n) break;
  }
  close(file);
  errno = saved_errno;
}

void gloss_terminal_restore_now(void) {
  if (!armed || terminal_fd < 0) {
    // Not armed: curses may be starting on another thread (its modes set, the bytes that undo
    // the rest not known yet), or has been closed. The saved modes, at least (tcsetattr is
    // safe in a signal handler; putting back the modes the terminal already has is harmless).
    if (have_modes && terminal_fd >= 0) {
      int saved_errno = errno;
      tcsetattr(terminal_fd, TCSANOW, &saved_modes);
      errno = saved_errno;
    }
    gloss_stderr_release();
    return;
  }
  armed = 0;
  int saved_errno = errno;
  size_t done = 0;
  while (done < restore_length) {
    ssize_t n = write(terminal_fd, restore_bytes + done, restore_length - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += (size_t)n;
  }
  if (have_modes) tcsetattr(terminal_fd, TCSANOW, &saved_modes);
  errno = saved_errno;
  gloss_stderr_release();
}

/// Restores the terminal, then lets the signal take its default action (a fault re-runs the
/// faulting instruction when the handler returns and gets the default action then).
static void restore_and_die(int sig) {
  gloss_terminal_restore_now();
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(sig, &action, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
}

static void on_quit_signal(int sig) {
  if (pending_signal != 0) {
    // The run loop has not answered the first one: do not leave the user waiting.
    restore_and_die(sig);
    return;
  }
  pending_signal = sig;
}

static void on_crash_signal(int sig) { restore_and_die(sig); }

static void on_continue(int sig) {
  (void)sig;
  continued = 1;
}

static void install(int sig, void (*handler)(int), int flags) {
  struct sigaction old;
  if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) return;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigfillset(&action.sa_mask);
  action.sa_flags = flags;
  sigaction(sig, &action, NULL);
}

void gloss_install_signal_handlers(void) {
  if (installed) return;
  installed = 1;
  for (size_t i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++) {
    // No SA_RESTART: a blocking read returns EINTR, so the run loop sees the flag at once.
    install(quit_signals[i], on_quit_signal, 0);
  }
  for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
    install(crash_signals[i], on_crash_signal, 0);
  }
  install(SIGCONT, on_continue, SA_RESTART);
}

int gloss_take_continued(void) {
  if (!continued) return 0;
  continued = 0;
  return 1;
}

int gloss_pending_signal(void) { return (int)pending_signal; }

int gloss_take_pending_signal(void) {
  // Signals are blocked while it is read and cleared, so none slips in between (and is lost).
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  int sig = (int)pending_signal;
  pending_signal = 0;
  sigprocmask(SIG_SETMASK, &old, NULL);
  return sig;
}

void gloss_clear_pending_signal(void) { pending_signal = 0; }

void gloss_ignore_sigpipe(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = SIG_IGN;
  sigemptyset(&action.sa_mask);
  sigaction(SIGPIPE, &action, NULL);
}
