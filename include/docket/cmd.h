/*
 * cmd.h - what the commands share: the context main() sets up, option
 * parsing with docket's usage errors, and the command's side of a change
 * to one case (change.h).
 *
 * Ownership: main() owns the struct ctx and everything in it.
 */
#ifndef DOCKET_CMD_H
#define DOCKET_CMD_H

#include <getopt.h>
#include <stdint.h>

/* docket's version (`docket --version`; the status cache keeps it) */
#ifndef DOCKET_VERSION
#define DOCKET_VERSION "0.1.0"
#endif
#include <stdio.h>
#include <time.h>

#include "docket/change.h"
#include "docket/util.h"

struct repo;
struct firm;
struct dcase;
struct cfg;

enum cmd_flags {
	NEED_FIRM = 1 << 0,	/* open the repository and load docket.ini */
	WRITES = 1 << 1,	/* take the writers' lock before running */
	HIDDEN = 1 << 2,	/* not listed in help or completion */
	RAW = 1 << 3,		/* its arguments are not docket's options:
				 * no --help scan before it runs */
	SCANS = 1 << 4,		/* reads every case (from the status cache):
				 * the cases are listed and statted ahead */
	SCANS_NOTES = 1 << 5,	/* the same, and their notes */
	SCANS_NO_ID = 1 << 6,	/* ...unless its first argument (an ID) says
				 * it is about one case */
};

struct ctx;
typedef int (*cmd_fn)(struct ctx *ctx, int argc, char **argv);

struct command {
	const char *name;
	cmd_fn fn;
	unsigned flags;
	/*
	 * The SYNOPSIS lines, without "usage: ".  The completions read them
	 * (see cmd-complete.c), so they name every option: "[--name N]" an
	 * option with a value, "[--json]" a flag, positionals before the
	 * options, and values named ID (a case), H (a staff handle), STAGE
	 * or S, KIND, R (a reason), FILE, DIR or "a|b|c" complete as such.
	 */
	const char *usage;
	const char *summary;	/* one line for `docket --help` */
};

struct ctx {
	const struct command *cmd;
	const struct command *commands;	/* the table (main.c), NULL-ended */
	struct repo *repo;	/* NEED_FIRM */
	struct firm *firm;	/* NEED_FIRM */
	const char *root;	/* NEED_FIRM: the firm's top, ending in '/' */
	time_t now;
	long today;
	char *handle;		/* ctx_user() */
	char *name, *email;	/* ctx_user() */
};

