/* main.c - the command table, global options, dispatch. */
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/repo-merge.h"
#include "docket/status.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct command commands[] = {
	{ "init", cmd_init, 0,
	  "docket init [DIR] [--pipeline pi|generic] [--name FIRM] [--shared]\n"
	  "            [--role attorney|manager]",
	  "make a new firm repository (or adopt a git repository)" },
	{ "add", cmd_add, NEED_FIRM | WRITES,
	  "docket add --client NAME [--title T] [--type T] [--incident DATE]\n"
	  "           [--state ST] [--dob DATE] [--attorney H] [--manager H]\n"
	  "           [--id ID] [--set SECTION.KEY=VALUE]...",
	  "open a new case and print its ID" },
	{ "note", cmd_note, NEED_FIRM | WRITES,
	  "docket note ID [-m TEXT | -F FILE] [--kind KIND] [--with WHO] "
	  "[--at TIME]\n"
	  "docket note ID --move NOTE OTHER-ID [-m WHY]",
	  "add a note (a call, an email, ...) to a case" },
	{ "attach", cmd_attach, NEED_FIRM | WRITES,
	  "docket attach ID FILE [--as NAME]",
	  "copy a file (a police report, a letter) into a case" },
	{ "advance-stage", cmd_advance_stage, NEED_FIRM | WRITES,
	  "docket advance-stage ID [STAGE] [-m REASON] [--force] [--skip COND]",
	  "move a case to its next stage, or to a later one" },
	{ "close", cmd_close, NEED_FIRM | WRITES,
	  "docket close ID -m REASON",
	  "close a case: to the pipeline's last stage" },
	{ "reopen", cmd_reopen, NEED_FIRM | WRITES,
	  "docket reopen ID -m REASON",
	  "reopen a closed case, in the stage it was closed from" },
	{ "due", cmd_due, NEED_FIRM | SCANS | SCANS_NO_ID,
	  "docket due [--within DAYS] [--overdue] [--sol] [--who H] [--json | --ics]\n"
	  "docket due ID DATE TEXT [--who H] [--name N]\n"
	  "docket due ID --done NAME\n"
	  "docket due ID --move NAME DATE [-m WHY]",
	  "list the firm's open deadlines, add one, move one, or mark one done" },
	{ "escalate", cmd_escalate, NEED_FIRM | SCANS | SCANS_NO_ID,
	  "docket escalate [--who H] [--json]\n"
	  "docket escalate ID --reason R -m TEXT [--to H]\n"
	  "docket escalate ID --resolve [-m DECISION] [--name N]\n"
	  "docket escalate ID --dismiss R -m WHY",
	  "list open escalations, escalate a case, resolve or dismiss" },
	{ "provider", cmd_provider, NEED_FIRM,
	  "docket provider ID [--json]\n"
	  "docket provider ID NAME [--type T] [--phone P] [--visit DATE]\n"
	  "           [--discharged [DATE]] [--billed AMT] [--paid AMT] [--owed AMT]",
	  "list a case's medical providers, add one, or record a visit" },
	{ "records", cmd_records, NEED_FIRM | SCANS | SCANS_NO_ID,
	  "docket records [ID] [--who H] [--json]\n"
	  "docket records ID PROVIDER --request [DATE] [--only records|bills]\n"
	  "docket records ID PROVIDER --receive [DATE] [--only records|bills]\n"
	  "           [--billed AMT]",
	  "list the records and bills awaited, or request or receive them" },
	{ "policy", cmd_policy, NEED_FIRM,
	  "docket policy ID [--json]\n"
	  "docket policy ID NAME [--coverage C] [--carrier TEXT] [--insured TEXT]\n"
	  "           [--claim TEXT] [--adjuster TEXT] [--phone P] [--email E]\n"
	  "           [--limits AMT] [--commercial] [--lor-sent [DATE]]",
	  "list a case's insurance policies, add one, or update one" },
	{ "demand", cmd_demand, NEED_FIRM | WRITES,
	  "docket demand ID AMOUNT --policy P [--date D] [--expires DATE]",
	  "record a demand sent to a carrier" },
	{ "offer", cmd_offer, NEED_FIRM | WRITES,
	  "docket offer ID AMOUNT --policy P [--date D]",
	  "record a carrier's offer" },
	{ "cost", cmd_cost, NEED_FIRM,
	  "docket cost ID [--json]\n"
	  "docket cost ID AMOUNT TEXT [--date D]",
	  "list a case's costs, or record one the firm advanced" },
	{ "lien", cmd_lien, NEED_FIRM,
	  "docket lien ID [--json]\n"
	  "docket lien ID NAME [--type T] [--holder TEXT] [--asserted AMT]\n"
	  "           [--final AMT]",
	  "list a case's liens, add one, or record its amounts" },
	{ "settle", cmd_settle, NEED_FIRM | WRITES,
	  "docket settle ID AMOUNT --policy P [--date D]",
	  "record a recovery from a policy (again: replace its amount)" },
	{ "statement", cmd_statement, NEED_FIRM,
	  "docket statement ID [--json | --md | --html FILE]",
	  "the client's settlement statement: where every cent goes" },
	{ "undo", cmd_undo, NEED_FIRM | WRITES,
	  "docket undo [ID]",
	  "revert your latest change (to a case) with a new commit" },
	{ "rename", cmd_rename, NEED_FIRM | WRITES,
	  "docket rename ID NEW-ID",
	  "change a case's ID" },
	{ "set", cmd_set, NEED_FIRM | WRITES,
	  "docket set ID SECTION.KEY=VALUE...",
	  "change a case's metadata" },
	{ "edit", cmd_edit, NEED_FIRM,
	  "docket edit ID",
	  "edit a case's case.ini in $EDITOR" },
	{ "list", cmd_list, NEED_FIRM | SCANS,
	  "docket list [--stage S] [--who H] [--status open|closed|all] [--json]",
	  "list cases, one line each" },
	{ "show", cmd_show, NEED_FIRM,
	  "docket show [ID] [--json | --md | --html FILE]",
	  "show a case: metadata, deadlines, escalations, notes" },
	{ "search", cmd_search, NEED_FIRM,
	  "docket search TEXT [--regex] [--notes-only] [--json]",
	  "find text in every case's case.ini and notes" },
	{ "log", cmd_log, NEED_FIRM,
	  "docket log [ID] [-n N] [--since DATE] [--who H]",
	  "a case's audit trail, or the firm's recent activity" },
	{ "next", cmd_next, NEED_FIRM | SCANS_NOTES,
	  "docket next [--who H | --all] [--action ACTION] [--limit N] [--json]",
	  "what to do now across the firm, most urgent first, and why" },
	{ "agenda", cmd_agenda, NEED_FIRM | SCANS_NOTES,
	  "docket agenda ATTORNEY [MANAGER] [--md | --json]",
	  "the exceptions and decisions for an attorney's weekly one-on-one" },
	{ "draft", cmd_draft, NEED_FIRM,
	  "docket draft ID TEMPLATE [--policy P] [--provider P] [--html]\n"
	  "           [-o FILE] [--save]\n"
	  "docket draft --list",
	  "fill in a letter from a template with the case's facts" },
	{ "script", cmd_script, NEED_FIRM,
	  "docket script ID",
	  "print the call script of the case's stage, filled in" },
	{ "assign", cmd_assign, NEED_FIRM | WRITES,
	  "docket assign ID [--manager H] [--attorney H] -m REASON",
	  "hand a case to another manager or attorney" },
	{ "report", cmd_report, NEED_FIRM | SCANS_NOTES,
	  "docket report [--json | --md | --html FILE] [--who H] [--stage S]",
	  "the firm dashboard: what needs action, and the firm's figures" },
	{ "check", cmd_check, NEED_FIRM,
	  "docket check [--fix]",
	  "validate docket.ini and every case" },
	{ "sync", cmd_sync, NEED_FIRM | WRITES,
	  "docket sync",
	  "fetch, merge and push with the firm's shared remote" },
	{ "clone", cmd_clone, 0,
	  "docket clone URL [DIR]",
	  "copy a firm from its shared remote, ready to use" },
	{ "merge-driver", cmd_merge_driver, HIDDEN,
	  "docket merge-driver BASE OURS THEIRS [PATH [SIZE]]",
	  "merge a *.ini file for git (merge=docket)" },
	{ "help", cmd_help, HIDDEN | RAW,
	  "docket help [COMMAND]",
	  "what docket can do, or a command's usage" },
	{ "__complete", cmd_complete, HIDDEN | RAW,
	  "docket __complete commands | options CMD | cases [PREFIX]\n"
	  "docket __complete stages | kinds | reasons | staff | states\n"
	  "docket __complete coverages | provider-types | lien-types\n"
	  "docket __complete coverages | provider-types\n"
	  "docket __complete templates | scripts | actions | conditions\n"
	  "docket __complete deadlines ID | escalations ID | providers ID\n"
	  "docket __complete policies ID | liens ID | words WORD...",
	  "what the shell completions ask" },
	{ NULL, NULL, 0, NULL, NULL }
};

