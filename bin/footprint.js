#!/usr/bin/env node
// Launcher: registers the tsx loader so that the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
