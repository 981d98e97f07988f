/* attach.c - the files attached to a case (see attach.h). */
#include "docket/attach.h"
#include "docket/error.h"
#include "docket/util.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
attach_name_check(const char *name)
{
	size_t n = strlen(name), bad;

	if (!n)
		return dk_err(DK_EINVAL, "the file's name is empty");
	if (n > 200)
		return dk_err(DK_EINVAL, "the file's name '%.40s...' is longer "
			      "than 200 bytes", name);
	if (strchr(name, '/'))
		return dk_err(DK_EINVAL, "the file's name '%s' contains '/'",
			      name);
	if (name[0] == '.')
		return dk_err(DK_EINVAL, "the file's name '%s' starts with '.'",
			      name);
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return dk_err(DK_EINVAL, "the file's name '%s' holds a "
				      "control character", name);
	if (!utf8_valid(name, n, &bad))
		return dk_err(DK_EINVAL, "the file's name '%s' is not UTF-8",
			      name);
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct attached *)a)->name,
		      ((const struct attached *)b)->name);
}

int
attach_list(struct attached **out, size_t *n, const char *root,
	    const char *dir)
{
	char *path = xasprintf("%s%s/%s", root, dir, FILES_DIR);
	DIR *d = opendir(path);
	struct dirent *e;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	while (d && (e = readdir(d))) {
		char *p;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		p = path_join(path, e->d_name);
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			GROW(*out, cap, *n + 1);
			(*out)[*n].name = xstrdup(e->d_name);
			(*out)[*n].size = st.st_size;
			(*n)++;
		}
		free(p);
	}
	if (d)
		closedir(d);
	free(path);
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_name);
	return 0;
}

void
attach_list_free(struct attached *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}
