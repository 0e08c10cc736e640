package io.keyflow.key;

import java.util.UUID;

/**
 * Published (as a Spring application event, in the transaction of the change) when a key's last
 * live version is destroyed: no material of the key is left, so everything that let a system use it
 * ends. Listeners run in the same transaction.
 */
public record AllVersionsDestroyed(UUID keyId, String alias) {}
