/*
 * case.h - one case: finding it, case.ini loaded, validated, edited and
 * saved.  The only code that knows case.ini's sections and keys.
 *
 * Ownership: case_load/case_new give the caller a struct dcase to release
 * with case_free (case_free(NULL) is a no-op).  The view's strings (title,
 * deadlines, ...) point into the case's cfg: they stay valid until the next
 * edit, after which case_view() must run again.
 */
#ifndef DOCKET_CASE_H
#define DOCKET_CASE_H

#include <stddef.h>

#include "docket/date.h"
#include "docket/util.h"

struct cfg;
struct firm;
struct workup;

#define CASES_DIR "cases"
#define CASE_FILE "case.ini"

struct deadline {
	const char *name;	/* the section's subsection name */
	long date;
	const char *what, *who;
	const char *basis;	/* how docket computed it; "manual"; or "" */
	long done;		/* NO_DATE while open */
	int line;
};

struct defendant {		/* [defendant "name"] */
	const char *name;	/* the section's subsection name */
	const char *display;	/* its name key */
	const char *kind;	/* person, business, government or "" */
	int line;
};

/* Defendant kinds, NULL-terminated. */
extern const char *const defendant_kinds[];
/* A state code (case.state, a [sol "..."] rule's): a letter, then
 * letters, digits or '-', at most 32 characters. */
int case_state_ok(const char *s);

struct escalation {
	const char *name;
	long opened;
	const char *by, *to, *reason, *what, *resolution;
	long resolved;		/* NO_DATE while open */
	int line;
};

/* [dismissed "REASON"]: a suggested escalation for REASON looked at and
 * found to need none (escalate --dismiss); quiet until a later note. */
struct dismissal {
	const char *reason;
	long date;
	const char *by, *why;
	int line;
};

/* A [stages] key: the day the case last entered that stage. */
struct stage_entry {
	const char *stage;
	long date;
};

struct dcase {
	char *id;
	char *dir;		/* "cases/2026/smith-7k2p", relative to the firm */
	char *file;		/* dir + "/case.ini" */
	struct cfg *cfg;

	/* the view, made by case_view() */
	const char *title, *client, *type, *stage, *status;
	const char *attorney, *manager;
	const char *state;	/* case.state: a [sol "..."] rule's code */
	long opened, incident, closed, stage_since;
	long dob;		/* client.dob, or NO_DATE */
	int open;		/* status is open */
	struct deadline *due;
	size_t ndue;
	struct escalation *esc;
	size_t nesc;
	struct dismissal *dis;
	size_t ndis;
	struct defendant *def;
	size_t ndef;
	struct stage_entry *entered;	/* [stages] with a date, in order */
	size_t nentered;
	struct workup *wu;	/* providers, policies, demands, offers
				 * (workup.h) */
	/* Set when the view is the one the status cache keeps (status.h):
	 * every string above points into it.  Its cfg and wu are then
	 * NULL (the view alone) or made again from the lines. */
	char *view_text;
};

/*
 * Find a case by ID or unique prefix.  *dir receives "cases/YYYY/ID".
 * 0; DK_EINVAL for an ID docket would never make; DK_ENOTFOUND; DK_EAMBIG
 * listing the candidates.
 */
int case_find(char **dir, const char *root, const char *id);
/* The layout: is path a case's case.ini ("cases/YYYY/ID/case.ini")?
 * The case directory of such a path (a new string), and a directory's
 * case ID (its last part, in dir). */
int case_is_file(const char *path);
char *case_dir_of(const char *path);
const char *case_dir_id(const char *dir);
/* Every case directory ("cases/YYYY/ID"), sorted by ID. */
int case_list_dirs(struct strv *dirs, const char *root);
/* The same, but for the lstat of each case.ini: the directories that are
 * cases if their case.ini is a file (status_case looks, and says). */
int case_list_maybe(struct strv *dirs, const char *root);
/* Is an ID in use in any year? */
int case_id_taken(const char *root, const char *id);
/*
 * What case_list_dirs passes over in cases/, one message a problem added
 * to problems: a directory of a year with files but no case.ini (notes
 * that belong to no case, as a merge that did not follow a moved case
 * leaves them), and a case ID in more than one year (every command then
 * finds it ambiguous).
 */
void case_layout_problems(struct strv *problems, const char *root);

/* Load and validate dir's case.ini.  0, DK_EPARSE ("file:line: what"). */
int case_load(struct dcase **out, const struct firm *firm, const char *dir);
/* Parse text as the case.ini of dir (no file read). */
int case_parse(struct dcase **out, const struct firm *firm, const char *dir,
	       const char *text, size_t len);
/* The case of dir from its case.ini already parsed (the status cache's):
 * takes cfg, freed with the case or here on failure.  As case_parse. */
int case_from_cfg(struct dcase **out, const struct firm *firm,
		  const char *dir, struct cfg *cfg);
/* An empty case of dir: its id, dir and file set, nothing else. */
struct dcase *case_alloc(const char *dir);
/* A new case in memory, opened (in cases/YYYY) that day; only [case] id
 * is set. */
struct dcase *case_new(const char *id, long opened);
void case_free(struct dcase *c);

/*
 * (Re)build the view from the cfg and validate it against the firm.
 * 0, or DK_EPARSE with "file:line: what".  warnings (may be NULL) gets
 * what `docket check` lists without failing (handles not in [staff]...).
 */
int case_view(struct dcase *c, const struct firm *firm, struct strv *warnings);

/* Edit helpers: 0 or DK_EINVAL (nothing changed). */
int case_set(struct dcase *c, const char *section, const char *key,
	     const char *value);
/* Set several keys of one section: key, value, ..., NULL.  0, or the
 * first error (the keys before it are set). */
int case_set_keys(struct dcase *c, const char *section, ...);
/* The path of the case file under root, as a new string. */
char *case_path(const struct firm *firm, const struct dcase *c);
/* Save case.ini atomically. 0 or DK_EIO. */
int case_save(const struct firm *firm, const struct dcase *c);
/* Its text, as it would be saved. */
void case_text(const struct dcase *c, struct sb *out);

const struct deadline *case_deadline(const struct dcase *c, const char *name);
/* The day reason's suggestion was last dismissed, or NO_DATE. */
long case_dismissed(const struct dcase *c, const char *reason);
/* The next escalation number, as a new string. */
char *case_next_escalation(const struct dcase *c);

/* Is section.key one of case.ini's dates (case.incident, client.dob,
 * due.NAME.date, ...)? */
int case_is_date_key(const char *section, const char *key);

/* Check a handle against [staff]; a warning into w (if not NULL). */
void case_check_handle(const struct firm *firm, const char *what,
		       const char *handle, struct strv *w);

#endif
