#ifndef GRILL_TEST_HARNESS_H
#define GRILL_TEST_HARNESS_H

/*
 * A small TAP harness. Each test is a function whose name states the
 * contract; a failed check reports file:line and ends that test only.
 * main() gives the process a fresh HOME and XDG folders and LC_ALL=C, so
 * no test touches the user's data.
 *
 *   TEST(bank_rejects_duplicate_question_ids) { CHECK(...); }
 *   int main(void) { RUN(bank_rejects_duplicate_question_ids); return harness_done(); }
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern jmp_buf harness_jump;
extern int harness_failed_current;

void harness_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void harness_run(const char *name, void (*fn)(void));
int harness_done(void);
/* The temporary home folder of this test process. */
const char *harness_home(void);
/* Absolute path to a file under tests/fixtures/. Caller frees. */
char *harness_fixture(const char *rel);
/* Absolute path under the source tree. Caller frees. */
char *harness_source(const char *rel);
/*
 * Every bank in a folder of the source tree ("tests/fixtures/banks",
 * "question_banks"), linked; a bank that fails to load fails the process
 * loudly. Caller frees with bank_set_free.
 */
struct bank_set *harness_load_banks(const char *rel);
/* Writes text to a new file in the temporary home; returns its path (caller frees). */
char *harness_write_temp(const char *name, const char *text);

#define TEST(name) static void name(void)
#define RUN(name) harness_run(#name, name)

#define CHECK(cond) do { if (!(cond)) harness_fail(__FILE__, __LINE__, "check failed: %s", #cond); } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) harness_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", #a, a_, #b, b_); } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_) != 0) harness_fail(__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)
#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay), *n_ = (needle); \
	if (!h_ || !strstr(h_, n_)) harness_fail(__FILE__, __LINE__, "%s does not contain \"%s\": \"%s\"", #hay, n_, h_ ? h_ : "(null)"); } while (0)
#define CHECK_LACKS(hay, needle) do { const char *h_ = (hay), *n_ = (needle); \
	if (h_ && strstr(h_, n_)) harness_fail(__FILE__, __LINE__, "%s contains \"%s\"", #hay, n_); } while (0)

#endif
