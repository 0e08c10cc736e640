package io.keyflow.evidence;

import java.time.Duration;

/**
 * How long an approval may wait before the officers are reminded: a pack lists a decision that came
 * later as an exception. Rotation's settings provide it ({@code
 * keyflow.rotation.approval-escalation}); the dependency points from rotation to evidence because
 * rotation already reaches evidence through the engine module, and evidence asking rotation would
 * close a cycle.
 */
public interface ApprovalEscalation {

  Duration approvalEscalation();
}
