package io.keyflow.evidence;

import io.keyflow.compliance.Control;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The population: every key version that existed at some time in the period (created before its
 * end, not destroyed before its start), with its NIST SP 800-57 state at the end of the period and
 * the dates of every transition; and the versions used past their crypto-period.
 */
final class Population {

  private final Keys keys;

  Population(Keys keys) {
    this.keys = keys;
  }

  /** Writes the inventory rows; returns how many versions (and keys) are in the population. */
  long[] write(
      EvidencePeriod period,
      String alias,
      Instant now,
      LedgerExtraction ledger,
      TableFiles tables,
      ExceptionLog exceptions) {
    Map<UUID, ManagedKey> byId = new HashMap<>();
    for (ManagedKey key :
        alias == null ? keys.findAll() : keys.findByAlias(alias).stream().toList()) {
      byId.put(key.id(), key);
    }
    long[] counts = new long[2];
    UUID[] lastKey = new UUID[1];
    keys.forEachVersion(
        version -> {
          ManagedKey key = byId.get(version.keyId());
          if (key == null || !existedIn(version, period)) {
            return;
          }
          counts[0]++;
          if (!version.keyId().equals(lastKey[0])) {
            counts[1]++;
            lastKey[0] = version.keyId();
          }
          String sequences = ledger.sequencesOf(version.id().toString());
          tables.add(
              EvidenceTable.INVENTORY,
              List.of(
                  key.alias(),
                  key.id().toString(),
                  Integer.toString(version.number()),
                  version.id().toString(),
                  key.purpose().name(),
                  Algorithms.name(key.algorithm()),
                  Integer.toString(key.algorithm().bits()),
                  key.owner(),
                  key.environment().name(),
                  version.vaultBackend(),
                  version.hsmLabel(),
                  version.kcv(),
                  stateAt(version, period.end()),
                  version.state().name(),
                  date(version.createdAt()),
                  date(version.activatedAt()),
                  date(version.protectStopAt()),
                  date(version.deactivatedAt()),
                  date(version.retainUntil()),
                  date(version.destroyedAt()),
                  date(version.compromisedAt()),
                  version.requestedBy(),
                  version.approvedBy(),
                  sequences));
          pastCryptoPeriod(key, version, period, now, sequences, exceptions);
        });
    return counts;
  }

  static boolean existedIn(KeyVersion version, EvidencePeriod period) {
    return version.createdAt().isBefore(period.end())
        && (version.destroyedAt() == null || !version.destroyedAt().isBefore(period.start()));
  }

  /** The version's state at {@code at}, from its transition dates. */
  static String stateAt(KeyVersion v, Instant at) {
    if (before(v.destroyedAt(), at)) {
      return before(v.compromisedAt(), at) ? "DESTROYED_COMPROMISED" : "DESTROYED";
    }
    if (before(v.compromisedAt(), at)) {
      return "COMPROMISED";
    }
    if (before(v.deactivatedAt(), at)) {
      return "DEACTIVATED";
    }
    return before(v.activatedAt(), at) ? "ACTIVE" : "PRE_ACTIVE";
  }

  /** A version still encrypting after its protect-stop, for some time inside the period. */
  private static void pastCryptoPeriod(
      ManagedKey key,
      KeyVersion v,
      EvidencePeriod period,
      Instant now,
      String sequences,
      ExceptionLog exceptions) {
    if (v.protectStopAt() == null || v.activatedAt() == null) {
      return;
    }
    Instant stoppedEncrypting = first(v.deactivatedAt(), v.compromisedAt(), v.destroyedAt(), now);
    Instant overrunEnd =
        stoppedEncrypting.isBefore(period.end()) ? stoppedEncrypting : period.end();
    Instant overrunStart =
        v.protectStopAt().isAfter(period.start()) ? v.protectStopAt() : period.start();
    if (!overrunStart.isBefore(overrunEnd)) {
      return;
    }
    boolean still = stoppedEncrypting.equals(now);
    exceptions.add(
        ExceptionKind.PAST_CRYPTO_PERIOD,
        v.protectStopAt().toString(),
        key.alias(),
        Integer.toString(v.number()),
        "Version "
            + v.number()
            + " was ACTIVE past its protect-stop of "
            + v.protectStopAt()
            + (still ? " and is still active" : " until " + stoppedEncrypting)
            + " (crypto-period "
            + key.encryptPeriod().toDays()
            + " days)",
        sequences,
        Control.POPULATION,
        Control.ROTATION);
  }

  private static Instant first(Instant... candidates) {
    Instant first = null;
    for (Instant candidate : candidates) {
      if (candidate != null && (first == null || candidate.isBefore(first))) {
        first = candidate;
      }
    }
    return first;
  }

  private static boolean before(Instant when, Instant at) {
    return when != null && when.isBefore(at);
  }

  private static String date(Instant instant) {
    return instant == null ? "" : instant.toString();
  }
}
