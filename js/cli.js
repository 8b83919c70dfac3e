#!/usr/bin/env node
// The `aks-service-connector` command: the package's functions for CI pipelines and shells.
// The commands are a table (cli/commands.js); this file parses, dispatches, and turns each
// failure into its exit code (cli/errors.js, EXIT).
import { parse, optionLines } from './cli/args.js';
import { COMMANDS } from './cli/commands.js';
import { EXIT, InvalidError, UsageError, WriteError } from './cli/errors.js';
import { NAME, err, out, printFindingsToStderr, sc } from './cli/io.js';

const EXIT_HELP = `Exit codes: ${EXIT.ok} success; ${EXIT.invalid} invalid input (validation errors, or --strict found placeholders);
${EXIT.usage} usage error (the message names the flag); ${EXIT.write} --out could not write a file;
${EXIT.unrecognised} classify: the text's category is unknown.`;

function mainHelp() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([c, d]) => `  ${c.padEnd(width)}  ${d.summary}`);
  return `Usage: ${NAME} <command> [options]

Azure Service Connector for AKS: catalog, validation, Kubernetes rendering, planning, error diagnosis.

Commands:
${lines.join('\n')}

Run '${NAME} <command> --help' for a command's options.
${EXIT_HELP}
`;
}

function commandHelp(name, options, values) {
  const d = COMMANDS[name];
  const lines = [...optionLines(options), `  ${'--help'.padEnd(30)}  show this help`];
  const extra = d.help ? d.help(values) : [];
  const summary = `${d.summary[0].toUpperCase()}${d.summary.slice(1)}.`;
  return `Usage: ${NAME} ${d.usage}\n\n${summary}\n\nOptions:\n${lines.join('\n')}\n${extra.map((l) => `${l}\n`).join('')}\n${EXIT_HELP}\n`;
}

/** The command being run, for the usage hint. */
let current = '';

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(mainHelp());
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-V') {
    out(`${sc.version()}\n`);
    return EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    throw new UsageError(`unknown command '${command}'; expected one of ${Object.keys(COMMANDS).join(', ')}`);
  }
  current = ` ${command}`;
  const def = COMMANDS[command];
  const options = { ...def.options(), help: { type: 'boolean', short: 'h' } };
  const values = parse(rest, options, (flag) => `${flag}: unknown option for '${command}'`);
  if (values.help) {
    out(commandHelp(command, options, values));
    return EXIT.ok;
  }
  return (await def.run(values)) ?? EXIT.ok;
}

// A reader that stops early (`catalog --json | head -c 10`) closes the pipe: the rest of
// the output has nowhere to go, which is not an error of this command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? EXIT.ok);
  });
}

let code;
try {
  code = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    err(`${NAME}: ${e.message}\nRun '${NAME}${current}${e.helpArgs} --help' for usage.\n`);
    code = EXIT.usage;
  } else if (e instanceof InvalidError) {
    err(`${NAME}: ${e.message}\n`);
    code = EXIT.invalid;
  } else if (e instanceof WriteError) {
    err(`${NAME}: ${e.message}\n`);
    code = EXIT.write;
  } else if (sc.isServiceConnectorError(e)) {
    // Recognised by the module's own check and its stable `code`, never by message text.
    err(`${NAME}: ${e.code}: ${e.message}\n`);
    printFindingsToStderr(e.findings.filter((f) => f.severity === 'error'));
    code = EXIT.invalid;
  } else {
    err(`${NAME}: internal error: ${e && e.stack ? e.stack : e}\n`);
    code = EXIT.invalid;
  }
}
process.exitCode = code;
