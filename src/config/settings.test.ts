import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Conf from 'conf'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { allowInsecure, configPath, configStore, parseSwitch, resolveSetting } from './settings.js'

// resolveSetting reads the file conf writes without loading conf (conf costs every start): it must agree with conf.
const dir = mkdtempSync(path.join(tmpdir(), 'tao-settings-'))
const saved = process.env.TAO_CONFIG_DIR
beforeEach(() => {
  process.env.TAO_CONFIG_DIR = dir
  delete process.env.TAO_NETWORK
  delete process.env.TAO_INSECURE
  rmSync(path.join(dir, 'config.json'), { force: true })
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  if (saved === undefined) delete process.env.TAO_CONFIG_DIR
  else process.env.TAO_CONFIG_DIR = saved
})

describe('settings read without conf', () => {
  it('reads what conf wrote, at the path conf uses', async () => {
    const store = await configStore()
    expect(store.path).toBe(configPath())
    store.set('network', 'local')
    expect(resolveSetting('network')).toEqual({ value: 'local', source: 'config' })
    store.delete('network')
    expect(resolveSetting('network')).toEqual({ value: 'finney', source: 'default' })
  })

  it('no file is no settings; a value that is not text is ignored', () => {
    expect(resolveSetting('hotkey')).toEqual({ value: 'default', source: 'default' })
    writeFileSync(configPath(), '{"network":5}')
    expect(resolveSetting('network').source).toBe('default')
  })

  it('a file that is not JSON fails with the message conf gives', () => {
    writeFileSync(configPath(), '{bad')
    let confMessage = ''
    try {
      new Conf({ projectName: 'taocli', projectSuffix: '', cwd: dir }).get('network')
    } catch (e) {
      confMessage = (e as Error).message
    }
    expect(confMessage).toMatch(/not valid JSON/)
    expect(() => resolveSetting('network')).toThrow(confMessage)
  })
})

describe('insecure: plain ws:// to another machine', () => {
  it('is off by default; --insecure, TAO_INSECURE or the config turn it on', async () => {
    expect(allowInsecure(undefined)).toBe(false)
    expect(allowInsecure(false)).toBe(false)
    expect(allowInsecure(true)).toBe(true)
    process.env.TAO_INSECURE = 'yes'
    expect(allowInsecure(undefined)).toBe(true)
    process.env.TAO_INSECURE = '0'
    expect(allowInsecure(undefined)).toBe(false)
    expect(allowInsecure(true)).toBe(true)
    delete process.env.TAO_INSECURE
    writeFileSync(configPath(), '{"insecure":"true"}')
    expect(allowInsecure(undefined)).toBe(true)
  })

  it('takes true/false, yes/no, 1/0; anything else is bad input', () => {
    expect(['true', 'YES', ' 1 '].map((v) => parseSwitch('insecure', v))).toEqual([true, true, true])
    expect(['false', 'no', '0'].map((v) => parseSwitch('insecure', v))).toEqual([false, false, false])
    process.env.TAO_INSECURE = 'maybe'
    expect(() => allowInsecure(undefined)).toThrow(
      expect.objectContaining({ exitCode: 2, code: 'BAD_SETTING', message: 'insecure is true or false, not "maybe"' }),
    )
  })
})
