/*
 * cmd-complete.c - docket __complete: what the shell completions ask.
 *
 * A hidden command, so the completion scripts never drift from the binary:
 *
 *   docket __complete commands          every command, TAB, its summary
 *   docket __complete options CMD       CMD's options (TAB, the value's name)
 *   docket __complete cases [PREFIX]    case IDs, with their clients and
 *                                       titles; a client's name gives its
 *                                       cases' IDs
 *   docket __complete stages|kinds|reasons|staff|states
 *   docket __complete deadlines ID      the case's open deadlines
 *   docket __complete escalations ID    the case's open escalations
 *   docket __complete providers ID      the case's medical providers
 *   docket __complete policies ID       the case's insurance policies
 *   docket __complete liens ID          the case's liens
 *   docket __complete coverages|provider-types|lien-types
 *   docket __complete coverages|provider-types
 *   docket __complete templates         the firm's letter templates
 *   docket __complete scripts           the stages with a call script
 *   docket __complete actions           the actions of docket next
 *   docket __complete conditions        what a stage may require, and
 *                                       the firm's requirements
 *   docket __complete words WORD...     candidates for the last WORD of
 *                                       "docket WORD..." (what the
 *                                       scripts call)
 *
 * Output: one candidate a line, "word" or "word<TAB>description", already
 * filtered by the word's prefix; and lines that tell the shell what to do
 * itself: ":files" (complete file names), ":dirs" (directories),
 * ":nospace" (no space after the candidate).  Outside a firm the
 * firm's values are simply empty; nothing is ever an error but a wrong
 * sub-command.
 *
 * A command's options and arguments are read from its usage in the
 * command table (see struct command), so a new command completes without
 * any change here or in the scripts.
 */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/lookup.h"
#include "docket/note.h"
#include "docket/repo.h"
#include "docket/settle.h"
#include "docket/status.h"
#include "docket/template.h"
#include "docket/workflow.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FORMS 8

/* A command's usage, read from the command table. */
struct usage {
	struct strv opts;		/* "--kind", "-m", ... */
	struct strv args;		/* each option's value's name, "" for a flag */
	struct strv optional;		/* the options whose value may be left
					 * out ("--discharged [DATE]") */
	struct strv pos[MAX_FORMS];	/* each form's positionals: "ID", "STAGE" */
	int repeats[MAX_FORMS];		/* its last positional repeats (X...) */
	size_t nforms;
};

static void
usage_add_opt(struct usage *u, const char *opt, size_t *pending)
{
	for (size_t i = 0; i < u->opts.n; i++)
		if (!strcmp(u->opts.v[i], opt)) {
			*pending = i;
			return;
		}
	strv_push(&u->opts, opt);
	strv_push(&u->args, "");
	*pending = u->opts.n - 1;
}

/*
 * Tokens, split at spaces: "[--name N]" is an option and its value,
 * "[--json]" a flag (the bracket closes on it), "-m TEXT | -F FILE" two
 * options, "[DIR]" and "ID" positionals, "X..." a repeating one, and
 * "a|b|c" a value that is one of the words; "--request [DATE]" an option
 * whose value may be left out.  A line that starts with
 * "docket CMD" starts a form; other lines continue the last one.
 */
static void
usage_parse(struct usage *u, const struct command *cmd)
{
	char *text = xstrdup(cmd->usage), *save = NULL;
	size_t pending = (size_t)-1;

	memset(u, 0, sizeof(*u));
	for (char *line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tsave = NULL, *tok = strtok_r(line, " ", &tsave);
		size_t f;

		if (tok && !strcmp(tok, "docket")) {
			if (u->nforms < MAX_FORMS)
				u->nforms++;
			tok = strtok_r(NULL, " ", &tsave);	/* the command */
			if (tok)
				tok = strtok_r(NULL, " ", &tsave);
			pending = (size_t)-1;
		} else if (!u->nforms) {
			u->nforms = 1;
		}
		f = u->nforms - 1;
		for (; tok; tok = strtok_r(NULL, " ", &tsave)) {
			size_t n;
			int closed = 0, repeats = 0, opened = *tok == '[';

			while (*tok == '[')
				tok++;
			for (;;) {
				n = strlen(tok);
				if (n >= 3 && !strcmp(tok + n - 3, "...")) {
					tok[n - 3] = '\0';
					repeats = 1;
				} else if (n && tok[n - 1] == ']') {
					tok[n - 1] = '\0';
					closed = 1;
				} else {
					break;
				}
			}
			if (!*tok || !strcmp(tok, "|")) {
				pending = (size_t)-1;
				continue;
			}
			if (tok[0] == '-') {
				usage_add_opt(u, tok, &pending);
				if (closed)
					pending = (size_t)-1;
			} else if (pending != (size_t)-1) {
				if (!*u->args.v[pending]) {
					free(u->args.v[pending]);
					u->args.v[pending] = xstrdup(tok);
					if (opened)
						strv_push(&u->optional,
							  u->opts.v[pending]);
				}
				pending = (size_t)-1;
			} else {
				strv_push(&u->pos[f], tok);
				u->repeats[f] = repeats;
			}
		}
	}
	free(text);
	{
		size_t dummy;

		usage_add_opt(u, "--help", &dummy);
	}
}

