#ifndef GLOSS_CNCURSESW_SHIM_H
#define GLOSS_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D flags, so ask for the wide-character API here.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Attributes (macros that do not import into Swift).
static inline attr_t gloss_a_normal(void) { return A_NORMAL; }
static inline attr_t gloss_a_bold(void) { return A_BOLD; }
static inline attr_t gloss_a_dim(void) { return A_DIM; }
static inline attr_t gloss_a_italic(void) { return A_ITALIC; }
static inline attr_t gloss_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gloss_a_reverse(void) { return A_REVERSE; }

static inline int gloss_err(void) { return ERR; }
static inline int gloss_ok(void) { return OK; }
static inline int gloss_key_code_yes(void) { return KEY_CODE_YES; }

// Key codes.
static inline int gloss_key_up(void) { return KEY_UP; }
static inline int gloss_key_down(void) { return KEY_DOWN; }
static inline int gloss_key_left(void) { return KEY_LEFT; }
static inline int gloss_key_right(void) { return KEY_RIGHT; }
static inline int gloss_key_npage(void) { return KEY_NPAGE; }
static inline int gloss_key_ppage(void) { return KEY_PPAGE; }
static inline int gloss_key_home(void) { return KEY_HOME; }
static inline int gloss_key_end(void) { return KEY_END; }
static inline int gloss_key_backspace(void) { return KEY_BACKSPACE; }
static inline int gloss_key_dc(void) { return KEY_DC; }
static inline int gloss_key_ic(void) { return KEY_IC; }
static inline int gloss_key_enter(void) { return KEY_ENTER; }
static inline int gloss_key_btab(void) { return KEY_BTAB; }
static inline int gloss_key_resize(void) { return KEY_RESIZE; }
static inline int gloss_key_mouse(void) { return KEY_MOUSE; }
static inline int gloss_key_f(int n) { return KEY_F(n); }

// Mouse.
static inline mmask_t gloss_mouse_mask(void) {
  return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
         | BUTTON5_PRESSED
#endif
      ;
}
static inline int gloss_mouse_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int gloss_mouse_is_wheel_down(mmask_t state) {
#ifdef BUTTON5_PRESSED
  return (state & BUTTON5_PRESSED) != 0;
#else
  return 0;
#endif
}
static inline int gloss_mouse_is_press(mmask_t state) {
  return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
}
static inline int gloss_mouse_is_release(mmask_t state) { return (state & BUTTON1_RELEASED) != 0; }

// Colours.
static inline short gloss_color_count(void) { return (short)COLORS; }
static inline int gloss_color_pair(short n) { return (int)COLOR_PAIR(n); }

// The standard screen (a global that Swift 6 will not read).
static inline WINDOW *stdscr_window(void) { return stdscr; }

// Window size (getmaxyx is a macro; LINES/COLS are globals).
static inline int gloss_rows(WINDOW *w) { return getmaxy(w); }
static inline int gloss_cols(WINDOW *w) { return getmaxx(w); }

// Draw one cell: a grapheme (up to a few scalars) with attributes and colour pair.
static inline int gloss_put_cell(WINDOW *w, int y, int x, const wchar_t *chars, int count, attr_t attrs, short pair) {
  cchar_t cell;
  wchar_t buffer[CCHARW_MAX + 1];
  int n = count < CCHARW_MAX ? count : CCHARW_MAX;
  for (int i = 0; i < n; i++) buffer[i] = chars[i];
  buffer[n] = L'\0';
  if (setcchar(&cell, buffer, attrs, pair, NULL) == ERR) return ERR;
  return mvwadd_wch(w, y, x, &cell);
}

// The terminal's size as the kernel has it (what curses starts from, unless LINES and
// COLUMNS say otherwise); 0 when fd is not a terminal or the size is unknown.
static inline int gloss_window_size(int fd, int *rows, int *cols) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
  *rows = size.ws_row;
  *cols = size.ws_col;
  return 1;
}

// Terminal capabilities by terminfo name; NULL when the terminal lacks one (tigetstr's
// (char *)-1 "not a string capability" included).
static inline const char *gloss_capability(const char *name) {
  char *value = tigetstr(name);
  if (value == NULL || value == (char *)-1 || value[0] == '\0') return NULL;
  return value;
}

// A key sequence that ncurses should return as one key code.
static inline int gloss_define_key(const char *sequence, int code) { return define_key(sequence, code); }

// Key codes for the start and end of a bracketed paste (ESC[200~ and ESC[201~): free codes
// above KEY_MAX, which ncurses hands back unchanged with KEY_CODE_YES.
static inline int gloss_key_paste_start(void) { return KEY_MAX + 1; }
static inline int gloss_key_paste_end(void) { return KEY_MAX + 2; }

// Flow control off (IXON/IXOFF): Ctrl-S and Ctrl-Q reach the reader instead of freezing the
// screen. Curses' program mode is saved again so that it keeps this after a suspend; endwin
// puts the shell's modes back.
static inline int gloss_flow_control_off(int fd) {
  struct termios modes;
  if (tcgetattr(fd, &modes) != 0) return ERR;
  modes.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
  if (tcsetattr(fd, TCSANOW, &modes) != 0) return ERR;
  return def_prog_mode();
}

#endif
