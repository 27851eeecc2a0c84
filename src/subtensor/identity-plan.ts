import type { PlanContext, TxIntent } from '../tx/intent.js'
import { failed } from '../core/errors.js'
import {
  buildIdentity,
  CHAIN_IDENTITY_FLAGS,
  identityJson,
  readChainIdentity,
  readSubnetIdentity,
  SUBNET_IDENTITY_FLAGS,
  type IdentityText,
} from './identity.js'
import { requireSubnet } from './stake/pool-reader.js'
import { requireCall, setIdentityCall, setSubnetIdentityCall } from './write-calls.js'

/**
 * What `tao wallet set-identity` and `tao subnets set-identity` sign. The fields are the call's own arguments
 * in this runtime; a field not given keeps its current on-chain value.
 */

function identityIntent(
  ctx: PlanContext,
  fields: string[],
  given: IdentityText,
  current: IdentityText | null,
  map: Record<string, string>,
) {
  const identity = buildIdentity(fields, given, current, map, ctx.chain.metadata.where)
  const d = new TextDecoder()
  const text = Object.fromEntries(Object.entries(identity).map(([k, v]) => [k, d.decode(v)]))
  return {
    identity,
    preview: fields.map((f) => `${f}: ${JSON.stringify(text[f])}${f in given ? '' : ' (kept)'}`),
    // As `wallet get-identity` shows it: every field any runtime knows, null where this one lacks it.
    json: identityJson(text, fields, map),
  }
}

export async function planChainIdentity(ctx: PlanContext, given: IdentityText): Promise<TxIntent> {
  const { chain, signer } = ctx
  requireCall(chain, 'set_identity', 'setting an identity')
  const fields = chain.callArgs('SubtensorModule', 'set_identity')!.map((a) => a.name)
  const { value: current } = await readChainIdentity(chain, signer)
  const v = identityIntent(ctx, fields, given, current, CHAIN_IDENTITY_FLAGS)
  return {
    call: setIdentityCall(chain, v.identity),
    summary: `set the on-chain identity of coldkey ${signer}`,
    preview: v.preview,
    context: { coldkey: signer, identity: v.json },
  }
}

export async function planSubnetIdentity(ctx: PlanContext, netuid: number, given: IdentityText): Promise<TxIntent> {
  const { chain, signer } = ctx
  requireCall(chain, 'set_subnet_identity', 'setting a subnet identity')
  await requireSubnet(chain, netuid)
  // Only the owner coldkey may (the chain would refuse anyone else, NotSubnetOwner, and keep the fee).
  const owner = (await chain.storage('SubtensorModule', 'SubnetOwner', netuid)) as string | undefined
  if (owner !== signer)
    throw failed(
      `subnet ${netuid} is owned by coldkey ${owner ?? 'unknown'}, not ${signer}: only its owner sets its identity (the chain would refuse it: NotSubnetOwner); nothing was signed`,
      'NOT_SUBNET_OWNER',
    )
  const fields = chain
    .callArgs('SubtensorModule', 'set_subnet_identity')!
    .map((a) => a.name)
    .filter((n) => n !== 'netuid')
  const { value: current } = await readSubnetIdentity(chain, netuid)
  const v = identityIntent(ctx, fields, given, current, SUBNET_IDENTITY_FLAGS)
  return {
    call: setSubnetIdentityCall(chain, netuid, v.identity),
    summary: `set the identity of subnet ${netuid} (signed by its owner coldkey)`,
    preview: v.preview,
    context: { coldkey: signer, netuid, identity: v.json },
  }
}
