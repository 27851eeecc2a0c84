/**
 * The whole command's deadline: `--deadline SECONDS` or TAO_DEADLINE (default 600 s; 0 = none). Waits that end
 * on their own (following a transaction, a reveal window) read what is left (`deadlineLeftMs`) and stop in time
 * to report properly; if anything still runs when the time is up, `expire` (installed by the base command) says
 * why in one line and ends the process. Time spent answering a prompt does not count (`outsidePrompt`).
 * What running out means at a given moment (a transaction already sent may still land) is set with
 * `setDeadlineOutcome`.
 */
import { badInput, TaoError, ExitCode } from './errors.js'

export const DEFAULT_DEADLINE_S = 600
const MAX_TIMER_MS = 2 ** 31 - 1

interface Clock {
  /** When the command gives up (ms since the epoch), moved on by the time spent at prompts. */
  at: number
  seconds: number
  /** Given by the user (flag or environment): an explicitly requested wait does not move it. */
  explicit: boolean
  expire: (err: TaoError) => void
  timer?: NodeJS.Timeout
  pausedAt?: number
  pauses: number
}

let clock: Clock | undefined
let outcome: ((gaveUp: string) => TaoError) | undefined
let context: Record<string, unknown> = {}

/** Seconds from `--deadline N` / `--deadline=N` in argv, else TAO_DEADLINE, else the default; 0 = none. */
export function deadlineSeconds(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; explicit: boolean } {
  let raw: string | undefined
  let from = '--deadline'
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') break
    if (a === '--deadline') raw = argv[i + 1] ?? ''
    else if (a.startsWith('--deadline=')) raw = a.slice('--deadline='.length)
  }
  if (raw === undefined && env.TAO_DEADLINE !== undefined && env.TAO_DEADLINE.trim() !== '') {
    raw = env.TAO_DEADLINE
    from = 'TAO_DEADLINE'
  }
  if (raw === undefined) return { seconds: DEFAULT_DEADLINE_S, explicit: false }
  const text = raw.trim()
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw badInput(`${from} must be a whole number of seconds (0 for none), not "${raw}"`, from === '--deadline' ? 'USAGE' : 'BAD_ENV')
  return { seconds: Number(text), explicit: true }
}

/** Start the clock; `expire` is called once if the time runs out. 0 seconds: no deadline. */
export function startDeadline(seconds: number, explicit: boolean, expire: (err: TaoError) => void): void {
  stopDeadline()
  if (seconds <= 0) return
  clock = { at: Date.now() + seconds * 1000, seconds, explicit, expire, pauses: 0 }
  arm(clock)
}

/** No deadline from here on: the command runs until stopped (a --watch loop, a local node, the live UI). */
export function stopDeadline(): void {
  if (clock?.timer) clearTimeout(clock.timer)
  clock = undefined
}

/** Milliseconds left before the command gives up (Infinity without a deadline). */
export function deadlineLeftMs(): number {
  if (!clock) return Infinity
  const now = clock.pausedAt ?? Date.now()
  return Math.max(0, clock.at - now)
}

/**
 * A wait the user asked for (`weights reveal --wait --timeout S`) moves a default deadline on so that it still
 * covers `ms` from now plus the default time for the rest; a deadline the user set stays as it is.
 */
export function coverWait(ms: number): void {
  if (!clock || clock.explicit) return
  const wanted = Date.now() + ms + DEFAULT_DEADLINE_S * 1000
  if (wanted <= clock.at) return
  clock.seconds += Math.ceil((wanted - clock.at) / 1000)
  clock.at = wanted
  arm(clock)
}

/** Time spent waiting for a person (a prompt) does not count against the deadline. */
export async function outsidePrompt<T>(work: () => Promise<T>): Promise<T> {
  const c = clock
  if (!c) return work()
  if (c.pauses++ === 0) {
    c.pausedAt = Date.now()
    if (c.timer) clearTimeout(c.timer)
  }
  try {
    return await work()
  } finally {
    if (--c.pauses === 0 && clock === c) {
      c.at += Date.now() - c.pausedAt!
      c.pausedAt = undefined
      arm(c)
    }
  }
}

/**
 * What giving up now means: `make(gaveUp)` builds the error ("gave up after 600 s (…)" is passed in), e.g. a
 * transaction sent whose outcome is unknown. `undefined`: back to the plain deadline error.
 */
export function setDeadlineOutcome(make: ((gaveUp: string) => TaoError) | undefined): void {
  outcome = make
}

/** Fields the deadline's error document carries besides the outcome's own (a signing command's plan). */
export function setDeadlineContext(data: Record<string, unknown>): void {
  context = data
}

/** The error the command ends with when its time is up. */
export function deadlineError(seconds: number): TaoError {
  const gaveUp = `gave up after ${seconds} s (the command's deadline: --deadline or TAO_DEADLINE)`
  const err = outcome ? outcome(gaveUp) : new TaoError(ExitCode.Unreachable, 'DEADLINE', gaveUp)
  err.data = { ...context, ...err.data }
  return err
}

function arm(c: Clock): void {
  if (c.timer) clearTimeout(c.timer)
  if (c.pausedAt !== undefined) return
  c.timer = setTimeout(
    () => {
      if (clock !== c) return
      // A timer waits at most about 24 days: a longer deadline is armed again.
      if (Date.now() < c.at) return arm(c)
      clock = undefined
      c.expire(deadlineError(c.seconds))
    },
    Math.min(MAX_TIMER_MS, Math.max(0, c.at - Date.now())),
  )
  // The deadline never keeps a finished command alive.
  c.timer.unref()
}
