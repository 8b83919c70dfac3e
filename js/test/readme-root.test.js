// The repository README's CLI example runs as written from the checkout (the npm package's
// install commands and Node example run in pack.test.js, in a fresh consumer project).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { REPO_DIR, ROOT_README, markdownBlock } from './helpers.js';

test('the CLI example of the README runs from the checkout', () => {
  const lines = markdownBlock(ROOT_README, 'sh', 'node js/cli.js render').trim().split('\n');
  assert.equal(lines.length, 3);
  // No cluster here: the job's events are stood in for by an error they would show.
  const kubectl = /^kubectl describe [^|]+\|/;
  assert.match(lines[2], kubectl);
  const event = "Error: AADSTS700016: Application with identifier '00001111-aaaa-2222-bbbb-3333cccc4444' was not found in the directory";
  const run = (line) => spawnSync('bash', ['-c', line.replace(kubectl, `printf '%s\\n' "${event}" |`)], { cwd: REPO_DIR, encoding: 'utf8' });

  const render = run(lines[0]);
  assert.equal(render.status, 0, render.stderr);
  assert.match(render.stdout, /^kind: ServiceAccount$[\s\S]*^kind: Secret$[\s\S]*^kind: Job$/m);
  assert.match(render.stdout, /^ {2}namespace: apps$/m);

  const plan = run(lines[1]);
  assert.equal(plan.status, 0, plan.stderr);
  assert.match(plan.stdout, /az aks connection create keyvault /);

  const classify = run(lines[2]);
  assert.equal(classify.status, 0, classify.stderr);
  assert.match(classify.stdout, /^category: wi_wrong_client_id$/m);
  assert.match(classify.stdout, /--resource-group rg|-g rg/);
});
