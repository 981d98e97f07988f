/* id.c - the rules for case IDs and other names, and making new IDs. */
#include "docket/id.h"
#include "docket/error.h"
#include "docket/util.h"

#include <ctype.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

int
name_check(const char *s, size_t max, const char *what)
{
	size_t n;

	/* the common case, a good name, in one pass: a-z and 0-9, and '.',
	 * '_' or '-' after the first (no ".."); anything else is told
	 * below */
	for (n = 0; (s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') ||
		    (n && (s[n] == '_' || s[n] == '-' ||
			   (s[n] == '.' && s[n - 1] != '.'))); n++)
		;
	if (!s[n] && n && n <= max)
		return 0;
	n = strlen(s);

	if (!n)
		return dk_err(DK_EINVAL, "%s is empty", what);
	if (n > max)
		return dk_err(DK_EINVAL, "%s '%.80s%s' is longer than %zu characters",
			      what, s, n > 80 ? "..." : "", max);
	if (strchr(s, '/'))
		return dk_err(DK_EINVAL, "%s '%s' contains '/'", what, s);
	if (strstr(s, ".."))
		return dk_err(DK_EINVAL, "%s '%s' contains '..'", what, s);
	if (s[0] == '.' || s[0] == '-')
		return dk_err(DK_EINVAL, "%s '%s' starts with '%c'", what, s, s[0]);
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (islower(c) || isdigit(c))
			continue;
		if (p != s && (c == '.' || c == '_' || c == '-'))
			continue;
		if (isspace(c))
			return dk_err(DK_EINVAL, "%s '%s' contains a space", what, s);
		if (isupper(c))
			return dk_err(DK_EINVAL, "%s '%s' has uppercase letters "
				      "(use lowercase)", what, s);
		return dk_err(DK_EINVAL, "%s '%s' may hold only a-z, 0-9, '.', "
			      "'_' and '-'", what, s);
	}
	return 0;
}

int
id_check(const char *id)
{
	return name_check(id, ID_MAX, "case ID");
}

static unsigned
sys_random(void)
{
	unsigned v;

	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		v = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
	return v;
}

/* U+00C0..U+00FF folded to lowercase ASCII; '?' for none */
static const char latin1[] =
	"aaaaaaaceeeeiiiidnooooo?ouuuuyts"
	"aaaaaaaceeeeiiiidnooooo?ouuuuyty";

char *
id_generate(const char *client, unsigned (*rnd)(void))
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
	const char *last = client, *p;
	struct sb sb = SB_INIT;
	size_t letters = 0;

	if (!rnd)
		rnd = sys_random;
	/* the surname: before a comma ("Smith, John"), else the last word */
	const char *comma = strchr(client, ',');
	const char *end = comma ? comma : client + strlen(client);

	if (!comma)
		for (p = client; *p; p++)
			if (isspace((unsigned char)*p) && p[1] &&
			    !isspace((unsigned char)p[1]))
				last = p + 1;
	for (p = last; p < end && letters < 20; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x80 && isalnum(c)) {
			sb_addc(&sb, (char)tolower(c));
			letters++;
		} else if (c == 0xc3 && p + 1 < end &&
			   (unsigned char)p[1] >= 0x80 &&
			   (unsigned char)p[1] <= 0xbf) {
			/* Latin-1 letters: U+00C0..U+00FF, folded to ASCII */
			char f = latin1[(unsigned char)p[1] - 0x80];

			p++;
			if (f != '?') {
				sb_addc(&sb, f);
				letters++;
			}
		}
	}
	if (!letters)
		sb_adds(&sb, "case");
	sb_addc(&sb, '-');
	for (int i = 0; i < 4; i++)
		sb_addc(&sb, alphabet[rnd() % (sizeof(alphabet) - 1)]);
	return sb_detach(&sb);
}
