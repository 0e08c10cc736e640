package io.keyflow.access;

import java.util.UUID;

/**
 * Published (in the transaction that ends it) when a grant ends before its time — revoked, or its
 * system or key gone — so its process stops waiting for the expiry.
 */
public record GrantEnded(UUID grantId, String processInstanceId, GrantState state) {}
