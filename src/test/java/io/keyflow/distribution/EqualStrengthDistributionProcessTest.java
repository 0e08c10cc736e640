package io.keyflow.distribution;

import static io.keyflow.distribution.KeyDistributionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.recipient.RecipientRegistry;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code keyflow.distribution.require-equal-strength=true} the wrapping key's security
 * strength must match the key's: RSA-3072 (128 bits) cannot carry AES-256, a KEK can.
 */
@TestPropertySource(properties = "keyflow.distribution.require-equal-strength=true")
class EqualStrengthDistributionProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired RecipientRegistry registry;
  @Autowired TransactionTemplate transactions;

  @Test
  void anRsa3072RecipientIsRefusedForAnAes256KeyButAKekRecipientIsNot() {
    var fixtures = new DistributionFixtures(keys, registry, transactions);
    String alias = DistributionFixtures.unique("strict");
    fixtures.exportableKey(alias);
    var rsa = fixtures.recipient(DistributionFixtures.unique("rsa"), Environment.PRODUCTION);

    ProcessInstance refused =
        start(PROCESS_KEY, "alice", Map.of(VAR_ALIAS, alias, VAR_RECIPIENT, rsa.name()));
    assertThat(refused).isEnded().hasPassed(END_REQUEST_REFUSED);
    String reason =
        (String)
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(refused.getId())
                .variableName(VAR_REFUSAL_REASON)
                .singleResult()
                .getValue();
    assertThat(reason)
        .contains("RSA-3072 (OAEP) (128-bit security), weaker than the 256 bits of AES-256");

    String kekAlias = DistributionFixtures.unique("kek");
    fixtures.key(kekAlias, KeyPurpose.KEY_WRAPPING, false, Environment.PRODUCTION);
    var hsm = fixtures.kekRecipient(DistributionFixtures.unique("hsm"), kekAlias);
    ProcessInstance accepted =
        start(PROCESS_KEY, "alice", Map.of(VAR_ALIAS, alias, VAR_RECIPIENT, hsm.name()));
    assertThat(accepted).isWaitingAt(TASK_APPROVE);
  }
}
