/* browser.c: the stack of views and what every view may ask of the
 * browser: a note in the status line, the language, the detail of the
 * selected event, whether keys wait. */
#include "browser.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "yeonpyo/options.h"

#include "osc.h"

void *browser_view_new(browser *b, size_t size, const view_ops *ops)
{
	assert(size >= sizeof(view));
	view *v = calloc(1, size);
	if (!v) {
		browser_note(b, "out of memory");
		return NULL;
	}
	v->ops = ops;
	return v;
}

void browser_view_free(view *v, browser *b)
{
	(void)b;
	free(v);
}

void browser_push(browser *b, view *v)
{
	assert(v && v->ops);
	if (b->depth == BROWSER_DEPTH) {  /* nothing stacks this deep */
		v->ops->close(v, b);
		return;
	}
	v->dirty = true;
	b->stack[b->depth++] = v;
}

void browser_pop(browser *b)
{
	assert(b->depth > 0);
	view *v = b->stack[--b->depth];
	b->stack[b->depth] = NULL;
	v->ops->close(v, b);
	browser_invalidate(b);
}

view *browser_top(const browser *b)
{
	return b->depth ? b->stack[b->depth - 1] : NULL;
}

void browser_close_all(browser *b)
{
	while (b->depth)
		browser_pop(b);
}

void browser_invalidate(browser *b)
{
	for (size_t i = 0; i < b->depth; i++)
		b->stack[i]->dirty = true;
}

/* The highest view that covers the body: nothing under it shows. */
static size_t base_of(const browser *b)
{
	size_t base = 0;
	for (size_t i = 0; i < b->depth; i++)
		if (b->stack[i]->ops->place == VIEW_BODY)
			base = i;
	return base;
}

void browser_draw_views(browser *b, bool all)
{
	size_t base = base_of(b);
	bool from_here = all;
	for (size_t i = base; i < b->depth; i++) {
		view *v = b->stack[i];
		/* a view drawn again covers those above it: they follow */
		from_here = from_here || v->dirty;
		if (from_here && v->ops->place != VIEW_LINE)
			v->ops->draw(v, b);
		if (v->ops->place != VIEW_LINE)
			v->dirty = false;
	}
}

void browser_status_words(const browser *b, strbuf *left)
{
	for (size_t i = base_of(b); i < b->depth; i++) {
		const view *v = b->stack[i];
		if (v->ops->status)
			v->ops->status(v, b, left);
	}
}

void browser_key(browser *b, const view_key *k)
{
	view *v = browser_top(b);
	b->note[0] = '\0';
	if (!v)
		return;
	v->dirty = true;
	v->ops->key(v, b, k);
}

long view_wheel_step(const view_mouse *m)
{
	return m->kind == VIEW_WHEEL_UP ? -WHEEL_LINES : WHEEL_LINES;
}

void browser_mouse(browser *b, const view_mouse *m)
{
	view *v = browser_top(b);
	b->note[0] = '\0';
	if (!v || !v->ops->mouse)
		return;
	v->dirty = true;
	v->ops->mouse(v, b, m);
}

void browser_copy(browser *b, const char *url)
{
	bool ko = b->lang == LANG_KO;
	strbuf sb = STRBUF_INIT;
	if (!b->clipboard) {  /* the option that turns it on */
		strbuf_printf(&sb, ko ? "클립보드 꺼짐 (%s=%s로 켜기)"
				      : "the clipboard is off (%s=%s turns it on)",
			      options_spec(OPT_CLIPBOARD)->flag,
			      options_word(OPTV_CLIPBOARD_OSC52));
		browser_note(b, strbuf_str(&sb));
		strbuf_free(&sb);
		return;
	}
	osc_clipboard(&sb, url);
	osc_write(&sb);
	strbuf_reset(&sb);
	strbuf_printf(&sb, "%s %s", ko ? "복사함:" : "copied", url);
	browser_note(b, strbuf_str(&sb));
	strbuf_free(&sb);
}

void browser_key_below(browser *b, const view *v, const view_key *k)
{
	for (size_t i = 1; i < b->depth; i++) {
		if (b->stack[i] != v)
			continue;
		view *below = b->stack[i - 1];
		below->dirty = true;
		below->ops->key(below, b, k);
		return;
	}
}

void browser_reread_views(browser *b)
{
	for (size_t i = 0; i < b->depth; i++) {
		view *v = b->stack[i];
		if (v->ops->reread)
			v->ops->reread(v, b);
		v->dirty = true;
	}
}

bool browser_idle(browser *b)
{
	bool due = false;
	for (size_t i = 0; i < b->depth; i++) {
		view *v = b->stack[i];
		if (v->ops->idle && v->ops->idle(v, b))
			due = true;
	}
	return due;
}

void browser_note(browser *b, const char *text)
{
	snprintf(b->note, sizeof(b->note), "%s", text);
}

void browser_note_failure(browser *b, const yp_error *err)
{
	browser_note(b, err->message);
}

void browser_fail(browser *b, const yp_error *err)
{
	b->err = *err;
	b->status = (int)err->status;
	b->running = false;
}

void browser_toggle_language(browser *b)
{
	b->lang = b->lang == LANG_KO ? LANG_EN : LANG_KO;
	browser_invalidate(b);
}

void browser_note_seen(browser *b)
{
	timeline_event *e = timeline_selected(&b->tl);
	if (!e || e->seen)
		return;
	yp_error err = {0};
	if (store_set_seen(b->s, e->id, &err) != YP_OK)
		browser_note_failure(b, &err);
	e->seen = true;  /* seen all the same, if only for this run */
}

void browser_draw_detail(browser *b, int y, int x, int height, int width)
{
	browser_note_seen(b);
	yp_error err = {0};
	if (detail_show(&b->dv, b->s, timeline_selected_id(&b->tl), b->lang,
			width, &err) != YP_OK)
		browser_fail(b, &err);
	detail_scroll(&b->dv, 0, height);
	detail_draw(&b->dv, &b->canvas, y, x, height, width, b->nar.marks);
}

bool browser_keys_waiting(void *ctx)
{
	browser *b = ctx;
	return input_ready(&b->in, input_now());
}
