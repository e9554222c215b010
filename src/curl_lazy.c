/*
 * libcurl, loaded the first time grill uses the network. Linking it directly
 * made every start-up pay for loading libcurl and the thirty libraries it
 * pulls in (TLS, LDAP, Kerberos, ...), with their relocations and
 * constructors: most of the time `grill --version` took, for commands that
 * never talk to a server. These definitions stand in for the libcurl
 * functions grill calls and forward to the real ones, resolved with dlopen
 * on first use. When libcurl cannot be loaded, curl_global_init fails and
 * curl_easy_strerror says why, so the LLM client reports it like any other
 * network failure.
 *
 * A new libcurl call in grill needs a line here (the link fails until then).
 */
#define CURL_DISABLE_TYPECHECK 1
/* curl_url_get's handle became const in later libcurl versions: set the
 * header's prototype aside and define the function with the older one,
 * which has the same ABI and suits both */
#define curl_url_get grill_header_curl_url_get
#include <curl/curl.h>
#undef curl_url_get

#include <dlfcn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#define CURL_SONAME "libcurl.so.4"

/* Every function grill calls, as a table of pointers filled by load(). */
#define CURL_FUNCTIONS(X) \
	X(CURLcode, curl_global_init, (long flags)) \
	X(CURL *, curl_easy_init, (void)) \
	X(void, curl_easy_cleanup, (CURL *h)) \
	X(void, curl_easy_reset, (CURL *h)) \
	X(CURLcode, curl_easy_setopt, (CURL *h, CURLoption option, ...)) \
	X(const char *, curl_easy_strerror, (CURLcode code)) \
	X(void, curl_free, (void *p)) \
	X(time_t, curl_getdate, (const char *s, const time_t *unused)) \
	X(CURLM *, curl_multi_init, (void)) \
	X(CURLMcode, curl_multi_cleanup, (CURLM *m)) \
	X(CURLMcode, curl_multi_add_handle, (CURLM *m, CURL *h)) \
	X(CURLMcode, curl_multi_remove_handle, (CURLM *m, CURL *h)) \
	X(CURLMcode, curl_multi_perform, (CURLM *m, int *running)) \
	X(CURLMcode, curl_multi_poll, (CURLM *m, struct curl_waitfd *extra, unsigned n, int timeout_ms, int *numfds)) \
	X(CURLMsg *, curl_multi_info_read, (CURLM *m, int *left)) \
	X(struct curl_slist *, curl_slist_append, (struct curl_slist *l, const char *s)) \
	X(void, curl_slist_free_all, (struct curl_slist *l)) \
	X(CURLU *, curl_url, (void)) \
	X(void, curl_url_cleanup, (CURLU *u)) \
	X(CURLUcode, curl_url_get, (CURLU *u, CURLUPart what, char **part, unsigned int flags)) \
	X(CURLUcode, curl_url_set, (CURLU *u, CURLUPart what, const char *part, unsigned int flags))

#define DECLARE_POINTER(ret, name, params) static ret (*real_##name) params;
CURL_FUNCTIONS(DECLARE_POINTER)

static bool tried;
static bool loaded;
static char load_error[512];

/* Loads libcurl once; false (with load_error) when it is not there. */
static bool load(void)
{
	void *lib;

	if (tried)
		return loaded;
	tried = true;
	lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(load_error, sizeof(load_error), "libcurl could not be loaded: %s", dlerror());
		return false;
	}
#define RESOLVE(ret, name, params) \
	*(void **)(&real_##name) = dlsym(lib, #name); \
	if (!real_##name) { \
		snprintf(load_error, sizeof(load_error), "%s lacks %s: is libcurl too old?", CURL_SONAME, #name); \
		return false; \
	}
	CURL_FUNCTIONS(RESOLVE)
#undef RESOLVE
	loaded = true;
	return true;
}

CURLcode curl_global_init(long flags)
{
	return load() ? real_curl_global_init(flags) : CURLE_FAILED_INIT;
}

/* The rest are reached only through handles that exist once libcurl is loaded. */
CURL *curl_easy_init(void)
{
	return load() ? real_curl_easy_init() : NULL;
}

void curl_easy_cleanup(CURL *h)
{
	if (loaded)
		real_curl_easy_cleanup(h);
}

void curl_easy_reset(CURL *h)
{
	if (loaded)
		real_curl_easy_reset(h);
}

/*
 * The option number says the type of the one argument (libcurl's own
 * setopt reads it the same way): forward it with that type.
 */
CURLcode curl_easy_setopt(CURL *h, CURLoption option, ...)
{
	va_list ap;
	CURLcode rc;

	if (!loaded)
		return CURLE_FAILED_INIT;
	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT) {
		rc = real_curl_easy_setopt(h, option, va_arg(ap, long));
	} else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
		rc = real_curl_easy_setopt(h, option, va_arg(ap, void *));
	} else if (option < CURLOPTTYPE_OFF_T) {
		typedef void (*any_function)(void);

		rc = real_curl_easy_setopt(h, option, va_arg(ap, any_function));
	} else if (option < CURLOPTTYPE_BLOB) {
		rc = real_curl_easy_setopt(h, option, va_arg(ap, curl_off_t));
	} else {
		rc = real_curl_easy_setopt(h, option, va_arg(ap, void *));
	}
	va_end(ap);
	return rc;
}

const char *curl_easy_strerror(CURLcode code)
{
	if (!load())
		return load_error;
	return real_curl_easy_strerror(code);
}

void curl_free(void *p)
{
	if (loaded)
		real_curl_free(p);
}

time_t curl_getdate(const char *s, const time_t *unused)
{
	return load() ? real_curl_getdate(s, unused) : -1;
}

CURLM *curl_multi_init(void)
{
	return load() ? real_curl_multi_init() : NULL;
}

CURLMcode curl_multi_cleanup(CURLM *m)
{
	return loaded ? real_curl_multi_cleanup(m) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_add_handle(CURLM *m, CURL *h)
{
	return loaded ? real_curl_multi_add_handle(m, h) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_remove_handle(CURLM *m, CURL *h)
{
	return loaded ? real_curl_multi_remove_handle(m, h) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_perform(CURLM *m, int *running)
{
	return loaded ? real_curl_multi_perform(m, running) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_poll(CURLM *m, struct curl_waitfd *extra, unsigned n, int timeout_ms, int *numfds)
{
	return loaded ? real_curl_multi_poll(m, extra, n, timeout_ms, numfds) : CURLM_BAD_HANDLE;
}

CURLMsg *curl_multi_info_read(CURLM *m, int *left)
{
	return loaded ? real_curl_multi_info_read(m, left) : NULL;
}

struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s)
{
	return load() ? real_curl_slist_append(l, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *l)
{
	if (loaded)
		real_curl_slist_free_all(l);
}

CURLU *curl_url(void)
{
	return load() ? real_curl_url() : NULL;
}

void curl_url_cleanup(CURLU *u)
{
	if (loaded)
		real_curl_url_cleanup(u);
}

CURLUcode curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags);
CURLUcode curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	return loaded ? real_curl_url_get(u, what, part, flags) : CURLUE_BAD_HANDLE;
}

CURLUcode curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	return loaded ? real_curl_url_set(u, what, part, flags) : CURLUE_BAD_HANDLE;
}
