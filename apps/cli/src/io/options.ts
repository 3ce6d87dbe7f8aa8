import { UsageError } from "./user-error.js";

export function parsePositiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number of at least 1, got "${text}"`);
  return value;
}

export function parseSeed(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new UsageError(`--seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${text}"`);
  return value;
}
