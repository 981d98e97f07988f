/*
 * lookup.h - a case found the ways a person names one: its ID or a unique
 * prefix of it (case_find), else a unique match on its client's name (any
 * word of it, a case-insensitive prefix: "menon" for Priya Shah-Menon),
 * or "." for the case whose directory the user is in.
 *
 * Ownership: a struct lookup's strings are new, released with
 * lookup_free (which leaves the struct empty).
 */
#ifndef DOCKET_LOOKUP_H
#define DOCKET_LOOKUP_H

struct lookup {
	char *dir;	/* "cases/YYYY/ID" */
	char *client;	/* the client's name when found by it, else NULL */
};

/*
 * Find the case what names (NULL or "." for the case of the directory
 * the process is in) in the firm at root.  0; DK_ENOTFOUND; DK_EAMBIG
 * naming the candidates (with their clients and titles when the name
 * matched); DK_EINVAL for a word that is neither an ID nor a name.
 */
int lookup_case(struct lookup *out, const char *root, const char *what);
void lookup_free(struct lookup *l);
/* Does the client's name match what (a word's prefix, or the whole
 * name's), case-insensitively? */
int lookup_name_matches(const char *client, const char *what);

struct strv;
/* The open cases but except whose client has the same name (letters'
 * case and runs of spaces aside) and whose case.incident is incident
 * ("" for none): a likely duplicate intake.  Their IDs into out. */
void lookup_same_intake(struct strv *out, const char *root,
			const char *client, const char *incident,
			const char *except);

#endif
