/*
 * Runs a fuzz target's entry point once per file named on the command line,
 * without libFuzzer, and prints TAP. The normal test suite uses it to replay
 * the seed corpus and every input that once crashed grill (tests/fixtures/
 * fuzz/TARGET/), so a fixed crash stays fixed in builds without clang.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "grill/fsutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int i, failed = 0, n = 0;

	for (i = 1; i < argc; i++) {
		grill_err err = GRILL_ERR_INIT;
		char **files = NULL;
		long count, k;
		bool is_dir = fs_is_dir(argv[i]);

		/* a folder stands for every file in it */
		if (is_dir) {
			count = fs_list(argv[i], "", &files, &err);
		} else {
			files = &argv[i];
			count = 1;
		}
		if (count < 0) {
			printf("not ok %d - %s: %s\n", ++n, argv[i], err_msg(&err));
			failed++;
			err_clear(&err);
			continue;
		}
		for (k = 0; k < count; k++) {
			char *buf = NULL;
			size_t len = 0;

			if (fs_read_file(files[k], 64u * 1024u * 1024u, &buf, &len, &err) < 0) {
				printf("not ok %d - %s\n", ++n, err_msg(&err));
				failed++;
				err_clear(&err);
				continue;
			}
			LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
			free(buf);
			printf("ok %d - %s\n", ++n, files[k]);
		}
		if (is_dir)
			fs_list_free(files, count);
	}
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
