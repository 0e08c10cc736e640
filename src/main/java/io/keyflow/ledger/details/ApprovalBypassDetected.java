package io.keyflow.ledger.details;

import java.util.List;

/**
 * {@code APPROVAL_BYPASS_DETECTED}: an HSM step found its request without the approvals it needs
 * (the instance was moved past its approval task) and did nothing.
 *
 * @param step the HSM step in words, e.g. "wrap the key"
 * @param request the name of the request's action, whose approvals were checked (e.g. {@code
 *     KEY_ROTATION_REQUESTED})
 * @param campaign for a campaign's per-key step: the campaign, else null
 * @param approvers the officers other than the requester who approved
 * @param requestedBy the requester, when the request entry was found
 * @param excludedBy for a campaign item: the officer whose approval excluded it, or null
 */
public record ApprovalBypassDetected(
    String step,
    String request,
    String campaign,
    Integer requiredApprovals,
    List<String> approvers,
    String requestedBy,
    String excludedBy)
    implements LedgerDetails {}