/* Print "docket: <message>" (the last error) and return its exit status. */
int fail(int code);
/* Print "docket CMD: <fmt>" and the usage to stderr; return EXIT_USAGE. */
int usage_error(const struct ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void print_usage(FILE *f, const struct command *cmd);

/*
 * getopt_long with docket's conventions: --help (and -h) print the usage to
 * stdout; a bad option is a usage error.  Returns the option, -1 at the
 * end, or OPT_EXIT with *status set to the exit status.
 */
#define OPT_EXIT (-2)
int next_opt(struct ctx *ctx, int argc, char **argv, const char *shortopts,
	     const struct option *longopts, int *status);

/* The arguments of "CMD ID -m REASON" (close, reopen): 0 with *id and *m
 * set, or -1 when the command is over (--help, a usage error) with its
 * exit status in *status. */
int id_and_reason(struct ctx *ctx, int argc, char **argv, const char **id,
		  const char **m, int *status);

/* The acting staff handle: DOCKET_USER, else the staff entry whose email
 * is the git identity's, else the email's local part (with a warning). */
int ctx_user(struct ctx *ctx, const char **handle);
/* A staff handle made from an email's local part; a new string. */
char *handle_from_email(const char *email);
/*
 * "SECTION.KEY=VALUE" or "KIND.NAME.KEY=VALUE" (for [KIND "NAME"]), as
 * git config spells it.  0 and three new strings, or DK_EINVAL.
 */
int parse_assignment(const char *arg, char **section, char **key,
		     char **value);
/* Warn (stderr) when a handle is not in [staff]; refuse a bad one, and
 * one within two edits of a staff handle ("did you mean 'bob'?"). */
int check_handle(struct ctx *ctx, const char *what, const char *handle);
/* A handle a filter (--who H) is given: 0 when it is in [staff] or on a
 * case; else DK_EINVAL (with "did you mean" when one is near). */
int filter_handle(struct ctx *ctx, const char *what, const char *handle);
/*
 * The case a user names (lookup.h: an ID or its prefix, a client's name,
 * "." or NULL for the case of the current directory): *dir gets
 * "cases/YYYY/ID", a new string.  Found by the client's name, it says
 * which case that is on stderr.
 */
int find_case(struct ctx *ctx, const char *what, char **dir);
/* Find (find_case) and load a case. */
int load_case(struct ctx *ctx, const char *id, struct dcase **out);
/*
 * Load every case (sorted by ID) and call fn on each; a case that does not
 * load is reported on stderr and counted in *errors.  A non-zero return
 * from fn stops the scan and is returned.
 */
int scan_cases(struct ctx *ctx, int (*fn)(struct ctx *, struct dcase *, void *),
	       void *arg, int *errors);
/* The same for fn that reads no more of a case than its view (case.h:
 * never c->cfg or c->wu) and, at level 2, its workup (c->wu): the status
 * cache may give no more (status_views). */
int scan_views(struct ctx *ctx, int level,
	       int (*fn)(struct ctx *, struct dcase *, void *), void *arg,
	       int *errors);
/* Take the writers' lock (for commands that only sometimes write). */
int ctx_lock(struct ctx *ctx);
/* Parse "14", "14d" or "2w" as a number of days: 0 or DK_EINVAL. */
int parse_days(const char *s, long *out);
/* Text from -m, -F FILE ("-" for stdin), stdin when it is not a terminal,
 * or $EDITOR.  0, or an error (DK_EINVAL for an empty text). */
int read_text(struct ctx *ctx, const char *m, const char *file,
	      const char *what, struct sb *out);
/* Run $VISUAL / $EDITOR / vi on path.  0, or DK_EIO. */
int run_editor(const char *path);
/* The lines deadlines_recompute gave (on stderr, as they are), then its
 * warnings ("docket: warning: ..."). */
void print_deadline_changes(const struct strv *changes,
			    const struct strv *warnings);
/* For a commit message: "; recomputed sol, notice-of-claim" from those
 * lines of case id, or "".  A new string. */
char *recomputed_summary(const struct strv *changes, const char *id);

/* A change (change.h) by the command: its name begins the commit
 * message, notes are written as ctx_user(). */
void change_init(struct change *ch, struct ctx *ctx);
/* A deadline's date typed in calendar days (+Nd, +Nw, +Nm; not +Nbd)
 * that falls on a Saturday or Sunday: a warning on stderr naming the
 * day. */
void warn_weekend(const char *arg, long date);
/* The word of list that arg is, in any case (--kind Call is a call): 0
 * and *out the list's word; or DK_EINVAL, "unknown WHAT 'arg'; did you
 * mean 'x'?" when one is within two edits, else "(whats: a, b, c)". */
int pick_word(const char *const *list, const char *arg, const char *what,
	      const char *whats, const char **out);

/* After the case's manager or attorney changed (from old_manager,
 * old_attorney), the open deadlines (and, for the attorney, the open
 * escalations) that were the old person's go to the new one, as
 * `docket assign` hands them over (cmd-assign.c); "moved to carol: sol,
 * demand" lines pushed to moved.  0 or an error. */
int handoff_work(const struct firm *f, struct dcase *c,
		 const char *old_manager, const char *old_attorney,
		 struct strv *moved);

/* What the workup's commands share (cmd-workup.c). */
/* The date of something that happened (a visit, a receipt): DATE as
 * dates are typed, not after today.  0, or DK_EINVAL naming opt. */
int event_date(struct ctx *ctx, const char *opt, const char *arg, long *out);
/* An option's optional DATE: --opt=DATE, or the next argument when it
 * reads as a date (which is then taken); NULL when there is none. */
const char *optional_date(struct ctx *ctx, int argc, char **argv);
/* A word of list given to opt (--type): 0, or DK_EINVAL naming opt, what
 * it is not ("a type of lien") and the words. */
int word_opt(const char *opt, const char *arg, const char *const *list,
	     const char *what);
/* An amount given to opt (--billed): 0, or DK_EINVAL naming opt. */
int money_opt(const char *opt, const char *arg, int64_t *out);
/*
 * The end of a workup command: the deadlines that follow from the change
 * (workup_follow from old), then one commit "<command>(<id>): <summary>;
 * deadlines: ..." and "ID: <summary>" on stdout with a line for each
 * deadline; "ID: nothing changed" when nothing did.  0 or an error
 * (nothing changed then).
 */
int workup_commit(struct ctx *ctx, struct dcase *c, const struct cfg *old,
		  const char *summary);
/*
 * After the options of provider and policy, whose forms are "ID [--json]"
 * (the list) and "ID NAME [options]" (a change): a usage error's exit
 * status, or the case loaded into *c (the writers' lock taken for a
 * change) and -1.  any: an option of a change was given.
 */
int list_or_change(struct ctx *ctx, int argc, char **argv, int any, int json,
		   const char *what, const char *whats, struct dcase **c);
/* An amount given to set or add --set (what: "provider.x.billed"): the
 * input forms stored as the canonical one.  0, or DK_EINVAL (a key that
 * is no amount is left as it is). */
int money_input(const char *what, const char *section, const char *key,
		char **value);
/* One more part of a summary, after ", ": "type hospital, visit ..." */
void summary_add(struct sb *what, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* docket demand (demand 1) and docket offer (demand 0): the whole
 * command. */
int negotiation_cmd(struct ctx *ctx, int argc, char **argv, int demand);
/* "; deadlines: demand 2026-11-23, records-x done" from workup_follow's
 * summary, or "".  A new string. */
char *follow_summary(const struct strv *summary);
void print_follow(const struct strv *changes);

/* What the workflow's commands share. */
/*
 * templates/NAME.md filled in for case c (cmd-draft.c): me is the user,
 * policy and provider (NULL: none) the handles --policy and --provider
 * gave.  0 and the Markdown appended to out; or an error listing every
 * field that cannot be filled (lenient: a warning on stderr, and those
 * placeholders left as written).
 */
int fill_template(struct ctx *ctx, const struct dcase *c, const char *name,
		  const char *policy, const char *provider, int lenient,
		  struct sb *out);
/* The files a report's scan could not read, on stderr, and a line that
 * says what is missing from where ("listed"): 1 when there were any. */
struct report;
struct report_filter;
int scan_errors(const struct report *r, const char *where);
/* report_build as of the clock (filter->now set), with progress on a
 * terminal (cmd-next.c): 0 or an error. */
int scan_report(struct ctx *ctx, struct report_filter *filter,
		struct report **out);
/* The text of a call note from $EDITOR, which starts from the case's
 * stage's call script as '#' lines, dropped (cmd-script.c).  0 or an
 * error. */
int call_note_text(struct ctx *ctx, const struct dcase *c, struct sb *out);

/* The commands */
int cmd_init(struct ctx *, int, char **);
int cmd_add(struct ctx *, int, char **);
int cmd_note(struct ctx *, int, char **);
int cmd_advance_stage(struct ctx *, int, char **);
int cmd_due(struct ctx *, int, char **);
int cmd_escalate(struct ctx *, int, char **);
int cmd_set(struct ctx *, int, char **);
int cmd_edit(struct ctx *, int, char **);
int cmd_list(struct ctx *, int, char **);
int cmd_show(struct ctx *, int, char **);
int cmd_log(struct ctx *, int, char **);
int cmd_check(struct ctx *, int, char **);
int cmd_sync(struct ctx *, int, char **);
int cmd_clone(struct ctx *, int, char **);
int cmd_merge_driver(struct ctx *, int, char **);
int cmd_help(struct ctx *, int, char **);
int cmd_complete(struct ctx *, int, char **);
int cmd_report(struct ctx *, int, char **);
int cmd_provider(struct ctx *, int, char **);
int cmd_records(struct ctx *, int, char **);
int cmd_policy(struct ctx *, int, char **);
int cmd_demand(struct ctx *, int, char **);
int cmd_offer(struct ctx *, int, char **);
int cmd_cost(struct ctx *, int, char **);
int cmd_lien(struct ctx *, int, char **);
int cmd_settle(struct ctx *, int, char **);
int cmd_statement(struct ctx *, int, char **);
int cmd_next(struct ctx *, int, char **);
int cmd_agenda(struct ctx *, int, char **);
int cmd_draft(struct ctx *, int, char **);
int cmd_script(struct ctx *, int, char **);
int cmd_assign(struct ctx *, int, char **);
int cmd_search(struct ctx *, int, char **);
int cmd_undo(struct ctx *, int, char **);
int cmd_close(struct ctx *, int, char **);
int cmd_reopen(struct ctx *, int, char **);
int cmd_rename(struct ctx *, int, char **);
int cmd_attach(struct ctx *, int, char **);

#endif
