package io.keyflow.compromise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyCompromiseWebhookDelivered;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.recipient.WebhookUrls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Tells a holder's webhook that a key it holds was confirmed compromised: a small JSON (event,
 * alias, compromised and replacement version numbers, report id, time; never key material), one
 * {@code KEY_COMPROMISE_WEBHOOK_DELIVERED} entry per recipient. A non-2xx answer or no answer
 * throws, so the job retries and finally raises an incident. Idempotent: a recipient with a
 * recorded delivery for the report is not posted to again.
 */
@Service
public class CompromiseWebhooks {

  static final String EVENT = LedgerAction.KEY_COMPROMISE_CONFIRMED.name();

  /** The body holds strings and numbers only, so no configured mapper is needed. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecipientRegistry registry;
  private final Ledger ledger;
  private final RequestEntries requests;
  private final WebhookClient client;
  private final Clock clock;

  CompromiseWebhooks(
      RecipientRegistry registry,
      Ledger ledger,
      RequestEntries requests,
      WebhookClient client,
      Clock clock) {
    this.registry = registry;
    this.ledger = ledger;
    this.requests = requests;
    this.client = client;
    this.clock = clock;
  }

  /** The holders that registered a webhook and are not revoked, in the order given. */
  public List<String> withWebhook(List<String> holders) {
    List<String> result = new ArrayList<>();
    for (String holder : holders) {
      registry
          .find(holder)
          .filter(r -> !r.isRevoked() && r.webhookUrl() != null)
          .ifPresent(r -> result.add(holder));
    }
    return result;
  }

  /** Posts the confirmation to {@code recipientName}'s webhook unless a delivery is recorded. */
  public void deliver(String processInstanceId, String recipientName) {
    LedgerEntry report = requests.find(processInstanceId, LedgerAction.KEY_COMPROMISE_REPORTED);
    KeyCompromiseReported details = report.details(KeyCompromiseReported.class);
    if (!details.recipientsHolding().contains(recipientName)) {
      throw new IllegalStateException(
          "Recipient '"
              + recipientName
              + "' is not a holder recorded by the report; no webhook is posted");
    }
    boolean delivered =
        ledger.entriesForProcessInstance(processInstanceId).stream()
            .filter(e -> e.is(LedgerAction.KEY_COMPROMISE_WEBHOOK_DELIVERED))
            .anyMatch(
                e ->
                    recipientName.equals(
                        e.details(KeyCompromiseWebhookDelivered.class).recipient()));
    Recipient recipient = registry.get(recipientName);
    if (delivered || recipient.webhookUrl() == null) {
      return;
    }
    String host = WebhookUrls.host(recipient.webhookUrl());
    int status =
        client.post(recipient.webhookUrl(), body(report, details, processInstanceId), host);
    if (status < 200 || status > 299) {
      throw new IllegalStateException(
          "The webhook of recipient '"
              + recipientName
              + "' at "
              + host
              + " answered HTTP "
              + status
              + "; the delivery is retried");
    }
    ledger.append(
        LedgerEvent.builder(LedgerAction.KEY_COMPROMISE_WEBHOOK_DELIVERED, CompromiseService.ACTOR)
            .key(UUID.fromString(report.keyId()), report.keyAlias())
            .processInstance(processInstanceId)
            .details(new KeyCompromiseWebhookDelivered(recipientName, host, status))
            .build());
  }

  private String body(LedgerEntry report, KeyCompromiseReported details, String processInstanceId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", EVENT);
    body.put("alias", report.keyAlias());
    body.put("compromisedVersions", details.versions());
    body.put("replacementVersion", details.replacementVersion());
    body.put("reportId", processInstanceId);
    body.put("time", clock.instant().toString());
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The webhook body could not be written", e);
    }
  }
}