static const char global_usage[] =
	"usage: docket [-C DIR] COMMAND [ARGS]\n"
	"       docket --version | --help\n";

static void
print_help(FILE *f)
{
	fputs(global_usage, f);
	fputs("\ncommands:\n", f);
	for (const struct command *c = commands; c->name; c++)
		if (!(c->flags & HIDDEN))
			fprintf(f, "  %-14s %s\n", c->name, c->summary);
	fputs("\n'docket COMMAND --help' shows a command's usage; "
	      "man docket has the rest.\n", f);
}

static const struct command *
closest(const char *name)
{
	const struct command *best = NULL;
	size_t bd = (size_t)-1;

	for (const struct command *c = commands; c->name; c++) {
		size_t d;

		if (c->flags & HIDDEN)
			continue;
		d = has_prefix(c->name, name) ? 0 : edit_distance(name, c->name);
		if (d < bd) {
			bd = d;
			best = c;
		}
	}
	return bd <= 2 && bd < strlen(name) ? best : NULL;
}

static int
unknown_command(const char *name)
{
	const struct command *near = closest(name);

	tfprintf(stderr, "docket: '%s' is not a docket command", name);
	if (near)
		fprintf(stderr, "; did you mean '%s'?", near->name);
	fprintf(stderr, "\n(see 'docket --help')\n");
	return EXIT_USAGE;
}

