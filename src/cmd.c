/* cmd.c - what the commands share (see cmd.h). */
#include "docket/cmd.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/lookup.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/status.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int
fail(int code)
{
	tfprintf(stderr, "docket: %s\n", dk_errmsg());
	return dk_exit_status(code);
}

void
print_usage(FILE *f, const struct command *cmd)
{
	const char *p = cmd->usage;
	int first = 1;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		fprintf(f, "%s%.*s\n", first ? "usage: " : "       ", (int)n, p);
		first = 0;
		p += n + (nl ? 1 : 0);
	}
}

int
usage_error(const struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	tfprintf(stderr, "docket %s: ", ctx->cmd->name);
	va_start(ap, fmt);
	vtfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	print_usage(stderr, ctx->cmd);
	return EXIT_USAGE;
}

/* The long option closest to a mistyped "--name[=value]", or NULL. */
static const char *
closest_option(const struct option *longopts, const char *bad)
{
	const char *best = NULL;
	size_t bd = (size_t)-1, n;
	char *name;

	if (strncmp(bad, "--", 2) || !bad[2])
		return NULL;
	n = strcspn(bad + 2, "=");
	name = xstrndup(bad + 2, n);
	for (const struct option *o = longopts; o->name; o++) {
		size_t d = edit_distance(name, o->name);

		if (d < bd) {
			bd = d;
			best = o->name;
		}
	}
	free(name);
	return bd <= 2 && bd < n ? best : NULL;
}

int
next_opt(struct ctx *ctx, int argc, char **argv, const char *shortopts,
	 const struct option *longopts, int *status)
{
	const char *near;
	char *so = xasprintf(":%sh", shortopts);
	int c, idx = -1;

	opterr = 0;
	c = getopt_long(argc, argv, so, longopts, &idx);
	free(so);
	if (c == 'h') {
		print_usage(stdout, ctx->cmd);
		*status = EXIT_OK;
		return OPT_EXIT;
	}
	if (c == '?' || c == ':') {
		const char *bad = argv[optind - 1];

		if (c == ':')
			*status = usage_error(ctx, "option '%s' needs a value",
					      bad);
		else if (optopt)
			*status = usage_error(ctx, "unknown option '-%c'", optopt);
		else if ((near = closest_option(longopts, bad)))
			*status = usage_error(ctx, "unknown option '%s'; did you "
					      "mean '--%s'?", bad, near);
		else
			*status = usage_error(ctx, "unknown option '%s'", bad);
		return OPT_EXIT;
	}
	return c;
}

int
id_and_reason(struct ctx *ctx, int argc, char **argv, const char **id,
	      const char **m, int *status)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	*id = *m = NULL;
	*status = EXIT_OK;
	while ((opt = next_opt(ctx, argc, argv, "m:", longopts, status)) != -1) {
		if (opt == OPT_EXIT)
			return -1;
		if (opt == 'm')
			*m = optarg;
	}
	if (optind >= argc)
		*status = usage_error(ctx, "which case? (a case ID)");
	else if (argc - optind > 1)
		*status = usage_error(ctx, "unexpected argument '%s'",
				      argv[optind + 1]);
	else if (!*m || !**m)
		*status = usage_error(ctx, "why? (-m REASON)");
	else
		*id = argv[optind];
	return *id ? 0 : -1;
}

char *
handle_from_email(const char *email)
{
	struct sb sb = SB_INIT;

	for (const char *p = email; *p && *p != '@' && sb.len < NAME_MAX_LEN; p++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*p);

		if (isalnum(c) || (sb.len && (c == '.' || c == '_' || c == '-')))
			sb_addc(&sb, (char)c);
	}
	while (sb.len && strchr("._-", sb.buf[sb.len - 1]))
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		sb_adds(&sb, "user");
	return sb_detach(&sb);
}

