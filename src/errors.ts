// Typed errors, so that the command line can tell bad input and bad configuration apart
// from program faults and print the message and the hint without a stack trace.

export class FootprintError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An input file that is missing, unreadable, truncated or not a recognised log. */
export class InputError extends FootprintError {}

/** Reference data (geodata, heuristics) that is missing or malformed. */
export class DataError extends FootprintError {}

/** An invalid option or a missing required option. */
export class ConfigError extends FootprintError {}
