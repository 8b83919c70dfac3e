// diff and wire: the commands that meet a running cluster, through the cluster module
// (js/cli-cluster.js), with what they share with the other commands handed in.
import { clusterCommands } from '../../cli-cluster.js';
import { InvalidError, UsageError } from '../errors.js';
import { findingLine, out } from '../io.js';
import { readInput } from '../input.js';
import { loadSpec, specHelp, withSpecOptions } from '../spec-flags.js';

export const { diff, wire } = clusterCommands({ readInput, UsageError, InvalidError, out, findingLine, loadSpec, withSpecOptions, specHelp });
