#ifndef GRILL_ERROR_H
#define GRILL_ERROR_H

/*
 * An error message for the user: which file, which place (JSON path or
 * line), what is wrong. Functions that can fail take an optional grill_err *;
 * NULL means the caller does not want the message.
 */
typedef struct grill_err {
	char *msg; /* NULL when no error was set */
} grill_err;

#define GRILL_ERR_INIT { NULL }

void err_set(grill_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts "prefix: " in front of the current message. */
void err_prefix(grill_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *err_msg(const grill_err *err);
void err_clear(grill_err *err);

#endif