/* docket help [COMMAND], for those who type it the git way */
int
cmd_help(struct ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (argc > 2) {
		fprintf(stderr, "docket help: too many arguments\n");
		print_usage(stderr, ctx->cmd);
		return EXIT_USAGE;
	}
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_help(stdout);
		return EXIT_OK;
	}
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, argv[1]) && !(c->flags & HIDDEN)) {
			print_usage(stdout, c);
			return EXIT_OK;
		}
	return unknown_command(argv[1]);
}

/* What the git layer had to say (a recovery, say), as docket's messages. */
static void
print_notices(struct ctx *ctx)
{
	struct strv notes = STRV_INIT;

	if (!ctx->repo)
		return;
	repo_notices(ctx->repo, &notes);
	for (size_t i = 0; i < notes.n; i++)
		tfprintf(stderr, "docket: %s\n", notes.v[i]);
	strv_free(&notes);
}

/* A command that only reads reads the cases through the status cache
 * (status.h); begun before docket.ini is read, so a docket.ini changed
 * since is seen by the cache's check of it. */
static void
begin_status(const struct ctx *ctx)
{
	char *path = repo_git_path(ctx->repo, STATUS_FILE);
	char *firm = path_join(ctx->root, FIRM_FILE);

	/* begun ahead (begin_ahead) for this very firm, it stands */
	if (!status_begun_as(path, ctx->root))
		status_begin(path, ctx->root, firm, DOCKET_VERSION);
	free(path);
	free(firm);
}

