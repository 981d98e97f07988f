/* cmd-offer.c - docket offer: an offer from a policy's carrier, and the
 * deadline to tell the client about it (the work is in cmd-workup.c,
 * shared with demand). */
#include "docket/cmd.h"

int
cmd_offer(struct ctx *ctx, int argc, char **argv)
{
	return negotiation_cmd(ctx, argc, argv, 0);
}
