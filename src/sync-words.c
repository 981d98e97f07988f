/*
 * sync-words.c - the decisions of a merge, recorded with who made each
 * side, and put into words: the lines sync prints (with the values), the
 * merge commit's message (without: it must hold nothing confidential),
 * the comment that keeps a lost value in docket.ini, the note that keeps
 * them in a case; and the events sync hands its caller.
 */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/error.h"
#include "docket/note.h"
#include "docket/util.h"
#include "syncer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- words ---- */

static char *
when_str(char *buf, size_t size, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

/* "Carol Park, 2026-11-23 10:02" */
static char *
who_str(const struct who *w, const char *side)
{
	char t[32];

	if (!w->found)
		return xstrdup(side);
	return xasprintf("%s, %s", w->author, when_str(t, sizeof(t), w->time));
}

static const char *
side_name(const struct syncer *s, int side)
{
	return side ? s->where : "yours";
}

/* What a decision did, without the file: "client.phone: kept ..." */
static char *
decision_text(const struct syncer *s, const struct fdecision *fd, int values)
{
	const struct merge_decision *d = &fd->d;
	char *key = d->key ? cfg_dotted(d->section, d->key) : NULL;
	char *kept = who_str(&fd->kept, side_name(s, d->kept));
	char *other = who_str(&fd->other, side_name(s, !d->kept));
	char *t = NULL;

	switch (d->kind) {
	case MERGE_BOTH_CHANGED:
		if (values)
			t = xasprintf("%s: kept \"%s\" (%s); \"%s\" (%s)", key,
				      d->kept_value, kept, d->lost_value, other);
		else
			t = xasprintf("%s: kept the value from (%s); the value "
				      "from (%s)", key, kept, other);
		break;
	case MERGE_KEPT_CHANGE:
		if (values)
			t = xasprintf("%s: kept \"%s\" (%s) over its deletion (%s)",
				      key, d->kept_value, kept, other);
		else
			t = xasprintf("%s: kept as changed (%s) over its deletion "
				      "(%s)", key, kept, other);
		break;
	case MERGE_KEPT_SECTION:
		t = xasprintf("[%s]: kept as changed (%s) over its deletion "
			      "(%s)", d->section, kept, other);
		break;
	case MERGE_RENUMBERED:
		t = xasprintf("[%s] was added on both sides: the later one "
			      "(%s) is now [%s]", d->section, other, d->renamed);
		break;
	case MERGE_RENAMED:
		t = xasprintf("[%s] was added on both sides as two different "
			      "deadlines: the later one (%s) is now [%s]",
			      d->section, other, d->renamed);
		break;
	}
	free(key);
	free(kept);
	free(other);
	return t;
}

/* (the merge commit's message must hold nothing confidential) */
char *
sync_decision_line(const struct syncer *s, const struct fdecision *fd,
		   int values)
{
	char *t = decision_text(s, fd, values), *line;
	char *dir = case_is_file(fd->path) ? case_dir_of(fd->path) : NULL;
	const char *where = dir ? case_dir_id(dir) : fd->path;

	if (fd->d.kind == MERGE_BOTH_CHANGED && fd->note)
		line = xasprintf("%s: %s saved in %s", where, t,
				 fd->note + strlen(dir) + 1);
	else if (fd->d.kind == MERGE_BOTH_CHANGED)
		line = xasprintf("%s: %s kept in a comment above it", where, t);
	else
		line = xasprintf("%s: %s", where, t);
	free(t);
	free(dir);
	return line;
}

/* The comment that keeps a lost value in a file without notes. */
char *
sync_comment(void *arg, const struct merge_decision *d)
{
	struct fctx *f = arg;
	struct who lost;
	char *w, *t;

	sync_last_change(f->s, !d->kept, f->path, d->section, d->key, KEY_CHANGED,
			 &lost);
	w = who_str(&lost, side_name(f->s, !d->kept));
	t = xasprintf("docket merge: %s was also \"%s\" (%s)", d->key,
		      d->lost_value, w);
	free(w);
	return t;
}


void
sync_record(struct syncer *s, const char *path, const struct merge_decision *d)
{
	struct fdecision *fd;
	struct fctx f = { s, path };
	enum what what = d->key ? KEY_CHANGED :
			 d->kind == MERGE_RENUMBERED ||
			 d->kind == MERGE_RENAMED ? SECTION_ADDED :
			 SECTION_CHANGED;

	GROW(s->dec, s->capdec, s->ndec + 1);
	fd = &s->dec[s->ndec++];
	memset(fd, 0, sizeof(*fd));
	fd->path = xstrdup(path);
	fd->d = *d;
	fd->d.section = xstrdup(d->section);
	fd->d.key = d->key ? xstrdup(d->key) : NULL;
	fd->d.kept_value = d->kept_value ? xstrdup(d->kept_value) : NULL;
	fd->d.lost_value = d->lost_value ? xstrdup(d->lost_value) : NULL;
	fd->d.renamed = d->renamed ? xstrdup(d->renamed) : NULL;
	sync_last_change(f.s, d->kept, path, d->section, d->key, what, &fd->kept);
	sync_last_change(f.s, !d->kept, path, d->section, d->key, what, &fd->other);
	/* the strings live in the history, which outlives the decision */
}

void
sync_decisions_free(struct syncer *s)
{
	for (size_t i = 0; i < s->ndec; i++) {
		struct fdecision *fd = &s->dec[i];

		free(fd->d.section);
		free(fd->d.key);
		free(fd->d.kept_value);
		free(fd->d.lost_value);
		free(fd->d.renamed);
		free(fd->path);
		free(fd->note);
	}
	free(s->dec);
	s->dec = NULL;
	s->ndec = s->capdec = 0;
}

/* ---- the notes that keep lost values ---- */

/* The note text for the decisions made in one case. */
void
sync_note_text(const struct syncer *s, const char *dir, struct sb *out)
{
	sb_adds(out, NOTE_SYNC_LEAD " in two places at once:\n\n");
	for (size_t i = 0; i < s->ndec; i++) {
		char *d, *t;

		if (!case_is_file(s->dec[i].path))
			continue;
		d = case_dir_of(s->dec[i].path);
		if (!strcmp(d, dir)) {
			t = decision_text(s, &s->dec[i], 1);
			sb_addf(out, "- %s\n", t);
			free(t);
		}
		free(d);
	}
}

/* The case directories with decisions, each once. */
void
sync_decided_cases(const struct syncer *s, struct strv *dirs)
{
	for (size_t i = 0; i < s->ndec; i++) {
		char *d;

		if (!case_is_file(s->dec[i].path))
			continue;
		d = case_dir_of(s->dec[i].path);
		if (strv_has(dirs, d))
			free(d);
		else
			strv_push_owned(dirs, d);
	}
}

void
sync_set_note(struct syncer *s, const char *dir, const char *note)
{
	for (size_t i = 0; i < s->ndec; i++) {
		char *d;

		if (!case_is_file(s->dec[i].path))
			continue;
		d = case_dir_of(s->dec[i].path);
		if (!strcmp(d, dir) && !s->dec[i].note)
			s->dec[i].note = xstrdup(note);
		free(d);
	}
}

/* ---- the events ---- */

void
sync_report(const struct sync_opts *o, struct sync_event *ev)
{
	if (o->report)
		o->report(o->arg, ev);
}

void
sync_report_text(const struct sync_opts *o, enum sync_event_kind kind,
		 const char *where, const char *text)
{
	struct sync_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.where = where;
	ev.text = text;
	sync_report(o, &ev);
}

void
sync_report_count(const struct sync_opts *o, enum sync_event_kind kind,
		  size_t n)
{
	struct sync_event ev;

	if (!n)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.n = n;
	sync_report(o, &ev);
}
