import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TaoError } from '../../core/errors.js'
import { decodeMetadata, type RuntimeMetadata } from '../../node/metadata.js'
import type { Hyperparameter } from '../models.js'
import { hyperparameterList } from '../runtime/hyperparameters.js'
import { parseHyperparameterValue } from '../../cli/parse-hyperparameter.js'
import { setterArgs, setterOf, setterOrigin, settableNames } from './hyperparameter-setters.js'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures')
const views: Record<number, RuntimeMetadata> = {}
const view = (spec: 218 | 381) =>
  (views[spec] ??= decodeMetadata(readFileSync(path.join(fixtures, spec === 218 ? 'spec218/metadata.scale' : 'metadata-spec381.scale'))))
const runtime = (spec: 218 | 381) => ({ call: (p: string, c: string) => view(spec).call(p, c), specVersion: view(spec).specVersion })

/** The hyperparameters each runtime's API reports (SubnetHyperparams at 218; V2 at 381), as `subnets hyperparameters` names them. */
const NAMES_218 = [
  'rho',
  'kappa',
  'immunity_period',
  'min_allowed_weights',
  'max_weights_limit',
  'tempo',
  'min_difficulty',
  'max_difficulty',
  'weights_version',
  'weights_rate_limit',
  'adjustment_interval',
  'activity_cutoff',
  'registration_allowed',
  'target_regs_per_interval',
  'min_burn',
  'max_burn',
  'bonds_moving_avg',
  'max_regs_per_block',
  'serving_rate_limit',
  'max_validators',
  'adjustment_alpha',
  'difficulty',
  'commit_reveal_weights_interval',
  'commit_reveal_weights_enabled',
  'alpha_high',
  'alpha_low',
  'liquid_alpha_enabled',
]
const NAMES_381 = [
  ...NAMES_218.map((n) => (n === 'commit_reveal_weights_interval' ? 'commit_reveal_period' : n)),
  'alpha_sigmoid_steepness',
  'yuma_version',
  'subnet_is_active',
  'transfers_enabled',
  'bonds_reset_enabled',
  'user_liquidity_enabled',
]

const hp = (struct: Record<string, unknown>): Hyperparameter[] => hyperparameterList(struct)
const badInput = (f: () => unknown): TaoError => {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(TaoError)
    expect((e as TaoError).exitCode).toBe(2)
    return e as TaoError
  }
  throw new Error('no error')
}