static void
usage_free(struct usage *u)
{
	strv_free(&u->opts);
	strv_free(&u->args);
	strv_free(&u->optional);
	for (size_t i = 0; i < MAX_FORMS; i++)
		strv_free(&u->pos[i]);
}

/* The option's index, or -1. */
static int
usage_opt(const struct usage *u, const char *opt)
{
	for (size_t i = 0; i < u->opts.n; i++)
		if (!strcmp(u->opts.v[i], opt))
			return (int)i;
	return -1;
}

/* ---- what is printed ---- */

struct out {
	const char *prefix;	/* the word so far */
	const char *lead;	/* printed before each candidate ("--kind=") */
};

static void
put(const struct out *o, const char *word, const char *desc)
{
	if (!has_prefix(word, o->prefix))
		return;
	fputs(o->lead ? o->lead : "", stdout);
	fputs(word, stdout);
	if (desc && *desc) {
		putchar('\t');
		/* one line, whatever the description holds */
		for (const char *p = desc; *p; p++)
			putchar((unsigned char)*p < 0x20 ? ' ' : *p);
	}
	putchar('\n');
}

static void
put_list(const struct out *o, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		put(o, list[i], NULL);
}

/* ---- the firm, opened only when a value needs it ---- */

struct firmctx {
	int tried;
	struct repo *repo;
	struct firm *firm;
	const char *root;
};

static const struct firm *
firm_get(struct firmctx *fc)
{
	if (!fc->tried) {
		fc->tried = 1;
		if (repo_open(&fc->repo))
			return NULL;
		fc->root = repo_root(fc->repo);
		{	/* begun before docket.ini is read, as main.c does */
			char *sp = repo_git_path(fc->repo, STATUS_FILE);
			char *fp = path_join(fc->root, FIRM_FILE);

			status_begin(sp, fc->root, fp, DOCKET_VERSION);
			free(sp);
			free(fp);
		}
		if (firm_load(&fc->firm, fc->root, NULL))
			fc->firm = NULL;
	}
	return fc->firm;
}

static const char *
root_get(struct firmctx *fc)
{
	firm_get(fc);
	return fc->root;
}

/* Each case ID, described by its client and title; when no ID begins
 * with the word, the IDs of the cases whose client's name does (a name
 * completes to its ID).  Read through the status cache; a case it does
 * not give (one that does not read as a case) from its case.ini alone. */
static void
put_cases(struct firmctx *fc, const struct out *o)
{
	const char *root = root_get(fc);
	struct strv dirs = STRV_INIT;
	struct out any = { "", o->lead };
	char **sel;
	size_t ids = 0;

	if (!root)
		return;
	case_list_maybe(&dirs, root);
	/* the cases whose ID the word begins (the same strings); when there
	 * are none, every case, for its client's name */
	sel = xcalloc(dirs.n + 1, sizeof(*sel));
	for (size_t i = 0; i < dirs.n; i++)
		if (has_prefix(case_dir_id(dirs.v[i]), o->prefix))
			sel[ids++] = dirs.v[i];
	if (!ids)
		memcpy(sel, dirs.v, dirs.n * sizeof(*sel));
	status_views(1);	/* a client and a title: the view's */
	status_some(ids > 0);
	status_prefetch(sel, ids ? ids : dirs.n, 0);
	for (size_t i = 0; i < (ids ? ids : dirs.n); i++) {
		const char *id = case_dir_id(sel[i]);
		struct dcase *c = NULL;
		struct cfg *cfg = NULL;
		const char *client = NULL, *title = NULL;
		char *desc = NULL, *path = NULL;
		int e = fc->firm ? status_case(&c, fc->firm, sel[i]) : -1;

		if (e == DK_ENOTFOUND)
			continue;	/* no case.ini: no case */
		if (!e) {
			client = *c->client ? c->client : NULL;
			title = c->title;
		} else {
			path = xasprintf("%s%s/%s", root, sel[i], CASE_FILE);
			if (!cfg_load(&cfg, path, path)) {
				client = cfg_get(cfg, "case", "client");
				title = cfg_get(cfg, "case", "title");
			}
		}
		if (!e || cfg)
			desc = title && *title && !streq(title, client) ?
			       xasprintf("%s (%s)", client ? client : "",
					 title) :
			       xstrdup(client ? client : "");
		if (ids)
			put(o, id, desc);
		else if (*o->prefix && lookup_name_matches(client, o->prefix))
			put(&any, id, desc);
		free(desc);
		cfg_free(cfg);
		case_free(c);
		free(path);
	}
	status_prefetch_stop();
	status_some(0);
	status_views(0);
	free(sel);
	strv_free(&dirs);
}

