import { afterEach, describe, expect, it } from 'vitest'
import {
  coverWait,
  deadlineLeftMs,
  deadlineSeconds,
  DEFAULT_DEADLINE_S,
  outsidePrompt,
  setDeadlineContext,
  setDeadlineOutcome,
  startDeadline,
  stopDeadline,
} from './command-deadline.js'
import { outcomeUnknown, type TaoError } from './errors.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("the command's deadline", () => {
  afterEach(() => {
    stopDeadline()
    setDeadlineOutcome(undefined)
    setDeadlineContext({})
  })

  it('comes from --deadline, else TAO_DEADLINE, else 600 s; 0 is none; anything else is bad input', () => {
    expect(deadlineSeconds([], {})).toEqual({ seconds: DEFAULT_DEADLINE_S, explicit: false })
    expect(deadlineSeconds([], { TAO_DEADLINE: '90' })).toEqual({ seconds: 90, explicit: true })
    expect(deadlineSeconds(['--deadline', '30'], { TAO_DEADLINE: '90' })).toEqual({ seconds: 30, explicit: true })
    expect(deadlineSeconds(['--deadline=0'], {})).toEqual({ seconds: 0, explicit: true })
    // After `--` it is an argument, not the flag.
    expect(deadlineSeconds(['--', '--deadline', '5'], {})).toEqual({ seconds: DEFAULT_DEADLINE_S, explicit: false })
    expect(() => deadlineSeconds([], { TAO_DEADLINE: 'soon' })).toThrow(expect.objectContaining({ exitCode: 2, code: 'BAD_ENV' }))
    expect(() => deadlineSeconds(['--deadline', '-1'], {})).toThrow('--deadline must be a whole number of seconds')
  })

  it('expires once with the plain error (exit 3, DEADLINE) when nothing was sent', async () => {
    const seen: TaoError[] = []
    startDeadline(0.05, true, (err) => seen.push(err))
    await sleep(120)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ exitCode: 3, code: 'DEADLINE' })
    expect(seen[0]!.message).toMatch(/^gave up after 0.05 s \(the command's deadline: --deadline or TAO_DEADLINE\)$/)
  })

  it('expires with the outcome set for the moment, carrying the context', async () => {
    const seen: TaoError[] = []
    setDeadlineContext({ call: 'Balances.transfer_keep_alive' })
    setDeadlineOutcome((gaveUp) => Object.assign(outcomeUnknown(`${gaveUp}: sent`), { data: { status: 'unknown' } }))
    startDeadline(0.05, true, (err) => seen.push(err))
    await sleep(120)
    expect(seen[0]).toMatchObject({ exitCode: 5, code: 'TX_UNKNOWN', data: { call: 'Balances.transfer_keep_alive', status: 'unknown' } })
  })

  it('does not count time at a prompt', async () => {
    const seen: TaoError[] = []
    startDeadline(0.1, true, (err) => seen.push(err))
    await outsidePrompt(() => sleep(200))
    expect(seen).toHaveLength(0)
    expect(deadlineLeftMs()).toBeGreaterThan(50)
    await sleep(150)
    expect(seen).toHaveLength(1)
  })

  it('a wait the user asked for moves a default deadline on, not one the user set', () => {
    startDeadline(10, false, () => undefined)
    coverWait(3_600_000)
    expect(deadlineLeftMs()).toBeGreaterThan(3_600_000)
    startDeadline(10, true, () => undefined)
    coverWait(3_600_000)
    expect(deadlineLeftMs()).toBeLessThanOrEqual(10_000)
  })

  it('none at all: stopped, or 0', () => {
    startDeadline(0, true, () => undefined)
    expect(deadlineLeftMs()).toBe(Infinity)
    startDeadline(10, true, () => undefined)
    stopDeadline()
    expect(deadlineLeftMs()).toBe(Infinity)
  })
})
