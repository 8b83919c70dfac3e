import { out, sc } from '../io.js';

export default {
  summary: 'print the version',
  usage: 'version',
  options: () => ({}),
  run: () => out(`${sc.version()}\n`),
};
