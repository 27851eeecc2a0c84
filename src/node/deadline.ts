import { badInput } from '../core/errors.js'

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/** The connect deadline: TAO_CONNECT_TIMEOUT (milliseconds) or 10 s. */
export function connectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TAO_CONNECT_TIMEOUT?.trim()
  if (raw === undefined || raw === '') return DEFAULT_CONNECT_TIMEOUT_MS
  const ms = Number(raw)
  if (!Number.isInteger(ms) || ms <= 0)
    throw badInput(`TAO_CONNECT_TIMEOUT must be a positive number of milliseconds, not "${raw}"`, 'BAD_ENV')
  return ms
}

/** What `promise` gives, or a rejection with `onTimeout()` once `ms` have passed. */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
