package io.keyflow.ledger;

import io.keyflow.ledger.details.LedgerDetails;
import java.util.Objects;
import java.util.UUID;

/**
 * A lifecycle event to be appended to the ledger: who did what to which key version, in which
 * process instance, with the details its action records.
 *
 * <p>The details are the record {@link LedgerAction#detailsType()} names for the action; another
 * type is refused, so every entry of an action has the same shape. They hold facts only — ids,
 * labels, KCVs, names — never key material: byte and char arrays are refused. They are checked and
 * copied when the event is made, and written at append as canonical JSON (see {@link
 * CanonicalForm}).
 *
 * <pre>{@code
 * ledger.append(LedgerEvent.builder(LedgerAction.KEY_DESTROYED, requester)
 *     .key(key.id(), key.alias())
 *     .version(version.id(), version.number())
 *     .processInstance(processInstanceId)
 *     .details(new KeyDestroyed(destroyedAt, ...))
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
    LedgerDetails details) {

  public LedgerEvent {
    requireLength("actor", Objects.requireNonNull(actor, "actor"), 128);
    if (actor.isBlank()) {
      throw new IllegalArgumentException("A ledger event needs an actor");
    }
    Objects.requireNonNull(action, "action");
    requireLength("keyAlias", keyAlias, 128);
    requireLength("processInstanceId", processInstanceId, 64);
    if (details == null) {
      throw new IllegalArgumentException(
          "A " + action + " event needs its details: " + action.detailsType().getSimpleName());
    }
    if (!action.detailsType().isInstance(details)) {
      throw new IllegalArgumentException(
          action
              + " records "
              + action.detailsType().getSimpleName()
              + " details, not "
              + details.getClass().getSimpleName());
    }
    details = DetailsCodec.copy(details);
  }

  /** Starts an event; everything but the action, the actor and the details is optional. */
  public static Builder builder(LedgerAction action, String actor) {
    return new Builder(action, actor);
  }

  /** The details as the canonical JSON that {@link Ledger#append} stores and hashes. */
  String detailsJson() {
    return CanonicalForm.detailsJson(DetailsCodec.toMap(details));
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
    private LedgerDetails details;

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

    /** The action's details record; {@link #build()} refuses one of another type. */
    public Builder details(LedgerDetails details) {
      this.details = details;
      return this;
    }

    public LedgerEvent build() {
      return new LedgerEvent(
          actor, action, keyId, keyAlias, versionId, versionNumber, processInstanceId, details);
    }
  }
}
