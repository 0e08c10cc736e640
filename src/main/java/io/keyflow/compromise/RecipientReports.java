package io.keyflow.compromise;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.distribution.RecipientHoldings;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.RequestInputs;
import io.keyflow.ledger.details.KeyCompromiseRefused;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reported recipient (its certificate or wrapping key leaked): which key versions it holds that
 * still exist and are not COMPROMISED yet, by key alias. Each key then gets a report of its own,
 * contained in the same transaction. A refusal (unknown recipient, nothing held) is written as
 * {@code KEY_COMPROMISE_REFUSED}.
 */
@Service
public class RecipientReports {

  private final RecipientRegistry recipients;
  private final RecipientHoldings holdings;
  private final Keys keys;
  private final PhaseSteps steps;

  RecipientReports(
      RecipientRegistry recipients, RecipientHoldings holdings, Keys keys, PhaseSteps steps) {
    this.recipients = recipients;
    this.holdings = holdings;
    this.keys = keys;
    this.steps = steps;
  }

  /**
   * The versions to report, "1,2" per alias, in alias order. Accepting it records nothing (each
   * key's report records itself, checked on its own, the reporter's authentication included); only
   * a refusal is recorded here.
   */
  @Transactional(noRollbackFor = Refusal.class)
  public Map<String, String> versionsHeldBy(
      Object recipientValue, Object reason, Requester reporter) {
    String recipient = recipientValue instanceof String text ? text.strip() : "";
    try {
      RequestInputs.reason(reason);
      if (recipients.find(recipient).isEmpty()) {
        throw new Refusal(Kind.NOT_FOUND, "No recipient named '" + recipient + "'");
      }
      Map<String, List<String>> byAlias = new LinkedHashMap<>();
      for (RecipientHoldings.HeldVersion held : holdings.heldBy(recipient)) {
        ManagedKey key = keys.findByAlias(held.alias()).orElseThrow();
        KeyVersion version = keys.findVersion(key.id(), held.versionNumber()).orElseThrow();
        if (version.state().isLive() && version.state() != KeyState.COMPROMISED) {
          byAlias
              .computeIfAbsent(held.alias(), a -> new ArrayList<>())
              .add(String.valueOf(held.versionNumber()));
        }
      }
      if (byAlias.isEmpty()) {
        throw new Refusal(
            Kind.CONFLICT,
            "Recipient '"
                + recipient
                + "' holds no key version that still exists and is not COMPROMISED already:"
                + " there is nothing to contain");
      }
      Map<String, String> versions = new LinkedHashMap<>();
      byAlias.forEach((alias, numbers) -> versions.put(alias, String.join(",", numbers)));
      return versions;
    } catch (Refusal refusal) {
      steps.refused(
          ApprovalPhase.COMPROMISE,
          reporter,
          null,
          null,
          new KeyCompromiseRefused(refusal.getMessage(), recipient));
      throw refusal;
    }
  }
}