static void
put_stages(struct firmctx *fc, const struct out *o)
{
	const struct firm *f = firm_get(fc);

	for (size_t i = 0; f && i < f->nstages; i++)
		put(o, f->stages[i].name, NULL);
}

static void
put_staff(struct firmctx *fc, const struct out *o)
{
	const struct firm *f = firm_get(fc);

	for (size_t i = 0; f && i < f->nstaff; i++) {
		char *d = xasprintf("%s, %s", f->staff[i].name, f->staff[i].role);

		put(o, f->staff[i].handle, d);
		free(d);
	}
}

/* The codes of the [sol "..."] rules, with their citations. */
static void
put_states(struct firmctx *fc, const struct out *o)
{
	const struct firm *f = firm_get(fc);

	for (size_t i = 0; f && i < f->nsol; i++)
		put(o, f->sol[i].code, f->sol[i].cite);
}

static struct dcase *
case_get(struct firmctx *fc, const char *id)
{
	const struct firm *f = firm_get(fc);
	char *dir = NULL;
	struct dcase *c = NULL;

	if (!f || !id || case_find(&dir, fc->root, id))
		return NULL;
	if (case_load(&c, f, dir))
		c = NULL;
	free(dir);
	return c;
}

static void
put_deadlines(struct firmctx *fc, const struct out *o, const char *id)
{
	struct dcase *c = case_get(fc, id);

	for (size_t i = 0; c && i < c->ndue; i++)
		if (c->due[i].done == NO_DATE)
			put(o, c->due[i].name, c->due[i].what);
	case_free(c);
}

static void
put_notes(struct firmctx *fc, const struct out *o, const char *id)
{
	struct dcase *c = case_get(fc, id);
	struct note *notes = NULL;
	size_t nn = 0;

	if (c && !note_list(&notes, &nn, root_get(fc), c->dir))
		for (size_t i = 0; i < nn; i++)
			put(o, notes[i].name, NULL);
	note_list_free(notes, nn);
	case_free(c);
}

static void
put_escalations(struct firmctx *fc, const struct out *o, const char *id)
{
	struct dcase *c = case_get(fc, id);

	for (size_t i = 0; c && i < c->nesc; i++)
		if (c->esc[i].resolved == NO_DATE)
			put(o, c->esc[i].name, c->esc[i].what);
	case_free(c);
}

static void
put_providers(struct firmctx *fc, const struct out *o, const char *id)
{
	struct dcase *c = case_get(fc, id);

	for (size_t i = 0; c && i < c->wu->nprov; i++)
		put(o, c->wu->prov[i].handle, c->wu->prov[i].name);
	case_free(c);
}

static void
put_policies(struct firmctx *fc, const struct out *o, const char *id)
{
	struct dcase *c = case_get(fc, id);

	for (size_t i = 0; c && i < c->wu->npol; i++) {
		const struct policy *p = &c->wu->pol[i];
		char *d = xasprintf("%s%s%s", p->coverage,
				    *p->coverage && *p->carrier ? ", " : "",
				    p->carrier);

		put(o, p->handle, d);
		free(d);
	}
	case_free(c);
}

static void
put_liens(struct firmctx *fc, const struct out *o, const char *id)
{
	struct dcase *c = case_get(fc, id);
	struct settle *s = c ? settle_read(c->cfg) : NULL;

	for (size_t i = 0; s && i < s->nlien; i++)
		put(o, s->lien[i].name, s->lien[i].holder);
	settle_free(s);
	case_free(c);
}

