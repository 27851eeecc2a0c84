import { describe, expect, it } from 'vitest'
import { hyperparameterList } from './hyperparameters.js'
import { axonFrom, ipText, stakesFrom, text } from './records.js'

describe('records', () => {
  it('reads byte strings in every form the runtimes use', () => {
    expect(text([0xce, 0xb2])).toBe('β')
    expect(text(new Uint8Array([0x61, 0x70]))).toBe('ap')
    expect(text('0xceb2')).toBe('β')
    expect(text([])).toBeNull()
    expect(text(undefined)).toBeNull()
  })

  it('writes IPs as text and treats a never-served axon as none', () => {
    expect(ipText(0x01020304n, 4)).toBe('1.2.3.4')
    expect(ipText(1n, 6)).toBe('0:0:0:0:0:0:0:1')
    expect(axonFrom(undefined)).toBeNull()
    expect(axonFrom({ block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0, protocol: 0 })).toBeNull()
    expect(axonFrom({ block: 5n, version: 2, ip: 0x7f000001n, port: 80, ip_type: 4, protocol: 4 })).toEqual({
      ip: '127.0.0.1',
      port: 80,
      version: 2,
      protocol: 4,
      block: 5,
    })
  })

  it('drops zero stakes (the 218 runtime lists every hotkey on every subnet)', () => {
    const info = (netuid: number, stake: bigint) => ({
      hotkey: 'h',
      coldkey: 'c',
      netuid,
      stake,
      locked: 0n,
      emission: 0n,
      drain: 0n,
      is_registered: false,
    })
    expect(stakesFrom([['c', [info(0, 0n), info(1, 5n)]]])).toEqual([{ coldkey: 'c', hotkey: 'h', netuid: 1, alpha: 5n }])
  })

  it('describes hyperparameters by name; an unknown name is shown as a plain value', () => {
    const list = hyperparameterList({ tempo: 360, adjustment_alpha: 18446744073709551615n, new_thing: 4n, new_flag: true })
    expect(list.map((v) => [v.name, v.unit, v.normalized])).toEqual([
      ['tempo', 'blocks', null],
      ['adjustment_alpha', 'fraction', 1],
      ['new_thing', 'number', null],
      ['new_flag', 'flag', null],
    ])
  })
})
