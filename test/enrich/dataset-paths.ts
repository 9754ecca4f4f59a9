// Locates the shared MaxMind test databases; tests skip when the folder is absent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const maxmindTestData = resolve(process.cwd(), '../shared/datasets/maxmind-test-data');
export const hasMaxmindTestData = existsSync(maxmindTestData);

export function testDatabase(name: string): string {
  return resolve(maxmindTestData, name);
}