/* The firm's letter templates (scripts: the stages with a call script). */
static void
put_templates(struct firmctx *fc, const struct out *o, int scripts)
{
	const char *root = root_get(fc);
	struct strv names = STRV_INIT;

	if (!root)
		return;
	template_list(&names, root, scripts);
	for (size_t i = 0; i < names.n; i++)
		put(o, names.v[i], NULL);
	strv_free(&names);
}

/* The words a stage may require, then the firm's own requirements (a
 * section.key), each once. */
static void
put_conditions(struct firmctx *fc, const struct out *o)
{
	const struct firm *f = firm_get(fc);
	struct strv seen = STRV_INIT;

	put_list(o, condition_names);
	for (size_t i = 0; f && i < f->nstages; i++)
		for (size_t k = 0; k < f->wf->stage[i].nreq; k++) {
			const struct condition *c = &f->wf->stage[i].req[k];

			if (c->kind != COND_FIELD || strv_has(&seen, c->text))
				continue;
			strv_push(&seen, c->text);
			put(o, c->text, f->stages[i].name);
		}
	strv_free(&seen);
}

/* "section.key=" for every key the case has (but those set elsewhere). */
static void
put_keys(struct firmctx *fc, const struct out *o, const char *id)
{
	struct dcase *c = case_get(fc, id);
	int any = 0;

	for (size_t i = 0; c && i < c->cfg->n; i++) {
		const struct cfg_line *l = &c->cfg->lines[i];
		char *k, *word;

		if (l->kind != CFG_KEY || (!strcmp(l->section, "case") &&
		    (!strcmp(l->key, "id") || !strcmp(l->key, "stage"))))
			continue;
		k = cfg_dotted(l->section, l->key);
		word = xasprintf("%s=", k);
		if (has_prefix(word, o->prefix)) {
			put(o, word, l->value);
			any = 1;
		}
		free(word);
		free(k);
	}
	if (any)
		puts(":nospace");
	case_free(c);
}

/* the command table, from the context */
static const struct command *commands;

static void
put_commands(const struct out *o)
{
	for (const struct command *c = commands; c->name; c++)
		if (!(c->flags & HIDDEN))
			put(o, c->name, c->summary);
}

static void
put_options(const struct out *o, const struct usage *u)
{
	for (size_t i = 0; i < u->opts.n; i++)
		put(o, u->opts.v[i], u->args.v[i]);
}

static const struct command *
find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name) && !(c->flags & HIDDEN))
			return c;
	return NULL;
}

/* ---- values by the name the usage gives them ---- */

/* Values whose meaning depends on the command: an option's, or a
 * positional's by its name in the usage. */
static const struct {
	const char *cmd, *opt, *value;
} special[] = {
	{ "due", "--done", "DEADLINE" },	/* due ID --done NAME */
	{ "due", "--move", "DEADLINE" },	/* due ID --move NAME DATE */
	{ "escalate", "--name", "ESCALATION" },	/* escalate ID --resolve --name N */
	{ "due", "--name", "" },		/* a new deadline's name */
	{ "provider", "NAME", "PROVIDER" },	/* provider ID NAME */
	{ "provider", "--type", "PROVIDER-TYPE" },
	{ "policy", "NAME", "POLICY" },		/* policy ID NAME */
	{ "policy", "--coverage", "COVERAGE" },
	{ "demand", "--policy", "POLICY" },
	{ "offer", "--policy", "POLICY" },
	{ "settle", "--policy", "POLICY" },
	{ "lien", "NAME", "LIEN" },		/* lien ID NAME */
	{ "lien", "--type", "LIEN-TYPE" },
};