int
ctx_user(struct ctx *ctx, const char **handle)
{
	const char *env = getenv("DOCKET_USER");
	const struct staff *s;
	int r;

	if (ctx->handle) {
		*handle = ctx->handle;
		return 0;
	}
	r = repo_identity(ctx->repo, &ctx->name, &ctx->email);
	if (r)
		return r;
	if (env && *env) {
		if (name_check(env, NAME_MAX_LEN, "DOCKET_USER") < 0)
			return DK_EINVAL;
		ctx->handle = xstrdup(env);
	} else if ((s = firm_staff_by_email(ctx->firm, ctx->email))) {
		ctx->handle = xstrdup(s->handle);
	} else {
		ctx->handle = handle_from_email(ctx->email);
	}
	if (!firm_staff(ctx->firm, ctx->handle))
		tfprintf(stderr, "docket: warning: '%s' (you, %s) is not in "
			"docket.ini's [staff]\n", ctx->handle, ctx->email);
	*handle = ctx->handle;
	return 0;
}

int
parse_assignment(const char *arg, char **section, char **key, char **value)
{
	const char *eq = strchr(arg, '=');
	char *name, *first, *last;
	int r = 0;

	*section = *key = *value = NULL;
	if (!eq)
		return dk_err(DK_EINVAL, "'%s' is not SECTION.KEY=VALUE", arg);
	name = xstrndup(arg, (size_t)(eq - arg));
	first = strchr(name, '.');
	last = strrchr(name, '.');
	if (!first) {
		r = dk_err(DK_EINVAL, "'%s' is not SECTION.KEY=VALUE", arg);
	} else if (first == last) {
		*first = '\0';
		if (!(r = cfg_name_check("section", name)) &&
		    !(r = cfg_name_check("key", first + 1))) {
			*section = xstrdup(name);
			*key = xstrdup(first + 1);
		}
	} else {
		*first = *last = '\0';
		if (!(r = cfg_name_check("section", name)) &&
		    !(r = name_check(first + 1, NAME_MAX_LEN, "name")) &&
		    !(r = cfg_name_check("key", last + 1))) {
			*section = cfg_subsection(name, first + 1);
			*key = xstrdup(last + 1);
		}
	}
	free(name);
	if (!r)
		*value = xstrdup(eq + 1);
	return r;
}

int
check_handle(struct ctx *ctx, const char *what, const char *handle)
{
	if (!*handle)
		return 0;
	if (name_check(handle, NAME_MAX_LEN, what) < 0)
		return DK_EINVAL;
	if (!firm_staff(ctx->firm, handle)) {
		const struct staff *near = firm_staff_near(ctx->firm, handle);

		if (near)
			return dk_err(DK_EINVAL, "%s '%s' is not in docket.ini's "
				      "[staff]; did you mean '%s'? (add a new "
				      "colleague to [staff] first)", what,
				      handle, near->handle);
		tfprintf(stderr, "docket: warning: %s '%s' is not in docket.ini's "
			"[staff]\n", what, handle);
	}
	return 0;
}

/* Does the case name handle anywhere: attorney, manager, a deadline's
 * who, an escalation's to or by? */
static int
case_names(const struct dcase *c, const char *h)
{
	if (!strcmp(c->attorney, h) || !strcmp(c->manager, h))
		return 1;
	for (size_t i = 0; i < c->ndue; i++)
		if (!strcmp(c->due[i].who, h))
			return 1;
	for (size_t i = 0; i < c->nesc; i++)
		if (!strcmp(c->esc[i].to, h) || !strcmp(c->esc[i].by, h))
			return 1;
	return 0;
}

int
filter_handle(struct ctx *ctx, const char *what, const char *handle)
{
	const struct staff *near;
	struct strv dirs = STRV_INIT;
	int seen = 0;

	if (firm_staff(ctx->firm, handle))
		return 0;
	/* someone who left [staff] still has cases */
	case_list_dirs(&dirs, ctx->root);
	for (size_t i = 0; i < dirs.n && !seen; i++) {
		struct dcase *c = NULL;

		if (!case_load(&c, ctx->firm, dirs.v[i]))
			seen = case_names(c, handle);
		case_free(c);
	}
	strv_free(&dirs);
	if (seen)
		return 0;
	near = firm_staff_near(ctx->firm, handle);
	if (near)
		return dk_err(DK_EINVAL, "%s '%s' is not in docket.ini's [staff] "
			      "nor on any case; did you mean '%s'?", what,
			      handle, near->handle);
	return dk_err(DK_EINVAL, "%s '%s' is not in docket.ini's [staff] nor "
		      "on any case", what, handle);
}

