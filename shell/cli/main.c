/* weft: command-line entry point; dispatches to the subcommands. */
#include "commands.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: weft <command> [options]\n"
	"\n"
	"Commands:\n"
	"  render IN.html -o OUT.png   render a page to PNG (weft render --help)\n"
	"  view [PATH.html]            open a page in a desktop window (weft view --help)\n"
	"  reftest DIR...              run reference tests (weft reftest --help)\n"
	"  dump KIND IN.html           print the DOM, styles, layout or display list (weft dump --help)\n"
	"  bench FILE                  time each pipeline phase (weft bench --help)\n"
	"\n"
	"Exit status: 0 ok, 1 rendering problem or failing tests, 2 usage or input error.\n"
	"Only local files are read: network fetching is not supported.\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{"render", shell_cmd_render},
	{"dump", shell_cmd_dump},
	{"bench", shell_cmd_bench},
	{"view", shell_cmd_view},
	{"reftest", shell_cmd_reftest},
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("weft 0.1.0");
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "weft: unknown command '%s'\n\n%s", argv[1], usage);
	return 2;
}
