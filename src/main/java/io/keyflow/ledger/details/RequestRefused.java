package io.keyflow.ledger.details;

/**
 * A request refused by its checks before any officer saw it ({@code *_REFUSED}): nothing changed
 * but this entry. Each phase records the reason and what else it knew about the request.
 */
public sealed interface RequestRefused extends LedgerDetails
    permits KeyGenerationRefused,
        KeyRotationRefused,
        KeyDestructionRefused,
        KeyDistributionRefused,
        KeyCompromiseRefused,
        KeyDecryptExceptionRefused,
        KeyAccessRefused,
        KeyUseRefused {

  /** Why the request was refused, in words. */
  String reason();
}
