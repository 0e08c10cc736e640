package io.keyflow.compliance;

import java.time.Instant;
import java.util.List;

/**
 * One key in the inventory page.
 *
 * @param primaryState the primary version's state (null when the key has none)
 * @param daysLeft whole days until the primary's protect-stop, negative when past it
 * @param overdue whether the primary is ACTIVE and past its protect-stop (rotation overdue)
 * @param holders recipients that picked up a version over mutual TLS, as {@code NAME (vN)}
 */
public record InventoryRow(
    String alias,
    String purpose,
    String algorithm,
    String environment,
    Integer primaryVersion,
    String primaryState,
    Instant protectStop,
    Long daysLeft,
    boolean overdue,
    int versions,
    List<String> holders) {}
