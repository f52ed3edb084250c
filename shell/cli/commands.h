/* The weft program's subcommands. Each takes the arguments after its name
 * (argv[0] is the subcommand) and returns the process exit status:
 * 0 ok, 1 rendering problem (or failing tests), 2 usage or input error. */
#ifndef WEFT_SHELL_COMMANDS_H
#define WEFT_SHELL_COMMANDS_H

int shell_cmd_render(int argc, char **argv);
int shell_cmd_dump(int argc, char **argv);
int shell_cmd_bench(int argc, char **argv);
int shell_cmd_reftest(int argc, char **argv);
int shell_cmd_view(int argc, char **argv);

#endif
