package io.keyflow.key;

import io.keyflow.key.internal.KeyRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The key inventory as other modules see it: keys and their versions to read, the row lock that
 * puts two steps on one key one after the other, and the few changes a lifecycle step records — a
 * new key, a new primary version, a version's transition. Each change takes a value the key model
 * made ({@link KeyVersion#activated}, {@link KeyVersion#deactivate}, {@link KeyVersion#destroy}…),
 * so a state can only change through the guarded transitions; the tables stay behind it. Joins the
 * caller's transaction; holds no key material.
 */
@Service
public class Keys {

  private final KeyRepository repository;
  private final ApplicationEventPublisher events;

  Keys(KeyRepository repository, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
  }

  /** Records a new key with its first version, which becomes the primary one. */
  public void recordNewKey(ManagedKey key, KeyVersion first) {
    repository.insert(key);
    repository.insert(first);
    repository.setPrimaryVersion(key.id(), first.id());
  }

  /** Records a new version of an existing key and makes it the primary one. */
  public void recordNewPrimary(KeyVersion created) {
    repository.insert(created);
    repository.setPrimaryVersion(created.keyId(), created.id());
  }

  /** Records a rotation: the new version primary, the old one as its transition left it. */
  public void recordRotation(KeyVersion created, KeyVersion retired) {
    recordNewPrimary(created);
    repository.updateState(retired);
  }

  /**
   * Records a version's state and dates after one of its transitions. When it destroyed the key's
   * last live version, publishes {@link AllVersionsDestroyed} in the same transaction.
   */
  public void recordTransition(KeyVersion changed) {
    repository.updateState(changed);
    if (!changed.state().isLive()
        && repository.versions(changed.keyId()).stream().noneMatch(v -> v.state().isLive())) {
      repository
          .findById(changed.keyId())
          .ifPresent(key -> events.publishEvent(new AllVersionsDestroyed(key.id(), key.alias())));
    }
  }

  /**
   * Locks the key's row until the transaction ends, so two lifecycle steps on one key (on one node
   * or several) run one after the other.
   */
  public Optional<ManagedKey> lock(UUID keyId) {
    return repository.lock(keyId);
  }

  public Optional<ManagedKey> findByAlias(String alias) {
    return repository.findByAlias(alias);
  }

  public Optional<ManagedKey> findById(UUID id) {
    return repository.findById(id);
  }

  public List<ManagedKey> findAll() {
    return repository.findAll();
  }

  /** Every version of every key, by key and number, handed over as the rows are read. */
  public void forEachVersion(Consumer<KeyVersion> each) {
    repository.forEachVersion(each);
  }

  public List<KeyVersion> versions(UUID keyId) {
    return repository.versions(keyId);
  }

  public Optional<KeyVersion> findVersion(UUID versionId) {
    return repository.findVersion(versionId);
  }

  /** Version {@code number} of a key, if it exists. */
  public Optional<KeyVersion> findVersion(UUID keyId, int number) {
    return repository.findVersion(keyId, number);
  }

  /**
   * Keys whose primary version is ACTIVE and stops protecting at or before {@code cutoff}, soonest
   * first.
   */
  public List<ManagedKey> keysWithPrimaryProtectStopBy(Instant cutoff) {
    return repository.keysWithPrimaryProtectStopBy(cutoff);
  }

  /** DEACTIVATED versions whose retention ended at or before {@code cutoff}, oldest first. */
  public List<KeyVersion> versionsRetainedUntilBy(Instant cutoff) {
    return repository.versionsRetainedUntilBy(cutoff);
  }

  /** Versions in one of the given states, oldest first. */
  public List<KeyVersion> versionsInState(KeyState... states) {
    return repository.versionsInState(states);
  }

  /** How many key versions are in each state, per purpose and environment. */
  public List<VersionCount> versionCounts() {
    return repository.versionCounts();
  }
}
