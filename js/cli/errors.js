// The command's failures, each with its exit code. The codes are the command's contract with
// the pipelines that run it (README, "Command line"): one table, one place.

/** Exit codes, by what happened. */
export const EXIT = Object.freeze({
  ok: 0,
  /** the input is invalid: validation errors, or `--strict` found placeholders */
  invalid: 1,
  /** a flag is unknown, missing its value or has a wrong one; a file cannot be read */
  usage: 2,
  /** `--out`: a file could not be written, or would land outside the directory */
  write: 3,
  /** `classify`: the text was read, but its category is `unknown` */
  unrecognised: 4,
});

/** A usage error: exit 2, the message names the flag; `helpArgs` go into the help hint. */
export class UsageError extends Error {
  constructor(message, { helpArgs = '' } = {}) {
    super(message);
    this.helpArgs = helpArgs;
  }
}

/** The input was read but is invalid: exit 1. */
export class InvalidError extends Error {}

/** `--out` could not write a file: exit 3, the message names the path. */
export class WriteError extends Error {}

/** What an fs error's `code` means, for messages; recognised by code, never by message. */
const FS_REASONS = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'already exists',
  ELOOP: 'is a symbolic link (not followed)',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'name too long',
};

/** The reason of a failed file operation, by the error's `code`. */
export function fsReason(e) {
  return FS_REASONS[e?.code] ?? `failed (${e?.code ?? 'no error code'})`;
}
