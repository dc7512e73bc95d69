/** Figures and names as every renderer shows them. */
import type { ApiRef } from '../types';

export function formatCount(value: number | null): string {
  return value === null ? 'n/a' : value.toLocaleString('en-US');
}

export function formatPct(value: number | null): string {
  if (value === null) return 'n/a';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}%`;
}

export function formatMs(value: number | null): string {
  if (value === null) return 'n/a';
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** "2024-05-01 12:03 UTC"; the input itself when it is not a date. */
export function formatTime(iso: string | null): string {
  if (iso === null) return 'n/a';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "orders-api/prod" (REST by name), "a1b2c3d4/prod" (HTTP API without a name). */
export function apiStage(api: ApiRef): string {
  return `${api.name ?? api.id ?? 'unknown-api'}/${api.stage}`;
}

/** "REST API orders-api (a1b2c3d4), stage prod" */
export function apiLong(api: ApiRef): string {
  const name = api.name ?? api.id ?? 'unknown';
  const id = api.name !== undefined && api.id !== undefined ? ` (${api.id})` : '';
  return `${api.kind} API ${name}${id}, stage ${api.stage}`;
}
