package io.keyflow.ledger;

import java.util.Map;
import java.util.UUID;

public record LedgerEvent(String actor, LedgerAction action, UUID keyId, String keyAlias, UUID versionId,
    Integer versionNumber, String processInstanceId, Map<String, Object> details) {}
