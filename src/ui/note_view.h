/* note_view.h: the user's note on the selected event, edited in place or
 * in their own editor (note_view.c). */
#ifndef YEONPYO_NOTE_VIEW_H
#define YEONPYO_NOTE_VIEW_H

#include "browser.h"

/* e: pushes the box editing the selected event's note. */
void note_view_open(browser *b);

/* E: the selected event's note in $VISUAL or $EDITOR, kept when the
 * editor ends well and changed it (emptied, it is deleted). */
void note_view_edit_externally(browser *b);

#endif
