// The command table: one entry per command, each in its own file (`commands/NAME.js`: summary,
// usage, options, optional help lines, run). Adding a command is a file and a line here.
import catalog from './commands/catalog.js';
import classify from './commands/classify.js';
import { diff, wire } from './commands/cluster.js';
import compose from './commands/compose.js';
import limits from './commands/limits.js';
import plan from './commands/plan.js';
import render from './commands/render.js';
import validate from './commands/validate.js';
import version from './commands/version.js';

export const COMMANDS = { catalog, validate, render, plan, classify, diff, wire, compose, limits, version };
