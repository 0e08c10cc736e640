package io.keyflow.access;

import io.keyflow.access.internal.GrantRepository;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * {@link KeyAccess} against the grants in the database: a use is granted when the system holds an
 * ACTIVE grant for the operation on the key, directly or through a key group the key is in, that
 * has not expired by the clock at the moment of use (so an expired grant stops even before its
 * timer runs).
 *
 * <p>The database answer is reused for at most {@link AccessSettings#CHECK_CACHE} (one second): a
 * grant revoked on one node stops the next call on every other node within a second, and at once on
 * the node that revoked it (its cache is forgotten). The expiry is compared on every call, never
 * cached. A flood of distinct names cannot grow the cache without bound: past {@value #MAX_CACHED}
 * entries it starts again.
 */
@Service
public class LiveKeyAccess implements KeyAccess {

  static final int MAX_CACHED = 10_000;

  private record Question(String system, String alias, AccessOperation operation) {}

  /**
   * What the database said: the key's id (null: no such key) and the latest expiry of a live grant
   * allowing the use (null: none), read at {@code readAt} (System.nanoTime).
   */
  private record Answer(UUID keyId, Instant grantedUntil, long readAt) {}

  private final GrantRepository grants;
  private final Keys keys;
  private final KeyUsageCounters usage;
  private final Clock clock;
  private final Map<Question, Answer> cache = new ConcurrentHashMap<>();

  LiveKeyAccess(GrantRepository grants, Keys keys, KeyUsageCounters usage, Clock clock) {
    this.grants = grants;
    this.keys = keys;
    this.usage = usage;
    this.clock = clock;
  }

  @Override
  public void require(String system, String alias, AccessOperation operation) {
    if (system == null || system.isBlank() || alias == null || alias.isBlank()) {
      throw new Refusal(Kind.NOT_GRANTED, "A key is used only by a named system with a grant");
    }
    Question question = new Question(system, alias, operation);
    Answer answer = answer(question);
    Instant now = clock.instant();
    if (answer.grantedUntil() != null && now.isBefore(answer.grantedUntil())) {
      usage.used(system, alias, operation, now);
      return;
    }
    if (answer.keyId() != null) {
      usage.refused(system, answer.keyId(), alias, operation, now);
    } else {
      usage.refusedUnknownKey(operation);
    }
    throw new Refusal(
        Kind.NOT_GRANTED,
        "System '"
            + system
            + "' holds no live grant to "
            + operation.wireName()
            + " with key '"
            + alias
            + "'; request one (KeyAccessGrant) and have an officer approve it");
  }

  private Answer answer(Question question) {
    long nanos = System.nanoTime();
    Answer cached = cache.get(question);
    if (cached != null && nanos - cached.readAt() < AccessSettings.CHECK_CACHE.toNanos()) {
      return cached;
    }
    Optional<ManagedKey> key =
        question.alias().length() > 64 ? Optional.empty() : keys.findByAlias(question.alias());
    Instant until =
        key.map(
                k ->
                    grants.activeFor(question.system(), k.id()).stream()
                        .filter(g -> g.operations().contains(question.operation()))
                        .map(Grant::expiresAt)
                        .max(Instant::compareTo)
                        .orElse(null))
            .orElse(null);
    Answer fresh = new Answer(key.map(ManagedKey::id).orElse(null), until, nanos);
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(question, fresh);
    return fresh;
  }

  /** Forgets every cached answer: after a grant ended or was activated on this node. */
  void forget() {
    cache.clear();
  }
}
