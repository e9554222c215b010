/*
 * An rtld-audit module (LD_AUDIT=hide_readline.so): the dynamic linker finds
 * no libreadline anywhere it looks, as on a system without it, and dlopen
 * fails with the usual "libreadline.so.8: cannot open shared object file".
 * Used by pty_no_readline.sh.
 */
#define _GNU_SOURCE 1

#include <link.h>
#include <string.h>

unsigned int la_version(unsigned int version)
{
	(void)version;
	return LAV_CURRENT;
}

/* Each place the linker would look for a library: none holds libreadline. */
char *la_objsearch(const char *name, uintptr_t *cookie, unsigned int flag)
{
	(void)cookie;
	if (flag != LA_SER_ORIG && strstr(name, "libreadline"))
		return NULL;
	return (char *)name;
}
