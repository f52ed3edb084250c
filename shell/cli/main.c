/* weft: command-line entry point. */
#include "weft.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("weft: not built yet\n", stderr);
	return 2;
}
