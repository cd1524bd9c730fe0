/** `--shard k/n`: the k-th of n parts of the job list, for CI matrices. */
export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | Error {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return new Error(`--shard: '${text}' is not k/n (for example 1/3).`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count)
    return new Error(`--shard: '${text}' needs 1 ≤ k ≤ n (for example 1/3, 2/3, 3/3).`);
  return { index, count };
}

/**
 * Job i belongs to shard (i mod n) + 1. Dealing jobs out in turn, rather than
 * in blocks, keeps shards even: PDF and HTML jobs, short and long leaflets
 * alternate along the ordered list. Every job is in exactly one shard.
 */
export function selectShard<T>(jobs: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...jobs];
  return jobs.filter((_, i) => i % shard.count === shard.index - 1);
}
