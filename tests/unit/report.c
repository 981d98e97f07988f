/* Unit tests for phrase_first: the indicator phrases (phrase.c) found in
 * a note's text. */
#include "docket/phrase.h"
#include "unit.h"

#include <string.h>

static int
match(const char *text, const char *const *phrases, size_t n)
{
	return phrase_first(text, strlen(text), phrases, n);
}

int
main(void)
{
	static const char *const med[] = {
		"numbness", "tingling", "loss of consciousness", "blacked out"
	};
	static const char *const odd[] = { "  Semi   Truck ", "18-wheeler", "", "*" };

	CHECK_INT(match("Client reports numbness", med, 4), 0);
	CHECK_INT(match("NUMBNESS in the hand", med, 4), 0);
	CHECK_INT(match("no indicator here", med, 4), -1);
	CHECK_INT(match("", med, 4), -1);
	/* the first phrase in docket.ini's order, not in the text's */
	CHECK_INT(match("tingling, then numbness", med, 4), 0);
	CHECK_INT(match("some tingling", med, 4), 1);
	/* white space runs, line breaks and case do not matter */
	CHECK_INT(match("possible Loss of\n   consciousness", med, 4), 2);
	CHECK_INT(match("he\tblacked\r\nout", med, 4), 3);
	/* a phrase at the very end, and one cut short */
	CHECK_INT(match("blacked out", med, 4), 3);
	CHECK_INT(match("blacked ou", med, 4), -1);
	/* phrases are normalized too; an empty one never matches */
	CHECK_INT(match("hit by a semi truck", odd, 3), 0);
	CHECK_INT(match("an 18-Wheeler", odd, 3), 1);
	CHECK_INT(match("nothing", odd, 3), -1);
	CHECK_INT(match("nothing * here", odd, 4), -1);
	/* a phrase of one character */
	{
		static const char *const one[] = { "zz", "x" };

		CHECK_INT(match("a x b", one, 2), 1);
		CHECK_INT(match("x", one, 2), 1);
		CHECK_INT(match("ax", one, 2), -1);
		CHECK_INT(match("abc", one, 2), -1);
	}
	/* whole words: not inside a word, not the start of a longer one */
	{
		static const char *const w[] = {
			"complaint", "18-wheeler*", "complain*", "witness *"
		};

		CHECK_INT(match("a complaint.", w, 4), 0);
		CHECK_INT(match("(Complaint)", w, 4), 0);
		CHECK_INT(match("she complains", w, 4), 2);
		CHECK_INT(match("two complaints", w, 4), 2);
		CHECK_INT(match("uncomplaining", w, 4), -1);
		CHECK_INT(match("two 18-wheelers", w, 4), 1);
		CHECK_INT(match("the 18-wheeler's driver", w, 4), 1);
		CHECK_INT(match("a 118-wheeler", w, 4), -1);
		CHECK_INT(match("the witnesses", w, 4), 3);
		CHECK_INT(match("eyewitness", w, 4), -1);
	}
	{
		static const char *const c[] = { "complaint", "coverage" };

		CHECK_INT(match("two complaints", c, 2), -1);
		CHECK_INT(match("client's complaint-letter", c, 2), 0);
		CHECK_INT(match("coverage", c, 2), 1);
		CHECK_INT(match("coverages", c, 2), -1);
		/* a letter beyond ASCII is part of a word */
		CHECK_INT(match("coverageé", c, 2), -1);
	}
	/* only ASCII letters fold: É and é differ, TOURDI and tourdi do not */
	{
		static const char *const u[] = { "ÉTOURDI" };

		CHECK_INT(match("il est étourdi", u, 1), -1);
		CHECK_INT(match("il est ÉTOURDI", u, 1), 0);
	}
	return UNIT_DONE();
}
