import { describe, expect, it } from 'vitest'
import { backgroundEnv } from './detach.js'

describe('backgroundEnv', () => {
  it("keeps where things are and drops the command's secrets", () => {
    const env = backgroundEnv({
      PATH: '/bin',
      HOME: '/h',
      TAO_STATE_DIR: '/s',
      TAO_LOCALNET_SPEC: '/spec.json',
      XDG_STATE_HOME: '/x',
      LC_ALL: 'C',
      https_proxy: 'http://p',
      TAO_PASSWORD: 'a',
      TAO_NEW_PASSWORD: 'b',
      TAO_JSON_PASSWORD: 'c',
      BT_PW__HOME_W: 'd',
      AWS_SECRET_ACCESS_KEY: 'e',
    })
    expect(Object.keys(env).sort()).toEqual([
      'HOME',
      'LC_ALL',
      'PATH',
      'TAO_LOCALNET_SPEC',
      'TAO_STATE_DIR',
      'XDG_STATE_HOME',
      'https_proxy',
    ])
  })
})
