import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { addressRefusal, parseIp, requireServable } from './axon-address.js'
import { ipText } from './runtime/records.js'

describe('axon addresses', () => {
  it.each([
    ['203.0.113.7', 0xcb00_7107n, 4],
    ['0.0.0.0', 0n, 4],
    ['10.0.0.1', 0x0a00_0001n, 4],
    ['2001:db8::7', 0x2001_0db8_0000_0000_0000_0000_0000_0007n, 6],
    ['[2001:db8::7]', 0x2001_0db8_0000_0000_0000_0000_0000_0007n, 6],
    ['::', 0n, 6],
    ['::ffff:1.2.3.4', 0xffff_0102_0304n, 6],
    ['fe80:0:0:0:0:0:0:1', 0xfe80_0000_0000_0000_0000_0000_0000_0001n, 6],
    ['1::', 1n << 112n, 6],
  ])('%s is %s (IPv%s), and prints back as the runtime stores it', (text, ip, ipType) => {
    expect(parseIp(text)).toEqual({ ip, ipType })
    if (ipType === 4) expect(ipText(ip, 4)).toBe(text)
  })

  it.each([
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.256',
    '01.2.3.4',
    '1.2.3.-4',
    'host.example',
    '2001:db8:::1',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '12345::',
    ':1',
    'g::1',
    '',
  ])('%j is not an address (exit 2)', (text) => {
    let err: unknown
    try {
      parseIp(text)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(TaoError)
    expect((err as TaoError).exitCode).toBe(2)
  })

  it("refuses what the runtime's is_valid_ip_address refuses", () => {
    const refusal = (text: string, zero = false) => addressRefusal(parseIp(text), zero)
    expect(refusal('127.0.0.1')).toMatch(/localhost/)
    expect(refusal('127.0.0.2')).toBeUndefined()
    expect(refusal('255.255.255.255')).toMatch(/255/)
    expect(refusal('255.255.255.254')).toBeUndefined()
    expect(refusal('::1')).toMatch(/localhost/)
    expect(refusal('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toMatch(/all-ones/)
    expect(refusal('0.0.0.0')).toMatch(/zero/)
    expect(refusal('::')).toMatch(/zero/)
    expect(refusal('0.0.0.0', true)).toBeUndefined()
    expect(() => requireServable(parseIp('127.0.0.1'), '127.0.0.1', true)).toThrow(/InvalidIpAddress/)
  })
})