int
find_case(struct ctx *ctx, const char *what, char **dir)
{
	struct lookup l;
	int r = lookup_case(&l, ctx->root, what);

	*dir = NULL;
	if (r)
		return r;
	if (l.client)
		tfprintf(stderr, "docket: '%s' is %s (%s)\n", what,
			 case_dir_id(l.dir), l.client);
	*dir = l.dir;
	l.dir = NULL;
	lookup_free(&l);
	return 0;
}

int
load_case(struct ctx *ctx, const char *id, struct dcase **out)
{
	char *dir = NULL;
	int r = find_case(ctx, id, &dir);

	*out = NULL;
	if (!r)
		r = case_load(out, ctx->firm, dir);
	free(dir);
	return r;
}

int
scan_cases(struct ctx *ctx, int (*fn)(struct ctx *, struct dcase *, void *),
	   void *arg, int *errors)
{
	struct strv dirs = STRV_INIT;
	int r = 0;

	status_list(&dirs, ctx->root, 0);
	for (size_t i = 0; i < dirs.n && !r; i++) {
		struct dcase *c = NULL;
		int e = status_case(&c, ctx->firm, dirs.v[i]);

		if (e == DK_ENOTFOUND)
			continue;	/* no case.ini: no case */
		if (e) {
			tfprintf(stderr, "docket: %s\n", dk_errmsg());
			(*errors)++;
			continue;
		}
		r = fn(ctx, c, arg);
		case_free(c);
	}
	status_prefetch_stop();
	strv_free(&dirs);
	return r;
}

int
scan_views(struct ctx *ctx, int level,
	   int (*fn)(struct ctx *, struct dcase *, void *), void *arg,
	   int *errors)
{
	int r;

	status_views(level);
	r = scan_cases(ctx, fn, arg, errors);
	status_views(0);
	return r;
}

int
ctx_lock(struct ctx *ctx)
{
	return repo_lock(ctx->repo);
}

int
parse_days(const char *s, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || end == s || n < 0 || n > 100000 || !isdigit((unsigned char)*s))
		goto bad;
	if (*end == 'w' && !end[1])
		n *= 7;
	else if (!(*end == '\0' || (*end == 'd' && !end[1])))
		goto bad;
	*out = n;
	return 0;
bad:
	return dk_err(DK_EINVAL, "'%s' is not a number of days (14, 14d or 2w)", s);
}

int
run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int st;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	pid = fork();
	if (pid < 0)
		return dk_errno(DK_EIO, errno, "cannot start the editor");
	if (pid == 0) {
		/* as git runs it: the shell reads $EDITOR, quotes and all */
		char *script = xasprintf("%s \"$@\"", ed);

		execl("/bin/sh", "sh", "-c", script, ed, path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return dk_errno(DK_EIO, errno, "editor");
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		return dk_err(DK_EIO, "the editor '%s' failed", ed);
	return 0;
}

static int
read_fd(int fd, struct sb *out, const char *what)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return dk_errno(DK_EIO, errno, "cannot read %s", what);
		}
		sb_add(out, buf, (size_t)n);
		if (out->len > NOTE_MAX_BYTES)
			return dk_err(DK_EINVAL, "%s is longer than %d bytes",
				      what, NOTE_MAX_BYTES);
	}
	if (!out->buf)
		sb_add(out, "", 0);
	return 0;
}

int
read_text(struct ctx *ctx, const char *m, const char *file, const char *what,
	  struct sb *out)
{
	int r;

