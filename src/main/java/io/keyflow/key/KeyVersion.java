package io.keyflow.key;

import io.keyflow.hsm.Provenance;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of a managed key: where its material lives (vault backend, label, id), how to
 * recognise it (KCV), where it came from (provenance read back from the vault), who asked for it
 * and who approved it, and its lifecycle dates. Never the material itself.
 *
 * <p>State changes happen only through the transition methods here, each guarded by the rule it
 * enforces; a refused transition throws {@link Refusal} and leaves the version unchanged.
 */
public record KeyVersion(
    UUID id,
    UUID keyId,
    int number,
    KeyState state,
    String vaultBackend,
    String hsmLabel,
    UUID hsmKeyId,
    String kcv,
    Provenance provenance,
    Instant createdAt,
    Instant activatedAt,
    Instant protectStopAt,
    Instant deactivatedAt,
    Instant retainUntil,
    Instant destroyedAt,
    Instant compromisedAt,
    String requestedBy,
    String approvedBy,
    String processInstanceId) {

  /** A freshly generated version, ACTIVE from {@code now} until {@code now + encryptPeriod}. */
  public static KeyVersion activated(
      UUID id,
      UUID keyId,
      int number,
      String vaultBackend,
      String hsmLabel,
      String kcv,
      Provenance provenance,
      Instant now,
      Duration encryptPeriod,
      String requestedBy,
      String approvedBy,
      String processInstanceId) {
    return new KeyVersion(
        id,
        keyId,
        number,
        KeyState.ACTIVE,
        vaultBackend,
        hsmLabel,
        id,
        kcv,
        provenance,
        now,
        now,
        now.plus(encryptPeriod),
        null,
        null,
        null,
        null,
        requestedBy,
        approvedBy,
        processInstanceId);
  }

  /** ACTIVE → DEACTIVATED: decrypt/unwrap only from now on, kept until {@code now + retention}. */
  public KeyVersion deactivate(Instant now, Duration retention) {
    guard(KeyState.DEACTIVATED, "deactivate");
    return with(KeyState.DEACTIVATED, now, now.plus(retention), destroyedAt, compromisedAt);
  }

  /**
   * DEACTIVATED or PRE_ACTIVE → DESTROYED once retention has expired; COMPROMISED →
   * DESTROYED_COMPROMISED at any time. Never from ACTIVE: such a version must be rotated first.
   */
  public KeyVersion destroy(Instant now) {
    if (state == KeyState.ACTIVE) {
      throw new Refusal(
          Refusal.Kind.STATE_TRANSITION_FORBIDDEN,
          "Version "
              + number
              + " is ACTIVE and cannot be destroyed: an ACTIVE version is never"
              + " destroyed directly (NIST SP 800-57); rotate the key so that it is deactivated first");
    }
    if (state == KeyState.DEACTIVATED && retainUntil != null && now.isBefore(retainUntil)) {
      throw new Refusal(
          Refusal.Kind.STATE_TRANSITION_FORBIDDEN,
          "Version "
              + number
              + " is retained until "
              + retainUntil
              + " to decrypt existing data; it cannot be destroyed before its retention expires");
    }
    KeyState target =
        state == KeyState.COMPROMISED ? KeyState.DESTROYED_COMPROMISED : KeyState.DESTROYED;
    guard(target, "destroy");
    return with(target, deactivatedAt, retainUntil, now, compromisedAt);
  }

  /** Any live state → COMPROMISED: no more encryption, decryption only with an officer override. */
  public KeyVersion markCompromised(Instant now) {
    KeyState target = state.isLive() ? KeyState.COMPROMISED : KeyState.DESTROYED_COMPROMISED;
    guard(target, "mark as compromised");
    return with(target, deactivatedAt, retainUntil, destroyedAt, now);
  }

  /**
   * COMPROMISED → the state the version had before a compromise report, when an officer other than
   * the reporter dismissed the report. The only way out of COMPROMISED that is not destruction, so
   * it is a transition of its own rather than an edge of {@link KeyState#successors()}: it undoes a
   * containment that turned out to be unfounded, and only to a live state the version really had
   * (the report's ledger entry says which).
   *
   * @throws Refusal STATE_TRANSITION_FORBIDDEN when the version is not COMPROMISED or {@code
   *     previous} is not a state a report could have found it in
   */
  public KeyVersion restoreAfterDismissedReport(KeyState previous) {
    if (state != KeyState.COMPROMISED) {
      throw new Refusal(
          Refusal.Kind.STATE_TRANSITION_FORBIDDEN,
          "Cannot restore version "
              + number
              + " after a dismissed compromise report: it is "
              + state
              + ", not COMPROMISED, so there is nothing to restore");
    }
    if (previous == null || !previous.isLive() || previous == KeyState.COMPROMISED) {
      throw new Refusal(
          Refusal.Kind.STATE_TRANSITION_FORBIDDEN,
          "Cannot restore version "
              + number
              + " to "
              + previous
              + " after a dismissed compromise report: only"
              + " PRE_ACTIVE, ACTIVE or DEACTIVATED can be given back; the version stays COMPROMISED");
    }
    return with(previous, deactivatedAt, retainUntil, destroyedAt, null);
  }

  /**
   * Whether this version's encrypt period has ended (or ends within {@code lead}) at {@code now}.
   */
  public boolean protectStopWithin(Instant now, Duration lead) {
    return state == KeyState.ACTIVE
        && protectStopAt != null
        && !now.plus(lead).isBefore(protectStopAt);
  }

  /**
   * Refuses an operation this version's state does not allow, in words naming the version, the key
   * and when the version left service. ACTIVE allows everything; DEACTIVATED only decrypt and
   * unwrap; PRE_ACTIVE, COMPROMISED (until an officer override exists) and destroyed versions
   * nothing.
   *
   * @throws Refusal of kind {@link Refusal.Kind#VERSION_NOT_USABLE}
   */
  public void requireUsableFor(KeyOperation operation, String alias) {
    boolean allowed = operation.appliesProtection() ? state.mayProtect() : state.mayProcess();
    if (allowed) {
      return;
    }
    String subject = "Version " + number + " of key '" + alias + "'";
    String cannot = " and can no longer " + operation.verb();
    String reason =
        switch (state) {
          case PRE_ACTIVE -> subject + " is not active yet and cannot " + operation.verb();
          case DEACTIVATED ->
              subject
                  + " was deactivated on "
                  + day(deactivatedAt)
                  + " when the key was rotated; it may still"
                  + " decrypt until "
                  + day(retainUntil)
                  + " but can no longer "
                  + operation.verb()
                  + ": use the primary version";
          case COMPROMISED ->
              subject
                  + " was reported compromised on "
                  + day(compromisedAt)
                  + cannot
                  + (operation.appliesProtection()
                      ? ": use the key's replacement version once the emergency rotation has made one"
                      : "");
          case DESTROYED -> subject + " was destroyed on " + day(destroyedAt) + cannot;
          case DESTROYED_COMPROMISED ->
              subject + " was compromised and destroyed on " + day(destroyedAt) + cannot;
          case ACTIVE -> subject + " cannot " + operation.verb();
        };
    throw new Refusal(Refusal.Kind.VERSION_NOT_USABLE, reason);
  }

  /** Whole days since this version was activated (or created, if it never was), at {@code now}. */
  public long ageInDays(Instant now) {
    Instant since = activatedAt != null ? activatedAt : createdAt;
    return Math.max(0, Duration.between(since, now).toDays());
  }

  private static String day(Instant instant) {
    return instant == null
        ? "an unrecorded date"
        : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private void guard(KeyState target, String action) {
    if (!state.successors().contains(target)) {
      throw new Refusal(
          Refusal.Kind.STATE_TRANSITION_FORBIDDEN,
          "Cannot "
              + action
              + " version "
              + number
              + ": it is "
              + state
              + ", and a version never moves"
              + " from "
              + state
              + " to "
              + target
              + " (allowed next states: "
              + state.successors()
              + ")");
    }
  }

  private KeyVersion with(
      KeyState newState,
      Instant deactivated,
      Instant retain,
      Instant destroyed,
      Instant compromised) {
    return new KeyVersion(
        id,
        keyId,
        number,
        newState,
        vaultBackend,
        hsmLabel,
        hsmKeyId,
        kcv,
        provenance,
        createdAt,
        activatedAt,
        protectStopAt,
        deactivated,
        retain,
        destroyed,
        compromised,
        requestedBy,
        approvedBy,
        processInstanceId);
  }
}
