/* config.h: the user's configuration file ($XDG_CONFIG_HOME/yeonpyo/config):
 * settings that stand in for options, key bindings and colours per
 * element. A line it cannot use is reported with the file and line and
 * left out; the rest applies. */
#ifndef YEONPYO_CONFIG_H
#define YEONPYO_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "yeonpyo/keys.h"
#include "yeonpyo/options.h"
#include "yeonpyo/strbuf.h"

/* The elements colours are set for (src/styles.def), in ui_draw.h's
 * draw_style order. */
enum {
#define STYLE(id, ...) CONFIG_ELEMENT_##id,
#include "styles.def"
#undef STYLE
	CONFIG_ELEMENTS
};
extern const char *const config_element_names[CONFIG_ELEMENTS];

/* A colour: a palette index 0-255, or one of these. The first eight have
 * names, numbered as curses numbers them. */
#define CONFIG_COLOR_DEFAULT (-1)  /* the terminal's own */
#define CONFIG_COLOR_UNSET (-2)    /* the built-in choice */
enum {
	CONFIG_COLOR_BLACK,
	CONFIG_COLOR_RED,
	CONFIG_COLOR_GREEN,
	CONFIG_COLOR_YELLOW,
	CONFIG_COLOR_BLUE,
	CONFIG_COLOR_MAGENTA,
	CONFIG_COLOR_CYAN,
	CONFIG_COLOR_WHITE
};

enum {
	CONFIG_NORMAL = 0,
	CONFIG_BOLD = 1,
	CONFIG_UNDERLINE = 2,
	CONFIG_REVERSE = 4,
	CONFIG_DIM = 8,
	CONFIG_ATTRS_SET = 16  /* the attributes were given (maybe none) */
};

typedef struct {
	short fg, bg;
	unsigned attrs;
} config_color;

typedef struct {
	key_code code;
	key_action action;  /* ACTION_NONE: unbind */
} config_bind;

typedef struct {
	char *path;        /* the file read, or NULL when there is none */
	opt_settings settings;     /* those the file sets */
	char *texts[OPT_COUNT];    /* owned copies of its text settings */
	/* columns from which the panes stand side by side: the setting in
	 * effect, read here by the browser */
	int side_by_side;
	config_bind *binds;
	size_t n_binds;
	config_color colors[CONFIG_ELEMENTS];
	strbuf problems;   /* "PATH:LINE: what" lines */
	size_t n_problems;
} yp_config;

/* $XDG_CONFIG_HOME/yeonpyo/config, else ~/.config/yeonpyo/config; NULL
 * without a home. The caller frees it. */
char *config_default_path(void);

/* Reads path into c (a missing file is an empty configuration); every
 * line it cannot use is in c->problems. False only when memory ran out.
 * Free with config_free. */
bool config_load(yp_config *c, const char *path);
void config_free(yp_config *c);

/* Parses text as the file at path would be. */
bool config_parse(yp_config *c, const char *path, const char *text);

/* The bindings in force: keys.def's changed by c's bind and unbind. */
bool config_keymap(const yp_config *c, keymap *km);

/* Each element's colours and attributes (in colour) unless the file sets
 * them, from src/styles.def. */
extern const config_color config_default_colors[CONFIG_ELEMENTS];

/* Appends a colour, or the attribute words, as the file writes them. */
void config_color_name(short color, strbuf *out);
void config_attr_names(unsigned attrs, strbuf *out);

#endif
