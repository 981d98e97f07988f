/*
 * id.h - the rules for case IDs and other names, and making new IDs.
 *
 * name_check and id_check write nothing; id_generate returns a new string
 * the caller frees.
 */
#ifndef DOCKET_ID_H
#define DOCKET_ID_H

#include <stddef.h>

#define ID_MAX 64	/* case IDs */
#define NAME_MAX_LEN 32	/* deadline names, staff handles, stage names */

/*
 * A name is lowercase [a-z0-9][a-z0-9._-]*, at most max bytes, with no
 * "..".  0, or DK_EINVAL with a message naming what (e.g. "case ID").
 */
int name_check(const char *s, size_t max, const char *what);
int id_check(const char *id);

/*
 * A new case ID from the client's name: the surname's letters and digits
 * (lowercase ASCII, at most 20), a dash, and four random characters from
 * [a-z0-9] ("smith-7k2p").  "case-7k2p" when the name has no usable letter.
 * rnd supplies the randomness (tests pass their own); NULL uses getrandom.
 */
char *id_generate(const char *client, unsigned (*rnd)(void));

#endif
