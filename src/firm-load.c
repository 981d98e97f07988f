/*
 * firm-load.c - docket.ini whole: read, each section by the module that
 * owns it (the firm's own in firm.c, [holidays] in holiday.c, [sol] in
 * sol-rules.c, the workup's [rules] in workup.c), and freed; and the
 * docket.ini `docket init` writes.
 */
#include "docket/firm.h"
#include "docket/cfg.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/settle.h"
#include "docket/workflow.h"
#include "docket/util.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

int
firm_load(struct firm **out, const char *root, struct strv *warnings)
{
	struct firm *f = xcalloc(1, sizeof(*f));
	char *path = path_join(root, FIRM_FILE);
	int r;

	*out = NULL;
	f->root = path_join(root, "");
	r = cfg_load(&f->cfg, path, FIRM_FILE);
	free(path);
	if (r == DK_ENOTFOUND)
		r = dk_err(DK_ENOFIRM, "no %s in %s (run 'docket init' to "
			   "make a firm)", FIRM_FILE, root);
	if (r)
		goto out;
	if ((r = firm_read(f, warnings)) ||
	    (r = sol_rules_load(f, warnings)) ||
	    (r = workup_rules_load(f)) ||
	    (r = workflow_rules_load(f)) ||
	    (r = fees_load(f, warnings)))
		goto out;
	firm_read_indicators(f, warnings);
out:
	if (r)
		firm_free(f);
	else
		*out = f;
	return r;
}

void
firm_free(struct firm *f)
{
	if (!f)
		return;
	sol_rules_free(f);
	workup_rules_free(f);
	workflow_rules_free(f);
	fees_free(f);
	firm_free_own(f);
}

/* ---- what `docket init` writes ---- */

static const char pi_pipeline[] =
	"[pipeline]\n"
	"stages = intake, treatment, records, demand, negotiation, litigation, "
	"settlement, closed\n"
	"\n"
	"[stage \"intake\"]\n"
	"max_days = 14\n"
	"# tasks: each a deadline when a case enters the stage, done when it\n"
	"# moves on (docket next lists them); uncomment to use\n"
	"# task = 1bd Call the client: introduce yourself and the process\n"
	"# task = 2bd Send letters of representation\n"
	"[stage \"treatment\"]\n"
	"max_days = 180\n"
	"[stage \"records\"]\n"
	"max_days = 30\n"
	"[stage \"demand\"]\n"
	"# demand out within 72 hours of final records\n"
	"max_days = 3\n"
	"on_enter_due = 3d Send demand package to carrier\n"
	"# what must hold to enter the stage (docket advance-stage refuses\n"
	"# until it does, or --force); uncomment to use\n"
	"# requires = records-complete, lor-sent\n"
	"[stage \"negotiation\"]\n"
	"max_days = 60\n"
	"[stage \"litigation\"]\n"
	"max_days = 365\n"
	"[stage \"settlement\"]\n"
	"max_days = 30\n"
	"# [stage \"closed\"]\n"
	"# requires = liens-final, no-open-escalation\n";

static const char generic_pipeline[] =
	"[pipeline]\n"
	"stages = initiation, planning, coordination, implementation, "
	"monitoring, review, closure, follow-up\n"
	"\n"
	"[stage \"initiation\"]\n"
	"max_days = 14\n"
	"[stage \"planning\"]\n"
	"max_days = 30\n"
	"[stage \"review\"]\n"
	"max_days = 30\n";

static const char rest[] =
	"\n"
	"[rules]\n"
	"# statute of limitations, years from the incident, for a case whose\n"
	"# state has no [sol] rule below\n"
	"sol_years = 2\n"
	"# report lists the SOLs and notices of claim due within this many days\n"
	"sol_watch_days = 180\n"
	"# every client is contacted at least this often\n"
	"contact_days = 30\n"
	"contact_target_pct = 80\n"
	"manager_caseload_max = 150\n"
	"attorney_caseload_max = 100\n"
	"# the workup: a records request is followed up after this many days;\n"
	"# the demand goes out this many days after the last records (72\n"
	"# hours); report lists a client in treatment whose last visit is\n"
	"# older than this\n"
	"records_followup_days = 14\n"
	"demand_within_days = 3\n"
	"treatment_gap_days = 30\n"
	"# business days (bd) or days (d) to send the letter of representation\n"
	"# to a new policy's carrier, and to tell the client of an offer\n"
	"lor_days = 2bd\n"
	"offer_convey_days = 2bd\n"
	"# case types the firm sends straight to an attorney (report suggests\n"
	"# a complexity escalation, as it does for a commercial policy)\n"
	"attorney_types = truck\n"
	"# a new manager calls the client within this time (docket assign);\n"
	"# a client's inquiry is answered within this many hours\n"
	"intro_call_days = 1bd\n"
	"inquiry_response_hours = 24\n"
	"\n"
	"# the urgency of each action of docket next: sol 100, notice 90,\n"
	"# overdue 80, demand 70, inquiry 60, escalation 55, offer 50,\n"
	"# contact 40, records 30, treatment 25, due-soon 20, stuck 10\n"
	"[urgency]\n"
	"\n";

static const char indicators[] =
	"\n"
	"# words in notes that suggest an escalation, by reason: whole words,\n"
	"# any case; a phrase ending in * matches any word it starts\n"
	"[indicators]\n"
	"medical = numbness, tingling, loss of consciousness, blacked out, "
	"confusion, confused, forgetful\n"
	"complexity = 18-wheeler*, semi truck*, tractor-trailer*, "
	"commercial policy, evidence preservation, witness*\n"
	"treatment = stopped treatment, refuses treatment, skip therapy, "
	"skipped therapy, settle now\n"
	"coverage = denied, liability dispute*, uninsured, underinsured, "
	"coverage\n"
	"communication = unhappy, dissatisfied, frustrated, another lawyer, "
	"complain*\n";

char *
firm_default_ini(const char *pipeline, const char *firm_name,
		 const char *handle, const char *name, const char *email,
		 const char *role)
{
	const char *p;

	if (!strcmp(pipeline, "pi"))
		p = pi_pipeline;
	else if (!strcmp(pipeline, "generic"))
		p = generic_pipeline;
	else
		return NULL;
	return xasprintf("[firm]\nname = %s\n\n%s%s%s\n"
			 "# staff handles; add the rest of the team here\n"
			 "[staff \"%s\"]\nname = %s\nemail = %s\nrole = %s\n"
			 "%s%s",
			 firm_name, p, rest, p == pi_pipeline ? fees_default_ini + 1 :
			 fees_generic_ini + 1, handle, name, email, role, indicators,
			 deadlines_default_ini);
}
