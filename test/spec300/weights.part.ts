/**
 * Weights on spec 300: a commit-reveal subnet gets a drand-timelocked `commit_crv3_weights` (the chain keeps
 * it in CRV3WeightCommits; revealing it needs the Drand pallet's pulse, which never comes on a local chain),
 * and several subnets go in one `batch_set_weights` / `batch_commit_weights`, read per leg from the events.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { blake2b } from '@noble/hashes/blake2.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSubnet, fund, registerHotkey, setSubnetItems, ss58Of, TAO } from '../helpers/subnet-setup.js'
import { runTao } from '../helpers/cli.js'
import type { Spec300Part } from './context.js'

const PASSWORD = 'weights spec300 password 1!'
const OWNER = '//Weights300Owner'
// Long enough that no epoch runs during the test (an epoch would recompute the validator permits set below).
const TEMPO = 1000

export const weightsPart: Spec300Part = (ctx) => {
  describe('weights', { timeout: 600_000 }, () => {
    let dir: string
    let state: string
    let validator: string
    let uid: number
    // Commit-reveal on: crA (single CRV3 commit), crB + crC (batch commit); off: setA + setB (batch set).
    const nets = { crA: 0, crB: 0, crC: 0, setA: 0, setB: 0 }

    // A transaction can be dropped at a BABE epoch edge on this runtime: sent again (same nonce, so at most
    // one lands) after a new block. A short deadline: a dropped transaction is otherwise followed until its
    // mortality ends, minutes of an idle chain.
    const tao = async (args: string[]) => {
      for (let attempt = 0; ; attempt++) {
        const r = await ctx().tao([...args, '-w', 'val', '-H', 'v', '--wallet-path', join(dir, 'wallets'), '--deadline', '45'], {
          env: { TAO_PASSWORD: PASSWORD, TAO_STATE_DIR: state },
          timeoutMs: 240_000,
        })
        if (r.code !== 5 || attempt >= 2) return r
        await ctx().net.newBlock()
      }
    }
    const retried = async <T>(step: () => Promise<T>): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await step()
        } catch (err) {
          if (attempt >= 2 || !/: unknown |: invalid /i.test(String(err))) throw err
          await ctx().net.newBlock()
        }
      }
    }
    const register = async (netuid: number, hotkey: string): Promise<number> => {
      const known = (await ctx().node.storage('SubtensorModule', 'Uids', netuid, hotkey)) as number | undefined
      return known !== undefined ? Number(known) : retried(() => registerHotkey(ctx().node, netuid, { coldkey: OWNER, hotkey }))
    }
    const weightsOf = async (netuid: number) =>
      ((await ctx().node.storage('SubtensorModule', 'Weights', netuid, uid)) as Array<[number, number]>).map(([u, v]) => [
        Number(u),
        Number(v),
      ])

    beforeAll(async () => {
      const { net, node } = ctx()
      dir = mkdtempSync(join(tmpdir(), 'tao-weights300-'))
      state = join(dir, 'state')
      const created = await runTao(['wallet', 'create', '-w', 'val', '-H', 'v', '--wallet-path', join(dir, 'wallets'), '-y', '--json'], {
        env: { TAO_PASSWORD: PASSWORD },
      })
      expect(created.code, created.stderr).toBe(0)
      validator = created.json.hotkey.ss58
      await fund(net, ss58Of(OWNER), 1_000_000n * TAO)
      await fund(net, validator, 10n * TAO)
      for (const key of Object.keys(nets) as Array<keyof typeof nets>) {
        const netuid = await retried(() => createSubnet(node, { owner: OWNER, hotkey: ss58Of(`${OWNER}//hot`) }))
        nets[key] = netuid
        uid = await register(netuid, validator)
        await register(netuid, ss58Of('//Weights300Miner'))
        const cr = key.startsWith('cr')
        await setSubnetItems(net, netuid, {
          ValidatorPermit: [true, true, true],
          CommitRevealWeightsEnabled: cr,
          Tempo: TEMPO,
          RevealPeriodEpochs: 1,
          // 1, not 0: a zero written through the dev storage RPC reads back as the default (100).
          WeightsSetRateLimit: 1,
        })
      }
      // Every subnet gave the validator the same uid (owner hotkey 0, validator 1, miner 2).
      expect(uid).toBe(1)
    }, 600_000)
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('`weights set` on a commit-reveal subnet commits with commit_crv3_weights; the chain keeps it in CRV3WeightCommits', async () => {
      const { node } = ctx()
      const r = await tao(['weights', 'set', '--netuid', String(nets.crA), '--uids', '0,2', '--weights', '1,3', '-y', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json).toMatchObject({
        status: 'landed',
        ok: true,
        call: 'SubtensorModule.commit_crv3_weights',
        mode: 'timelock',
        netuid: nets.crA,
        hotkey: validator,
        uid,
        uids: [0, 2],
        values: [21845, 65535],
      })
      expect(r.json.events.map((e: { pallet: string; name: string }) => `${e.pallet}.${e.name}`)).toContain(
        'SubtensorModule.CRV3WeightsCommitted',
      )
      const round = BigInt(r.json.revealRound)
      expect(round).toBeGreaterThan(1n)
      // The commit the chain stored: under (netuid, epoch of its block), this hotkey, the round, and bytes whose
      // blake2-256 is the hash the event gave.
      const entries = (await node.entries('SubtensorModule', 'CRV3WeightCommits', nets.crA)) as Array<{
        keys: unknown[]
        value: Array<[string, Uint8Array | { asBytes(): Uint8Array }, bigint]>
      }>
      const stored = entries.flatMap((e) => e.value).filter(([who]) => who === validator)
      expect(stored).toHaveLength(1)
      const [, commit, storedRound] = stored[0]!
      const bytes = commit instanceof Uint8Array ? commit : commit.asBytes()
      expect(BigInt(storedRound)).toBe(round)
      expect('0x' + Buffer.from(blake2b(bytes, { dkLen: 32 })).toString('hex')).toBe(r.json.commitHash)
      // The weights are not on chain in the clear.
      expect(await weightsOf(nets.crA)).toEqual([])
    })

    it('`weights set --netuids` sends ONE batch_set_weights; the chain stores each subnet’s weights', async () => {
      const r = await tao([
        'weights',
        'set',
        '--netuids',
        `${nets.setA},${nets.setB}`,
        '--uids',
        '0,2;2',
        '--weights',
        '1,1;1',
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json).toMatchObject({
        status: 'landed',
        ok: true,
        call: 'SubtensorModule.batch_set_weights',
        mode: 'set',
        netuids: [nets.setA, nets.setB],
        legs: [
          { netuid: nets.setA, uid, uids: [0, 2], values: [65535, 65535], ok: true, error: null },
          { netuid: nets.setB, uid, uids: [2], values: [65535], ok: true, error: null },
        ],
      })
      expect(await weightsOf(nets.setA)).toEqual([
        [0, 65535],
        [2, 65535],
      ])
      expect(await weightsOf(nets.setB)).toEqual([[2, 65535]])
    })

    it('a leg the chain refuses fails alone: exit 1 naming it, the other leg applied', async () => {
      await setSubnetItems(ctx().net, nets.setB, { ValidatorPermit: [true, false, true] })
      try {
        const r = await tao(['weights', 'set', '--netuids', `${nets.setA},${nets.setB}`, '--uids', '0', '--weights', '1', '-y', '--json'])
        expect(r.code, r.stderr).toBe(1)
        expect(r.json).toMatchObject({
          status: 'landed',
          ok: true,
          error: { code: 'BATCH_LEG_FAILED', exitCode: 1 },
          legs: [
            { netuid: nets.setA, ok: true, error: null },
            { netuid: nets.setB, ok: false, error: 'SubtensorModule.NeuronNoValidatorPermit' },
          ],
        })
        expect(await weightsOf(nets.setA)).toEqual([[0, 65535]])
        expect(await weightsOf(nets.setB)).toEqual([[2, 65535]])
      } finally {
        await setSubnetItems(ctx().net, nets.setB, { ValidatorPermit: [true, true, true] })
      }
    })

    it('`weights commit --netuids` sends ONE batch_commit_weights; each hash is in WeightCommits and its salt kept', async () => {
      const r = await tao([
        'weights',
        'commit',
        '--netuids',
        `${nets.crB},${nets.crC}`,
        '--uids',
        '0,2',
        '--weights',
        '1,2',
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json).toMatchObject({ call: 'SubtensorModule.batch_commit_weights', mode: 'commit', netuids: [nets.crB, nets.crC] })
      for (const leg of r.json.legs) {
        expect(leg).toMatchObject({ ok: true, error: null, uids: [0, 2], values: [32768, 65535] })
        const onChain = (await ctx().node.storage('SubtensorModule', 'WeightCommits', leg.netuid, validator)) as Array<
          [unknown, ...unknown[]]
        >
        const hashes = onChain.map(([h]) => (typeof h === 'string' ? h : (h as { asHex(): string }).asHex()).toLowerCase())
        expect(hashes).toContain(leg.commitHash)
        const kept = JSON.parse(readFileSync(leg.pendingFile, 'utf8'))
        expect(kept.commits.map((c: { hash: string; block: number }) => [c.hash, c.block])).toEqual([[leg.commitHash, r.json.block]])
      }
    })

    it('a batch that mixes commit-reveal on and off is refused before signing (exit 2)', async () => {
      const r = await tao(['weights', 'set', '--netuids', `${nets.setA},${nets.crA}`, '--uids', '0', '--weights', '1', '-y', '--json'])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toMatch(/commit-reveal is on on subnet .* and off on subnet/)
    })
  })
}
