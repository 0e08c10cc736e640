package io.keyflow.ledger.details;

/**
 * The details of a ledger entry: the record type its {@link io.keyflow.ledger.LedgerAction} names
 * with {@link io.keyflow.ledger.LedgerAction#detailsType()}. Written by Jackson into the entry's
 * canonical details JSON and read back by the same type (unknown keys ignored, missing ones null).
 */
public sealed interface LedgerDetails
    permits AccessReviewCompleted,
        ApprovalBypassDetected,
        ChainIntegrityFailed,
        CustodianAcknowledged,
        CampaignRequest,
        EvidencePackGenerated,
        KeyCompromiseContainmentLifted,
        KeyCompromiseHolderNotified,
        KeyCompromiseOwnerAcknowledged,
        KeyCompromiseReported,
        KeyCompromiseWebhookDelivered,
        KeyAccessEnded,
        KeyAccessGranted,
        KeyAccessRequested,
        KeyCompromised,
        KeyDecryptExceptionExpired,
        KeyDecryptExceptionOpened,
        KeyDecryptExceptionRequested,
        KeyDecryptExceptionUsed,
        KeyDestroyed,
        KeyDestructionRequested,
        KeyDistributed,
        KeyDistributionExpired,
        KeyDistributionRequested,
        KeyDistributionWithdrawn,
        KeyGenerated,
        KeyGenerationRequested,
        KeyGroupChange,
        KeyRotated,
        KeyRotationRequested,
        KeyStorageAttested,
        KeyStorageDriftDetected,
        KeyWrapped,
        OfficerDecision,
        RecipientChange,
        SystemCertificateChange,
        RequestRefused,
        RoleMembershipChanged {}
