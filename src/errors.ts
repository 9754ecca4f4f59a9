// Typed errors, so that the command line can print a message and a hint in place of a stack trace.

/** Base class of every error that footprint raises on purpose. */
export class FootprintError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad user input: a missing file, a malformed log line, an invalid address. */
export class InputError extends FootprintError {}

/** Invalid or corrupt reference data: a broken database, an invalid curated list. */
export class DataError extends FootprintError {}

/** Invalid configuration: an unknown option, an out-of-range weight. */
export class ConfigError extends FootprintError {}
