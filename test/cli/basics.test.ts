import { describe, expect, it } from 'vitest'
import { runTao } from '../helpers/cli.js'

describe('the tao command', () => {
  it('prints its version and help', async () => {
    const v = await runTao(['--version'])
    expect(v.code).toBe(0)
    expect(v.stdout).toMatch(/^taocli\/\d+\.\d+\.\d+/)
    const h = await runTao(['--help'])
    expect(h.stdout).toMatch(/wallet/)
    expect(h.stdout).toMatch(/localnet/)
  })

  it('an unknown command or flag is bad usage: exit 2, one line, no stack trace', async () => {
    const c = await runTao(['wallet', 'frobnicate'])
    expect(c.code).toBe(2)
    expect(c.stderr).not.toMatch(/\n\s+at /)
    const f = await runTao(['wallet', 'list', '--bogus', '--json'])
    expect(f.code).toBe(2)
    expect(f.json.error).toMatchObject({ code: 'USAGE', exitCode: 2 })
    expect(f.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('oclif’s own commands (help, autocomplete) err like every command, and refuse --json in one line, as watch does', async () => {
    for (const args of [['help'], ['autocomplete'], ['autocomplete', 'script', 'bash'], ['watch']]) {
      const r = await runTao([...args, '--json'])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.json.error).toMatchObject({ code: 'NO_JSON', exitCode: 2 })
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1)
    }
    const bad = await runTao(['autocomplete', '--nope'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim()).toBe('Error: Nonexistent flag: --nope')
  })

  it('config: flag > environment > config > default', async () => {
    const env = { TAO_CONFIG_DIR: (await runTao(['config', 'list', '--json'])).json.path.replace(/\/config\.json$/, '') }
    expect((await runTao(['config', 'get', 'network', '--json'], { env })).json).toMatchObject({ value: 'finney', source: 'default' })
    expect((await runTao(['config', 'set', 'network', 'local', '--json'], { env })).code).toBe(0)
    expect((await runTao(['config', 'get', 'network', '--json'], { env })).json).toMatchObject({ value: 'local', source: 'config' })
    expect((await runTao(['config', 'get', 'network', '--json'], { env: { ...env, TAO_NETWORK: 'test' } })).json).toMatchObject({
      value: 'test',
      source: 'env',
    })
    const list = await runTao(['config', 'list', '--json'], { env })
    expect(list.json.settings.find((s: any) => s.key === 'network')).toMatchObject({ value: 'local', source: 'config' })
    expect((await runTao(['config', 'unset', 'network', '--json'], { env })).json).toMatchObject({ removed: true })
    expect((await runTao(['config', 'get', 'network', '--json'], { env })).json.source).toBe('default')
    const bad = await runTao(['config', 'set', 'network', 'nowhere'], { env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/unknown network "nowhere"/)
    const wallet = await runTao(['config', 'set', 'wallet-name', '../etc'], { env })
    expect(wallet.code).toBe(2)
  })

  it('NO_COLOR and non-TTY output carry no escape codes', async () => {
    const r = await runTao(['wallet', 'frobnicate'], { env: { FORCE_COLOR: '' } })
    expect(r.stderr).not.toMatch(/\u001b\[/)
  })

  it('generates shell completion', async () => {
    const r = await runTao(['autocomplete', 'script', 'bash'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/tao/)
  })
})
