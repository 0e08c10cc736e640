package io.keyflow.approval;

import java.util.List;

/**
 * One officer's decision on one approval task.
 *
 * @param approvers everyone who has approved this request so far, this officer included when {@code
 *     approved}
 */
public record Decision(String officer, boolean approved, String comment, List<String> approvers) {}