/*
 * A command that reads every case spends its first milliseconds in
 * libgit2's start-up (the system's CA certificates) and its next ones
 * listing the cases: both at once here.  libgit2 starts on a thread
 * while the cache is begun for the firm guessed without it, and the cases
 * listed and statted; repo_open then decides, and begin_status begins
 * anew for any other firm.
 */
static void
begin_ahead(const struct command *cmd, int argc, char **argv)
{
	char *root, *gitdir, *path, *firm;

	if (!(cmd->flags & (SCANS | SCANS_NOTES)) || (cmd->flags & WRITES) ||
	    ((cmd->flags & SCANS_NO_ID) && argc > 1 && argv[1][0] != '-'))
		return;
	repo_setup_ahead();
	if (repo_guess(&root, &gitdir))
		return;
	path = path_join(gitdir, STATUS_FILE);
	firm = path_join(root, FIRM_FILE);
	status_begin(path, root, firm, DOCKET_VERSION);
	status_ahead(!!(cmd->flags & SCANS_NOTES));
	free(path);
	free(firm);
	free(root);
	free(gitdir);
}

static int
run(const struct command *cmd, int argc, char **argv)
{
	struct ctx ctx;
	int r, status;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cmd = cmd;
	ctx.commands = commands;
	r = clock_now(&ctx.now);
	if (r)
		return fail(r);
	ctx.today = date_of_time(ctx.now);
	/* --help needs no firm */
	for (int i = 1; !(cmd->flags & RAW) && i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_usage(stdout, cmd);
			return EXIT_OK;
		}
	if (cmd->flags & NEED_FIRM) {
		begin_ahead(cmd, argc, argv);
		r = repo_open(&ctx.repo);
		if (!r) {
			/* before anything else: a firm opened is ready for
			 * git's merges too */
			repo_register_driver(ctx.repo);
			ctx.root = repo_root(ctx.repo);
			if (!(cmd->flags & WRITES))
				begin_status(&ctx);
			r = firm_load(&ctx.firm, ctx.root, NULL);
		}
		if (!r && (cmd->flags & WRITES))
			r = repo_lock(ctx.repo);
		print_notices(&ctx);
		if (r) {
			status = fail(r);
			goto out;
		}
	}
	status = cmd->fn(&ctx, argc, argv);
out:
	status_end();
	print_notices(&ctx);
	firm_free(ctx.firm);
	repo_free(ctx.repo);
	free(ctx.handle);
	free(ctx.name);
	free(ctx.email);
	return status;
}

int
main(int argc, char **argv)
{
	int i = 1;

	setlocale(LC_CTYPE, "C");
	signal(SIGPIPE, SIG_DFL);
	/* a file size limit makes writes fail (and be rolled back), not kill */
	signal(SIGXFSZ, SIG_IGN);
	color_setup();
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (!strcmp(a, "--version")) {
			printf("docket %s\n", DOCKET_VERSION);
			return EXIT_OK;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_help(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "-C") || has_prefix(a, "-C")) {
			const char *dir = a[2] ? a + 2 : argv[i + 1];

			if (!dir) {
				fprintf(stderr, "docket: -C needs a directory\n%s",
					global_usage);
				return EXIT_USAGE;
			}
			if (chdir(dir) < 0) {
				tfprintf(stderr, "docket: cannot change to '%s': %s\n",
					dir, strerror(errno));
				return EXIT_FAIL;
			}
			i += a[2] ? 1 : 2;
		} else if (!strcmp(a, "--")) {
			i++;
			break;
		} else {
			tfprintf(stderr, "docket: unknown option '%s'", a);
			if (a[1] == '-' && a[2] && (edit_distance(a, "--version") <= 2 ||
			    has_prefix("--version", a)))
				fprintf(stderr, "; did you mean '--version'?");
			else if (a[1] == '-' && a[2] && (edit_distance(a, "--help") <= 2 ||
				 has_prefix("--help", a)))
				fprintf(stderr, "; did you mean '--help'?");
			fprintf(stderr, "\n%s", global_usage);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			return run(c, argc - i, argv + i);
	return unknown_command(argv[i]);
}
