package io.keyflow.destruction;

import static io.keyflow.destruction.KeyDestructionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.ProcessTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Dual control configured down to a single approval (keyflow.destruction.required-approvals=1). */
@TestPropertySource(properties = "keyflow.destruction.required-approvals=1")
class SingleApprovalDestructionProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired ManagementService management;

  @Test
  void oneOfficerApprovalIsEnoughWhenConfiguredAndTheRequesterStillCannotGiveIt() {
    var fakeVault = LifecycleFixtures.fakeVault(vault);
    Instant rotatedAt = Instant.now();
    ManagedKey key =
        LifecycleFixtures.rotatedKey(
            keys,
            fakeVault,
            LifecycleFixtures.alias("single"),
            KeyPurpose.DATA_IN_TRANSIT,
            rotatedAt,
            1);
    ClockUtil.setCurrentTime(Date.from(rotatedAt.plus(Duration.ofDays(31))));

    ProcessInstance instance =
        start(
            PROCESS_KEY,
            "alice",
            Map.of(VAR_ALIAS, key.alias(), VAR_VERSION, 1, VAR_REASON, "Retention over"));
    assertThat(instance).variables().containsEntry(VAR_REQUIRED_APPROVALS, 1);
    completeAs("bob", task(instance).getId(), Map.of("approved", true));

    assertThat(instance)
        .isWaitingAt(TASK_DESTROY)
        .hasPassed(GATEWAY_SECOND_APPROVAL_REQUIRED)
        .hasNotPassed(TASK_SECOND_APPROVAL);
    execute(management.createJobQuery().processInstanceId(instance.getId()).singleResult());
    assertThat(instance).isEnded().hasPassed(END_DESTROYED);
    assertThat(keys.findVersion(key.id(), 1).orElseThrow().state()).isEqualTo(KeyState.DESTROYED);
  }
}
