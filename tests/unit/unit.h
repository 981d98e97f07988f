/* unit.h - a few macros for C unit tests, TAP output, no framework. */
#ifndef DOCKET_UNIT_H
#define DOCKET_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_n, unit_failed;

#define CHECK(cond) do { \
	unit_n++; \
	if (cond) { printf("ok %d - %s:%d %s\n", unit_n, __FILE__, __LINE__, #cond); } \
	else { unit_failed++; printf("not ok %d - %s:%d %s\n", unit_n, __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	unit_n++; \
	if (a_ && b_ && !strcmp(a_, b_)) { printf("ok %d - %s:%d %s\n", unit_n, __FILE__, __LINE__, #a); } \
	else { unit_failed++; printf("not ok %d - %s:%d %s: got \"%s\", want \"%s\"\n", unit_n, __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } \
} while (0)

#define CHECK_INT(a, b) do { \
	long a_ = (long)(a), b_ = (long)(b); \
	unit_n++; \
	if (a_ == b_) { printf("ok %d - %s:%d %s == %ld\n", unit_n, __FILE__, __LINE__, #a, b_); } \
	else { unit_failed++; printf("not ok %d - %s:%d %s: got %ld, want %ld\n", unit_n, __FILE__, __LINE__, #a, a_, b_); } \
} while (0)

#define UNIT_DONE() (printf("# %d checks, %d failed\n", unit_n, unit_failed), unit_failed != 0)

#endif