	if (m) {
		sb_adds(out, m);
		if (out->len && out->buf[out->len - 1] != '\n')
			sb_addc(out, '\n');
		return 0;
	}
	if (file && strcmp(file, "-")) {
		int fd = open(file, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			return dk_errno(DK_EIO, errno, "cannot read '%s'", file);
		r = read_fd(fd, out, file);
		close(fd);
		return r;
	}
	if (file || !isatty(STDIN_FILENO))
		return read_fd(STDIN_FILENO, out, "standard input");
	{
		/* the editor, on a file only its owner can read */
		char *name = xasprintf("DOCKET_%s.md", what);
		char *path = repo_git_path(ctx->repo, name);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

		free(name);
		if (fd < 0) {
			r = dk_errno(DK_EIO, errno, "cannot make %s", path);
			free(path);
			return r;
		}
		close(fd);
		r = run_editor(path);
		if (!r) {
			fd = open(path, O_RDONLY | O_CLOEXEC);
			r = fd < 0 ? dk_errno(DK_EIO, errno, "cannot read %s", path)
				   : read_fd(fd, out, path);
			if (fd >= 0)
				close(fd);
		}
		if (!r)
			unlink(path);
		else
			tfprintf(stderr, "docket: your text is kept in %s\n", path);
		free(path);
		return r;
	}
}

void
print_deadline_changes(const struct strv *changes, const struct strv *warnings)
{
	for (size_t i = 0; changes && i < changes->n; i++) {
		print_clean(stderr, changes->v[i]);
		fputc('\n', stderr);
	}
	for (size_t i = 0; warnings && i < warnings->n; i++) {
		fputs("docket: warning: ", stderr);
		print_clean(stderr, warnings->v[i]);
		fputc('\n', stderr);
	}
}

int
pick_word(const char *const *list, const char *arg, const char *what,
	  const char *whats, const char **out)
{
	const char *near;
	char *lower, *words;
	int r;

	if ((*out = word_find(list, arg)))
		return 0;
	lower = str_lower(arg);
	near = word_nearest(list, lower);
	free(lower);
	if (near)
		return dk_err(DK_EINVAL, "unknown %s '%s'; did you mean '%s'?",
			      what, arg, near);
	words = list_join(list);
	r = dk_err(DK_EINVAL, "unknown %s '%s' (%s: %s)", what, arg, whats,
		   words);
	free(words);
	return r;
}

void
warn_weekend(const char *arg, long date)
{
	static const char *const days[] = { "Saturday", "Sunday" };
	const char *p = arg;
	char d[DATE_LEN];
	int wd = (int)(((date + 3) % 7 + 7) % 7);	/* Monday 0 */

	if (*p != '+' && *p != '-')
		return;
	for (p++; isdigit((unsigned char)*p); p++)
		;
	if (p == arg + 1 || !*p || p[1] || !strchr("dwm", *p) || wd < 5)
		return;
	tfprintf(stderr, "docket: warning: %s (%s) is a %s; +Nbd counts "
		 "business days\n", date_fmt(d, date), arg, days[wd - 5]);
}

char *
recomputed_summary(const struct strv *changes, const char *id)
{
	struct sb sb = SB_INIT;
	size_t skip = strlen(id) + 2;

	/* each line is "ID: NAME ..." */
	for (size_t i = 0; i < changes->n; i++) {
		const char *name = changes->v[i] + skip;

		if (strlen(changes->v[i]) <= skip)
			continue;
		sb_addf(&sb, "%s%.*s", sb.len ? ", " : "; recomputed ",
			(int)strcspn(name, " "), name);
	}
	return sb_detach(&sb);
}

/* ---- a change to one case, by a command ---- */

static int
author_of(void *arg, const char **handle)
{
	return ctx_user(arg, handle);
}

void
change_init(struct change *ch, struct ctx *ctx)
{
	change_begin(ch, ctx->repo, ctx->firm, ctx->cmd->name, ctx->now);
	ch->author = author_of;
	ch->author_arg = ctx;
}
