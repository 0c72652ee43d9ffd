/* external_editor.h: a text edited in $VISUAL or $EDITOR (external_editor.c). */
#ifndef YEONPYO_EXTERNAL_EDITOR_H
#define YEONPYO_EXTERNAL_EDITOR_H

#include "yeonpyo/status.h"

/* Gives the terminal to $VISUAL, else $EDITOR, else vi, on a temporary
 * file (private to the user, removed after) holding text, and takes the
 * screen again when it ends. Returns what the file holds then, for the
 * caller to free; NULL with err set when the editor could not run or
 * failed (a non-zero status: nothing is to be saved) or the file could
 * not be read. */
char *external_editor_run(const char *text, yp_error *err);

#endif
