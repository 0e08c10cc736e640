package io.keyflow.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A lifecycle event to be appended to the ledger: who did what to which key version, in which
 * process instance, with free-form details.
 *
 * <p>Details hold facts only — ids, labels, KCVs, names — never key material: byte and char arrays
 * are refused. Values may be strings, numbers, booleans, nulls, lists and nested maps with string
 * keys; UUIDs, enums and {@code java.time} values are stored as their {@code toString()}. The
 * details are copied (sorted by key, unmodifiable) when the event is made.
 *
 * <pre>{@code
 * ledger.append(LedgerEvent.builder(LedgerAction.KEY_GENERATED, approver)
 *     .key(key.id(), key.alias())
 *     .version(version.id(), version.number())
 *     .processInstance(processInstanceId)
 *     .detail("kcv", version.kcv())
 *     .detail("requestedBy", requester)
 *     .build());
 * }</pre>
 *
 * @param actor the user id (or system principal, e.g. {@code system:rotation-sweep}) responsible
 * @param keyId the managed key's id, or null when the event concerns no key (e.g. recipients)
 * @param versionNumber the key version's number (1, 2, …), or null
 */
public record LedgerEvent(
    String actor,
    LedgerAction action,
    UUID keyId,
    String keyAlias,
    UUID versionId,
    Integer versionNumber,
    String processInstanceId,
    Map<String, Object> details) {

  public LedgerEvent {
    requireLength("actor", Objects.requireNonNull(actor, "actor"), 128);
    if (actor.isBlank()) {
      throw new IllegalArgumentException("A ledger event needs an actor");
    }
    Objects.requireNonNull(action, "action");
    requireLength("keyAlias", keyAlias, 128);
    requireLength("processInstanceId", processInstanceId, 64);
    details = CanonicalForm.normalizeDetails(details == null ? Map.of() : details);
  }

  /** Starts an event; everything but the action and actor is optional. */
  public static Builder builder(LedgerAction action, String actor) {
    return new Builder(action, actor);
  }

  private static void requireLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
  }

  /** Collects an event's optional parts. */
  public static final class Builder {
    private final LedgerAction action;
    private final String actor;
    private UUID keyId;
    private String keyAlias;
    private UUID versionId;
    private Integer versionNumber;
    private String processInstanceId;
    private final Map<String, Object> details = new LinkedHashMap<>();

    private Builder(LedgerAction action, String actor) {
      this.action = action;
      this.actor = actor;
    }

    public Builder key(UUID keyId, String keyAlias) {
      this.keyId = keyId;
      this.keyAlias = keyAlias;
      return this;
    }

    public Builder version(UUID versionId, Integer versionNumber) {
      this.versionId = versionId;
      this.versionNumber = versionNumber;
      return this;
    }

    public Builder processInstance(String processInstanceId) {
      this.processInstanceId = processInstanceId;
      return this;
    }

    public Builder detail(String name, Object value) {
      details.put(Objects.requireNonNull(name, "detail name"), value);
      return this;
    }

    public Builder details(Map<String, ?> more) {
      more.forEach(this::detail);
      return this;
    }

    public LedgerEvent build() {
      return new LedgerEvent(
          actor, action, keyId, keyAlias, versionId, versionNumber, processInstanceId, details);
    }
  }
}
