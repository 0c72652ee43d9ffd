/* xdg.h: where the XDG base directory specification puts a user's files:
 * the data, the configuration and the state of yeonpyo. */
#ifndef YEONPYO_XDG_H
#define YEONPYO_XDG_H

/* $var/yeonpyo/name when var holds an absolute path (the spec ignores a
 * relative one), else $HOME/fallback/yeonpyo/name; the directory alone
 * when name is NULL. NULL without either. The caller frees it. */
char *xdg_path(const char *var, const char *fallback, const char *name);

#endif
