/*
 * grill: rehearse technical interviews in the terminal.
 * main maps argv to a command from the table; it is the only place that exits.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "grill/commands.h"

int main(int argc, char **argv)
{
	int status;

	setlocale(LC_CTYPE, "");
	status = commands_main(argc, argv);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("grill: writing output");
		if (status == EXIT_OK)
			status = EXIT_FAIL;
	}
	exit(status);
}