static void
put_value(struct firmctx *fc, const struct out *o, const char *cmd,
	  const char *opt, const char *value, const char *case_id)
{
	const char *key = opt ? opt : value;

	for (size_t i = 0; i < ARRAY_SIZE(special); i++)
		if (!strcmp(cmd, special[i].cmd) && !strcmp(key, special[i].opt))
			value = special[i].value;
	if (strchr(value, '|')) {
		struct strv words = STRV_INIT;

		strv_split(&words, value, '|');
		for (size_t i = 0; i < words.n; i++)
			put(o, words.v[i], NULL);
		strv_free(&words);
	} else if (!strcmp(value, "ID") || !strcmp(value, "OTHER-ID")) {
		put_cases(fc, o);
	} else if (!strcmp(value, "NOTE")) {
		put_notes(fc, o, case_id);
	} else if (!strcmp(value, "H") || !strcmp(value, "ATTORNEY") ||
		   !strcmp(value, "MANAGER")) {
		put_staff(fc, o);
	} else if (!strcmp(value, "TEMPLATE")) {
		put_templates(fc, o, 0);
	} else if (!strcmp(value, "ACTION")) {
		put_list(o, action_names);
	} else if (!strcmp(value, "COND")) {
		put_conditions(fc, o);
	} else if (!strcmp(value, "STAGE") || !strcmp(value, "S")) {
		put_stages(fc, o);
	} else if (!strcmp(value, "ST")) {
		put_states(fc, o);
	} else if (!strcmp(value, "KIND")) {
		put_list(o, note_kinds);
	} else if (!strcmp(value, "WHO")) {
		/* the client, or the case's providers and policies */
		put(o, "client", NULL);
		if (case_id) {
			put_providers(fc, o, case_id);
			put_policies(fc, o, case_id);
		}
	} else if (!strcmp(value, "R")) {
		put_list(o, escalation_reasons);
	} else if (!strcmp(value, "DEADLINE")) {
		put_deadlines(fc, o, case_id);
	} else if (!strcmp(value, "ESCALATION")) {
		put_escalations(fc, o, case_id);
	} else if (!strcmp(value, "PROVIDER")) {
		put_providers(fc, o, case_id);
	} else if (!strcmp(value, "POLICY")) {
		put_policies(fc, o, case_id);
	} else if (!strcmp(value, "LIEN")) {
		put_liens(fc, o, case_id);
	} else if (!strcmp(value, "LIEN-TYPE")) {
		put_list(o, lien_types);
	} else if (!strcmp(value, "PROVIDER-TYPE")) {
		put_list(o, provider_types);
	} else if (!strcmp(value, "COVERAGE")) {
		put_list(o, policy_coverages);
	} else if (!strcmp(value, "SECTION.KEY=VALUE")) {
		if (case_id)
			put_keys(fc, o, case_id);
	} else if (!strcmp(value, "FILE")) {
		puts(":files");
	} else if (!strcmp(value, "DIR")) {
		puts(":dirs");
	}
	/* DATE, TEXT, N, URL, ...: nothing to offer */
}

/* "~/x" as the shell would have it. */
static char *
expand_home(const char *dir)
{
	const char *home = getenv("HOME");

	if (dir[0] == '~' && (dir[1] == '/' || !dir[1]) && home)
		return xasprintf("%s%s", home, dir + 1);
	return xstrdup(dir);
}

static void
enter(const char *dir)
{
	char *d = expand_home(dir);

	if (chdir(d) < 0) {
		/* a directory that is not there: no firm to offer from */
	}
	free(d);
}

