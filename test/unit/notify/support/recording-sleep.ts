/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

/** A secret reader over a fixed map. */
export function secretsOf(values: Readonly<Record<string, string>>): (id: string) => Promise<string> {
  return (id) => {
    const value = values[id];
    return value === undefined ? Promise.reject(new Error(`ResourceNotFoundException: ${id}`)) : Promise.resolve(value);
  };
}