describe('hyperparameter setters from the metadata', () => {
  it('spec 218: every hyperparameter has its AdminUtils setter; the owner may set those admin-utils let it, root the rest', () => {
    const s = settableNames(runtime(218), NAMES_218)
    expect(s.none).toEqual([])
    expect(s.root.sort()).toEqual(['adjustment_interval', 'max_regs_per_block', 'max_validators', 'target_regs_per_interval', 'tempo'])
    expect(s.owner).toContain('immunity_period')
    expect(s.owner).toContain('kappa')
    const irregular = Object.fromEntries(
      ['max_weights_limit', 'weights_version', 'bonds_moving_avg', 'registration_allowed', 'alpha_low'].map((n) => [
        n,
        setterOf(runtime(218), n)!.call,
      ]),
    )
    expect(irregular).toEqual({
      max_weights_limit: 'sudo_set_max_weight_limit',
      weights_version: 'sudo_set_weights_version_key',
      bonds_moving_avg: 'sudo_set_bonds_moving_average',
      registration_allowed: 'sudo_set_network_registration_allowed',
      alpha_low: 'sudo_set_alpha_values',
    })
  })

  it('spec 381: renamed and new parameters map to their setters; what became root-only there is root-only; setters it lacks are not settable', () => {
    const s = settableNames(runtime(381), NAMES_381)
    // max_weights_limit lost its setter after 218; user liquidity is the Swap pallet's, not AdminUtils'.
    expect(s.none.sort()).toEqual(['max_weights_limit', 'user_liquidity_enabled'])
    expect(s.root).toEqual(
      expect.arrayContaining(['kappa', 'tempo', 'min_difficulty', 'weights_rate_limit', 'registration_allowed', 'subnet_is_active']),
    )
    expect(s.owner).toEqual(
      expect.arrayContaining([
        'commit_reveal_period',
        'alpha_sigmoid_steepness',
        'yuma_version',
        'transfers_enabled',
        'bonds_reset_enabled',
        'min_burn',
      ]),
    )
    expect(setterOf(runtime(381), 'commit_reveal_period')!.call).toBe('sudo_set_commit_reveal_weights_interval')
    expect(setterOrigin('sudo_set_kappa', 218)).toBe('owner')
    expect(setterOrigin('sudo_set_kappa', 300)).toBe('owner')
    expect(setterOrigin('sudo_set_kappa', 381)).toBe('root')
    expect(setterOrigin('sudo_set_something_new', 381)).toBe('unknown')
  })

  it('values as `subnets hyperparameters` shows them become the integers the setter takes', () => {
    const current = hp({
      kappa: 32767,
      bonds_moving_avg: 900000n,
      adjustment_alpha: 0n,
      min_burn: 1_000_000_000n,
      registration_allowed: true,
      immunity_period: 4096,
    })
    const s = (name: string) => setterOf(runtime(218), name)!
    const parse = (name: string, text: string) =>
      parseHyperparameterValue(
        current.find((h) => h.name === name)!,
        text,
        s(name).arg,
      )
    expect(parse('kappa', '0.25')).toBe(16384) // 16383.75 to the nearest
    expect(parse('kappa', '1')).toBe(65535)
    expect(parse('kappa', '.5')).toBe(32768) // 32767.5, half up
    expect(parse('bonds_moving_avg', '0.9')).toBe(900_000n)
    expect(parse('adjustment_alpha', '0.5')).toBe(1n << 63n) // (2^64 − 1) / 2, half up
    expect(parse('min_burn', '0.5')).toBe(500_000_000n)
    expect(parse('registration_allowed', 'no')).toBe(false)
    expect(parse('registration_allowed', 'ON')).toBe(true)
    expect(parse('immunity_period', '5000')).toBe(5000)
    expect(badInput(() => parse('kappa', '1.01')).message).toMatch(/between 0 and 1|a fraction between 0 and 1/)
    expect(badInput(() => parse('kappa', '-0.1')).message).toMatch(/cannot be negative/)
    expect(badInput(() => parse('immunity_period', '-1')).message).toMatch(/whole number|negative/)
    expect(badInput(() => parse('immunity_period', '1e3')).message).toMatch(/whole number of blocks/)
    expect(badInput(() => parse('registration_allowed', 'maybe')).message).toMatch(/yes or no/)
  })

  it('alpha_values keeps the partner value; yuma_version is sent as the flag its setter takes; the calls encode', () => {
    const current218 = hp({ alpha_low: 45875, alpha_high: 58982 })
    const low = setterOf(runtime(218), 'alpha_low')!
    const args = setterArgs(low, 3, parseHyperparameterValue(current218[0]!, '0.5', low.arg), current218)
    expect(args).toEqual({ netuid: 3, alpha_low: 32768, alpha_high: 58982 })
    expect(() => view(218).encodeCall('AdminUtils', low.call, args)).not.toThrow()

    const current381 = hp({ yuma_version: 2 })
    const yuma = setterOf(runtime(381), 'yuma_version')!
    expect(yuma.call).toBe('sudo_set_yuma3_enabled')
    expect(setterArgs(yuma, 3, parseHyperparameterValue(current381[0]!, '3', yuma.arg), current381)).toEqual({ netuid: 3, enabled: true })
    expect(badInput(() => parseHyperparameterValue(current381[0]!, '4', yuma.arg)).message).toMatch(/2 or 3/)
    const steep = setterOf(runtime(381), 'alpha_sigmoid_steepness')!
    expect(parseHyperparameterValue(hp({ alpha_sigmoid_steepness: 1000n << 32n })[0]!, '-20', steep.arg)).toBe(-20) // i16: signed
  })
})
