// Help texts. Every flag is explained here; docs/cli.md says the same at more length.
export const MAIN_HELP = `deckhand — declarative playbooks over SSH, Ansible-style

Usage:
  deckhand run PLAYBOOK [options]     run a playbook against an inventory
  deckhand lab up|down|status         a local test lab of SSH hosts (Linux, root)
  deckhand vault SUBCOMMAND           encrypt and decrypt Ansible Vault files and strings
  deckhand --version                  print the version
  deckhand --help                     this text; \`deckhand run --help\` for run's options

Exit codes: 0 ok, 1 error, 2 a host failed, 3 invalid playbook or inventory,
4 a host was unreachable, 5 bad command-line options, 99 interrupted.
`;

export const RUN_HELP = `Usage: deckhand run PLAYBOOK [options]

Runs PLAYBOOK's plays on the hosts they target. The options mean what they
mean to ansible-playbook.

Inventory and hosts:
  -i, --inventory SRC     inventory file, directory, or comma-separated host list
                          ("web1,web2," or "localhost,"); repeatable
  -l, --limit PATTERN     further limit the hosts with a pattern (all, groups,
                          a:b union, a:&b intersection, a:!b exclusion, web*,
                          ~regex, group[0:2]) or @file of host names
Selection:
  -t, --tags TAGS         run only tasks with these tags (comma-separated; repeatable)
      --skip-tags TAGS    skip tasks with these tags
      --start-at-task NAME
                          start at the first task with this name
Variables:
  -e, --extra-vars VARS   key=value pairs, a JSON/YAML mapping, or @FILE;
                          highest precedence; repeatable
      --vault-password-file FILE
                          file holding the vault password (repeatable)
      --vault-id [LABEL@]FILE
                          same, with a vault id label
  -J, --ask-vault-pass    ask for the vault password
Execution:
  -f, --forks N           hosts worked on in parallel (default 5)
  -C, --check             change nothing; report what would change
  -D, --diff              show the differences in changed files
      --report FILE       write a JSON report of every result; "-" streams
                          JSON lines events to stdout
Output:
  -v, -vv, -vvv, -vvvv    more detail: results, then commands, then connections
      --no-color          no colours even on a terminal
Checks without running:
      --syntax-check      load and validate the playbook, then stop
      --list-hosts        list the hosts each play would run on
      --list-tasks        list the tasks each play would run, with their tags
      --list-tags         list the tags in each play
  -h, --help              this text

Exit codes: 0 ok, 1 error, 2 a host failed, 3 invalid playbook or inventory,
4 a host was unreachable, 5 bad command-line options, 99 interrupted.
`;
