/* cmd-demand.c - docket demand: a demand sent to a policy's carrier; the
 * open `demand` deadline is done, and a time-limited demand gets a
 * deadline of its own (the work is in cmd-workup.c, shared with offer). */
#include "docket/cmd.h"

int
cmd_demand(struct ctx *ctx, int argc, char **argv)
{
	return negotiation_cmd(ctx, argc, argv, 1);
}
