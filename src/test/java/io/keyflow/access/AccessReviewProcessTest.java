package io.keyflow.access;

import static io.keyflow.access.AccessReviewProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.AccessReviewCompleted;
import io.keyflow.ledger.details.KeyAccessEnded;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Refusal;
import io.keyflow.support.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The AccessReview process on H2: its cycle timer, the officer's task listing every live grant,
 * revocation lines that end grants at once, a bad line that records nothing, the escalation of a
 * review left open, and grants unreviewed for two cycles reported as exceptions.
 */
class AccessReviewProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keyRepository;
  @Autowired RecipientRegistry registry;
  @Autowired KeyAccess keyAccess;
  @Autowired Grants grants;
  @Autowired AccessReviews reviews;
  @Autowired ManagementService management;
  @Autowired Ledger ledger;

  ManagedKey key;
  String kept;
  String revoked;

  @BeforeEach
  void twoSystemsWithGrants() {
    key =
        LifecycleFixtures.activeKey(
            keyRepository,
            LifecycleFixtures.fakeVault(vault),
            LifecycleFixtures.alias("ledger"),
            KeyPurpose.DATA_AT_REST,
            Instant.now());
    kept = register("billing");
    revoked = register("legacy");
    grant(kept);
    grant(revoked);
  }

  private String register(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    registry.register(
        new RecipientRegistry.Registration(
            name,
            Environment.PRODUCTION.name(),
            TestCertificates.selfSigned(name, TestCertificates.rsa("system", 3072))
                .certificatePem(),
            null,
            null,
            null),
        "bob");
    return name;
  }

  private void grant(String system) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(KeyAccessGrantProcess.VAR_SYSTEM, system);
    variables.put(KeyAccessGrantProcess.VAR_ALIAS, key.alias());
    variables.put(KeyAccessGrantProcess.VAR_OPERATIONS, "encrypt,decrypt");
    variables.put(KeyAccessGrantProcess.VAR_DURATION, "P365D");
    variables.put(KeyAccessGrantProcess.VAR_JUSTIFICATION, "Ledger records are encrypted");
    ProcessInstance instance = start(KeyAccessGrantProcess.PROCESS_KEY, "alice", variables);
    decide("bob", instance, true, null);
  }

  private ProcessInstance startReview() {
    actAs("bob");
    try {
      return runtime.startProcessInstanceByKey(PROCESS_KEY);
    } finally {
      identity.clearAuthentication();
    }
  }

  private void review(String officer, ProcessInstance review, String revocations) {
    Map<String, Object> completion = new HashMap<>();
    completion.put(VAR_REVOCATIONS, revocations);
    completion.put(VAR_COMMENT, "Quarterly review");
    completeAs(officer, task(review).getId(), completion);
  }

  @Test
  void theScheduleStartsAReviewEveryCycle() {
    Job due =
        management
            .createJobQuery()
            .processDefinitionKey(AccessReviewScheduleProcess.PROCESS_KEY)
            .timers()
            .activityId(AccessReviewScheduleProcess.START_DUE)
            .singleResult();
    assertThat(due).as("the review-cycle timer").isNotNull();
    long open = tasks.createTaskQuery().taskDefinitionKey(TASK_REVIEW).count();

    management.executeJob(due.getId());

    assertThat(tasks.createTaskQuery().taskDefinitionKey(TASK_REVIEW).count()).isEqualTo(open + 1);
  }

  @Test
  void anOfficerRevokesLinesAndKeepsTheRestAndTheRevokedGrantStopsAtOnce() {
    ProcessInstance review = startReview();
    assertThat(review).isWaitingAt(TASK_REVIEW);
    assertThat(task(review)).hasCandidateGroup("security-officer");
    String listing = (String) runtime.getVariable(review.getId(), VAR_GRANTS);
    assertThat(listing)
        .contains(kept + "/" + key.alias() + "  encrypt,decrypt  granted by bob")
        .contains(revoked + "/" + key.alias())
        .contains("last use never, 0 uses");
    keyAccess.require(revoked, key.alias(), AccessOperation.ENCRYPT);

    assertThatThrownBy(
            () -> review("alice", review, revoked + " / " + key.alias() + ": not an officer"))
        .isInstanceOf(AuthorizationException.class);
    review("carol", review, revoked + " / " + key.alias() + ": system retired in March");

    assertThat(review).isEnded().hasPassed(END_COMPLETED);
    assertThatThrownBy(() -> keyAccess.require(revoked, key.alias(), AccessOperation.ENCRYPT))
        .isInstanceOf(Refusal.class);
    keyAccess.require(kept, key.alias(), AccessOperation.ENCRYPT);
    LedgerEntry completed =
        ledger.entriesForProcessInstance(review.getId()).stream()
            .filter(e -> e.is(LedgerAction.ACCESS_REVIEW_COMPLETED))
            .findFirst()
            .orElseThrow();
    AccessReviewCompleted details = completed.details(AccessReviewCompleted.class);
    assertThat(completed.actor()).isEqualTo("carol");
    assertThat(details.kept()).contains(kept + "/" + key.alias());
    assertThat(details.revoked())
        .extracting(r -> r.item() + ": " + r.reason())
        .containsExactly(revoked + "/" + key.alias() + ": system retired in March");
    List<LedgerEntry> ended =
        ledger.entriesForKeyAlias(key.alias()).stream()
            .filter(e -> e.is(LedgerAction.KEY_ACCESS_REVOKED))
            .toList();
    assertThat(ended).hasSize(1);
    assertThat(ended.get(0).details(KeyAccessEnded.class).reviewId()).isEqualTo(details.reviewId());
    assertThat(grants.find(kept, null, GrantState.ACTIVE, 10).get(0).lastReviewedAt()).isNotNull();
  }

  @Test
  void aLineThatNamesNoLiveGrantRefusesTheCompletionAndRecordsNothing() {
    ProcessInstance review = startReview();

    assertThatThrownBy(() -> review("carol", review, "ghost / " + key.alias() + ": gone"))
        .hasMessageContaining("'ghost/" + key.alias() + "', which is not in this campaign");
    assertThatThrownBy(() -> review("carol", review, revoked + " / " + key.alias() + ":"))
        .hasMessageContaining("has no reason");

    assertThat(review).isWaitingAt(TASK_REVIEW);
    assertThat(
            ledger.entriesForProcessInstance(review.getId()).stream()
                .filter(e -> e.is(LedgerAction.ACCESS_REVIEW_COMPLETED)))
        .isEmpty();
    keyAccess.require(revoked, key.alias(), AccessOperation.ENCRYPT);
  }

  @Test
  void aReviewLeftOpenPastItsDeadlineIsEscalatedAndStaysOpen() {
    Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(startedAt));
    ProcessInstance review = startReview();
    Job overdue =
        management.createJobQuery().processInstanceId(review.getId()).timers().singleResult();
    assertThat(overdue.getDuedate()).isEqualTo(Date.from(startedAt.plus(Duration.ofDays(14))));

    ClockUtil.setCurrentTime(Date.from(startedAt.plus(Duration.ofDays(15))));
    execute(overdue);

    assertThat(review).hasPassed(TASK_ESCALATE, END_ESCALATED).isWaitingAt(TASK_REVIEW);
    assertThat(review).variables().containsEntry(VAR_ESCALATED, true);
    assertThat(task(review).getPriority()).isEqualTo(ESCALATED_PRIORITY);
    review("carol", review, "");
    assertThat(review).isEnded().hasPassed(END_COMPLETED);
  }

  @Test
  void aGrantNotReviewedWithinTwoCyclesIsAnException() {
    String item = kept + "/" + key.alias();
    assertThat(reviews.unreviewed()).extracting(AccessReviews::item).doesNotContain(item);

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(181))));
    assertThat(reviews.unreviewed()).extracting(AccessReviews::item).contains(item);
    ProcessInstance review = startReview();
    assertThat((String) runtime.getVariable(review.getId(), VAR_EXCEPTIONS)).contains(item);

    review("carol", review, "");
    assertThat(reviews.unreviewed()).extracting(AccessReviews::item).doesNotContain(item);
  }
}