/* Complete the last of words[0..n-1], the words after "docket". */
static void
complete_words(struct firmctx *fc, char **words, int n)
{
	const char *cur = words[n - 1], *opt = NULL, *value = NULL;
	const struct command *cmd;
	struct usage u;
	struct strv pos = STRV_INIT;
	struct out o = { cur, NULL };
	int i = 0, dashdash = 0;

	/* the global options */
	while (i < n - 1 && words[i][0] == '-') {
		if (!strcmp(words[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(words[i], "-C")) {
			if (i + 1 == n - 1) {
				puts(":dirs");
				return;
			}
			enter(words[i + 1]);
			i += 2;
			continue;
		}
		if (has_prefix(words[i], "-C"))
			enter(words[i] + 2);
		i++;
	}
	if (i == n - 1) {
		if (cur[0] == '-') {
			put(&o, "-C", "run as if started in DIR");
			put(&o, "--help", "what docket can do");
			put(&o, "--version", "docket's version");
		} else {
			put_commands(&o);
		}
		return;
	}
	if (!(cmd = find_command(words[i])))
		return;
	usage_parse(&u, cmd);
	for (int j = i + 1; j < n - 1; j++) {
		const char *w = words[j];
		int k;

		if (!dashdash && !strcmp(w, "--")) {
			dashdash = 1;
		} else if (!dashdash && w[0] == '-' && w[1]) {
			if (strchr(w, '=') || (k = usage_opt(&u, w)) < 0 ||
			    !*u.args.v[k])
				continue;
			/* a value that may be left out, and was */
			if (strv_has(&u.optional, u.opts.v[k]) &&
			    words[j + 1][0] == '-')
				continue;
			if (j + 1 == n - 1) {
				opt = u.opts.v[k];
				value = u.args.v[k];
			}
			j++;
		} else {
			strv_push(&pos, w);
		}
	}
	if (!value && !dashdash && has_prefix(cur, "--") && strchr(cur, '=')) {
		char *name = xstrndup(cur, (size_t)(strchr(cur, '=') - cur));
		int k = usage_opt(&u, name);

		free(name);
		if (k >= 0 && *u.args.v[k]) {
			opt = u.opts.v[k];
			value = u.args.v[k];
			o.prefix = strchr(cur, '=') + 1;
			o.lead = xstrndup(cur, (size_t)(o.prefix - cur));
		}
	}
	if (value) {
		put_value(fc, &o, cmd->name, opt, value, pos.n ? pos.v[0] : NULL);
	} else if (!dashdash && cur[0] == '-') {
		put_options(&o, &u);
	} else {
		/* the positional's name in each form of the usage, once */
		struct strv seen = STRV_INIT;

		for (size_t f = 0; f < u.nforms; f++) {
			const struct strv *p = &u.pos[f];
			const char *name = pos.n < p->n ? p->v[pos.n] :
					   p->n && u.repeats[f] ? p->v[p->n - 1] :
					   NULL;

			if (!name || strv_has(&seen, name))
				continue;
			strv_push(&seen, name);
			put_value(fc, &o, cmd->name, NULL, name,
				  pos.n ? pos.v[0] : NULL);
		}
		strv_free(&seen);
	}
	free((char *)o.lead);
	strv_free(&pos);
	usage_free(&u);
}

int
cmd_complete(struct ctx *ctx, int argc, char **argv)
{
	struct firmctx fc;
	const char *what = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : NULL;
	struct out o = { "", NULL };

	memset(&fc, 0, sizeof(fc));
	commands = ctx->commands;
	if (!strcmp(what, "--help") || !strcmp(what, "-h")) {
		print_usage(stdout, ctx->cmd);
		return EXIT_OK;
	} else if (!strcmp(what, "words")) {
		if (argc > 2)
			complete_words(&fc, argv + 2, argc - 2);
	} else if (!strcmp(what, "commands")) {
		put_commands(&o);
	} else if (!strcmp(what, "options") && arg) {
		const struct command *cmd = find_command(arg);
		struct usage u;

		if (cmd) {
			usage_parse(&u, cmd);
			put_options(&o, &u);
			usage_free(&u);
		}
	} else if (!strcmp(what, "cases")) {
		o.prefix = arg ? arg : "";
		put_cases(&fc, &o);
	} else if (!strcmp(what, "stages")) {
		put_stages(&fc, &o);
	} else if (!strcmp(what, "kinds")) {
		put_list(&o, note_kinds);
	} else if (!strcmp(what, "reasons")) {
		put_list(&o, escalation_reasons);
	} else if (!strcmp(what, "staff")) {
		put_staff(&fc, &o);
	} else if (!strcmp(what, "states")) {
		put_states(&fc, &o);
	} else if (!strcmp(what, "deadlines") && arg) {
		put_deadlines(&fc, &o, arg);
	} else if (!strcmp(what, "escalations") && arg) {
		put_escalations(&fc, &o, arg);
	} else if (!strcmp(what, "providers") && arg) {
		put_providers(&fc, &o, arg);
	} else if (!strcmp(what, "policies") && arg) {
		put_policies(&fc, &o, arg);
	} else if (!strcmp(what, "liens") && arg) {
		put_liens(&fc, &o, arg);
	} else if (!strcmp(what, "lien-types")) {
		put_list(&o, lien_types);
	} else if (!strcmp(what, "coverages")) {
		put_list(&o, policy_coverages);
	} else if (!strcmp(what, "provider-types")) {
		put_list(&o, provider_types);
	} else if (!strcmp(what, "templates")) {
		put_templates(&fc, &o, 0);
	} else if (!strcmp(what, "scripts")) {
		put_templates(&fc, &o, 1);
	} else if (!strcmp(what, "actions")) {
		put_list(&o, action_names);
	} else if (!strcmp(what, "conditions")) {
		put_conditions(&fc, &o);
	} else {
		print_usage(stderr, ctx->cmd);
		return EXIT_USAGE;
	}
	status_end();
	firm_free(fc.firm);
	repo_free(fc.repo);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}
