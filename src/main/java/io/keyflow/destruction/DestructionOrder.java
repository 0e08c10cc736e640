package io.keyflow.destruction;

import java.util.UUID;

/** What an accepted destruction request recorded in the ledger, and so what its steps act on. */
public record DestructionOrder(
    UUID keyId, String alias, UUID versionId, String reason, String requestedBy) {}
