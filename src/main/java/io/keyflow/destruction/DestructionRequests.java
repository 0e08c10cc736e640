package io.keyflow.destruction;

import static io.keyflow.destruction.KeyDestructionProcess.VAR_VERSION_ID;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.RequestInputs;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyDestructionRefused;
import io.keyflow.ledger.details.KeyDestructionRequested;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import io.keyflow.shared.Text;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checks a destruction request passes before any officer sees it (procedure 4.5.1): the version
 * exists, is neither ACTIVE nor primary nor already destroyed, its retention has expired, and no
 * other destruction of it runs. Also which versions are due for destruction.
 */
@Service
public class DestructionRequests {

  private final Keys keys;
  private final PhaseSteps steps;
  private final DestructionSettings settings;
  private final Clock clock;

  DestructionRequests(Keys keys, PhaseSteps steps, DestructionSettings settings, Clock clock) {
    this.keys = keys;
    this.steps = steps;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Checks a destruction request. For one version it writes {@code KEY_DESTRUCTION_REQUESTED}; for
   * the whole key ({@code version = "all"}) it lists the destroyable versions, each of which then
   * gets a destruction of its own. A refusal is written as {@code KEY_DESTRUCTION_REFUSED} and
   * rethrown. The key's row is locked first, so concurrent requests are checked one at a time.
   *
   * @param others asked, once the lock is held, whether another destruction of a version (a running
   *     instance of this key with that {@code versionId}) is in progress
   */
  @Transactional(noRollbackFor = Refusal.class)
  public DestructionRequest request(
      Object alias, Object version, Object reason, Requester requester, OtherInstances others) {
    String businessKey = alias instanceof String text ? text.strip() : null;
    Predicate<UUID> running =
        versionId -> others.running(businessKey, VAR_VERSION_ID, versionId.toString());
    if (wholeKey(version)) {
      try {
        return check(alias, version, reason, requester.authenticated(), running);
      } catch (Refusal refusal) {
        // Listing the versions records nothing of its own (each version's destruction records its
        // request), so only its refusal is written, as PhaseSteps writes every other one.
        steps.refused(
            ApprovalPhase.DESTRUCTION,
            requester,
            null,
            RequestInputs.aliasForLedger(alias),
            refused(refusal, version));
        throw refusal;
      }
    }
    return steps.request(
        ApprovalPhase.DESTRUCTION,
        requester,
        RequestInputs.aliasForLedger(alias),
        requestedBy -> check(alias, version, reason, requestedBy, running),
        request -> requested((DestructionRequest.OneVersion) request, requester),
        refusal -> refused(refusal, version));
  }

  /**
   * The checks of a single-version destruction request, for one version of a campaign: the same
   * rules, nothing written (the campaign writes one entry for all its versions).
   *
   * @throws Refusal saying why this version cannot be part of the campaign
   */
  @Transactional(noRollbackFor = Refusal.class)
  public DestructionRequest.OneVersion checkForCampaign(
      String alias, int version, String reason, String requestedBy, OtherInstances others) {
    Predicate<UUID> destructionRunning =
        versionId -> others.runningWith(VAR_VERSION_ID, versionId.toString());
    return (DestructionRequest.OneVersion)
        check(
            alias,
            version,
            reason,
            new Requester(requestedBy, null).authenticated(),
            destructionRunning);
  }

  private LedgerEvent requested(DestructionRequest.OneVersion one, Requester requester) {
    KeyVersion v = one.version();
    return steps
        .requested(ApprovalPhase.DESTRUCTION, requester)
        .key(one.key().id(), one.key().alias())
        .version(v.id(), v.number())
        .details(
            new KeyDestructionRequested(
                one.reason(),
                v.state().name(),
                v.deactivatedAt(),
                v.retainUntil(),
                v.kcv(),
                v.hsmLabel(),
                one.requiredApprovals()))
        .build();
  }

  private static KeyDestructionRefused refused(Refusal refusal, Object version) {
    return new KeyDestructionRefused(
        refusal.getMessage(),
        version == null ? null : Text.abbreviate(version.toString(), 40),
        null);
  }

  private DestructionRequest check(
      Object aliasValue,
      Object versionValue,
      Object reasonValue,
      String requestedBy,
      Predicate<UUID> running) {
    String alias = RequestInputs.alias(aliasValue);
    Integer number = versionNumber(versionValue);
    String reason = RequestInputs.reason(reasonValue);
    ManagedKey found =
        keys.findByAlias(alias)
            .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No key with alias '" + alias + "'"));
    ManagedKey key = keys.lock(found.id()).orElseThrow();
    Instant now = clock.instant();
    if (number == null) {
      List<Integer> destroyable = new ArrayList<>();
      List<String> refusals = new ArrayList<>();
      for (KeyVersion v : keys.versions(key.id())) {
        Refusal why = ineligibility(key, v, now, running);
        if (why == null) {
          destroyable.add(v.number());
        } else {
          refusals.add(why.getMessage());
        }
      }
      if (destroyable.isEmpty()) {
        throw new Refusal(
            Kind.STATE_TRANSITION_FORBIDDEN,
            "No version of key '"
                + alias
                + "' can be destroyed now: "
                + String.join("; ", refusals));
      }
      return new DestructionRequest.WholeKey(key, destroyable, reason);
    }
    KeyVersion version =
        keys.findVersion(key.id(), number)
            .orElseThrow(
                () -> new Refusal(Kind.NOT_FOUND, "Key '" + alias + "' has no version " + number));
    Refusal why = ineligibility(key, version, now, running);
    if (why != null) {
      throw why;
    }
    return new DestructionRequest.OneVersion(
        key, version, reason, requestedBy, settings.requiredApprovals());
  }

  /** Why a version cannot be destroyed now, or null when it can. */
  private static Refusal ineligibility(
      ManagedKey key, KeyVersion v, Instant now, Predicate<UUID> running) {
    String subject = "Version " + v.number() + " of key '" + key.alias() + "'";
    if (!v.state().isLive()) {
      return new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          subject + " was already destroyed on " + day(v.destroyedAt()) + " (" + v.state() + ")");
    }
    if (v.id().equals(key.primaryVersionId())) {
      return new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          subject
              + " is the primary version and "
              + v.state()
              + ": it is never destroyed directly;"
              + " rotate the key first so that it is deactivated and retained");
    }
    try {
      v.destroy(now);
    } catch (Refusal refusal) {
      return new Refusal(refusal.kind(), "Key '" + key.alias() + "': " + refusal.getMessage());
    }
    if (running.test(v.id())) {
      return new Refusal(
          Kind.CONFLICT,
          "A destruction of "
              + subject.substring(0, 1).toLowerCase(Locale.ROOT)
              + subject.substring(1)
              + " is already in progress");
    }
    return null;
  }

  /** Whether the request names every destroyable version of the key rather than one. */
  private static boolean wholeKey(Object version) {
    return version instanceof String text
        && text.strip().equalsIgnoreCase(KeyDestructionProcess.ALL_VERSIONS);
  }

  private static Integer versionNumber(Object value) {
    if (wholeKey(value)) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      long number = ((Number) value).longValue();
      if (number > 0 && number < Integer.MAX_VALUE) {
        return (int) number;
      }
    }
    if (value instanceof String text && text.strip().matches("[1-9][0-9]{0,8}")) {
      return Integer.parseInt(text.strip());
    }
    throw new Refusal(
        Kind.INVALID_REQUEST,
        "version must be a version number (1, 2, …) or '"
            + KeyDestructionProcess.ALL_VERSIONS
            + "'");
  }

  /** Deactivated versions whose retention has ended, oldest retention first. */
  public List<DueDestruction> dueForDestruction() {
    return keys.versionsRetainedUntilBy(clock.instant()).stream()
        .map(
            v ->
                new DueDestruction(
                    keys.findById(v.keyId()).orElseThrow().alias(),
                    v.number(),
                    v.id(),
                    v.retainUntil()))
        .toList();
  }

  private static String day(Instant instant) {
    return instant == null
        ? "an unrecorded date"
        : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
