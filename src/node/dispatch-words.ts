/**
 * Our own short words for the runtime-wide DispatchError kinds, used only when the metadata carries no doc
 * text for them (Substrate ships sp_runtime's error enums without docs). Pallet errors always use the
 * runtime's own docs.
 */
export const DISPATCH_WORDS: Record<string, string> = {
  Other: 'An unspecified error.',
  CannotLookup: 'An account or index could not be looked up.',
  BadOrigin: 'This account may not make this call.',
  ConsumerRemaining: 'The account cannot be removed while other parts of the chain still depend on it.',
  NoProviders: 'The account has nothing keeping it alive, so it cannot exist.',
  TooManyConsumers: 'Too many parts of the chain depend on this account.',
  Exhausted: 'The block has no room or resources left for this call.',
  Corruption: 'The chain state is inconsistent.',
  Unavailable: 'A resource this call needs is not available right now.',
  RootNotAllowed: 'Root may not make this call.',
  Trie: 'A storage proof or trie lookup failed.',
  'Token.FundsUnavailable': 'The account does not have enough free funds.',
  'Token.OnlyProvider': 'The account would be removed while it is still needed.',
  'Token.BelowMinimum': 'The resulting balance would be below the existential deposit.',
  'Token.CannotCreate': 'The account cannot be created.',
  'Token.UnknownAsset': 'The asset is unknown.',
  'Token.Frozen': 'The funds are frozen.',
  'Token.Unsupported': 'This operation is not supported for the asset.',
  'Token.CannotCreateHold': 'The account cannot hold funds.',
  'Token.NotExpendable': 'The withdrawal would remove an account that must be kept.',
  'Token.Blocked': 'The account is blocked.',
  'Arithmetic.Underflow': 'An amount would go below zero.',
  'Arithmetic.Overflow': 'An amount would exceed its maximum.',
  'Arithmetic.DivisionByZero': 'Division by zero.',
  'Transactional.LimitReached': 'Too many nested transactional layers.',
  'Transactional.NoLayer': 'No transactional layer is open.',
}
