package io.keyflow.security;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The lookup of calling systems, by certificate fingerprint and by name, cached for at most {@link
 * #MAX_AGE} so that no call hashes a password or waits on the database: an answer is never served
 * more than a second after it was read, so a certificate removal or a system revocation made on any
 * node stops the next calls on every node within a second. On the node that made the change the
 * registry calls {@link #forget()} after its commit, so there it takes effect at once.
 */
@Component
public class SystemIdentities {

  /** The longest an answer is served from memory. */
  public static final Duration MAX_AGE = Duration.ofSeconds(1);

  /** More distinct callers than this within a second clears the cache rather than growing it. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry<T>(Optional<T> value, long readAt) {}

  private final ObjectProvider<SystemDirectory> directory;
  private final ConcurrentHashMap<String, Entry<CertifiedSystem>> byCertificate =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry<SystemIdentity>> byName = new ConcurrentHashMap<>();

  SystemIdentities(ObjectProvider<SystemDirectory> directory) {
    this.directory = directory;
  }

  /** Who this certificate fingerprint belongs to (live or removed), if it was ever registered. */
  public Optional<CertifiedSystem> byCertificate(String sha256) {
    return cached(byCertificate, sha256, key -> lookUp().certificate(key));
  }

  /** The registered system of this name, in any state. */
  public Optional<SystemIdentity> byName(String name) {
    return cached(byName, name, key -> lookUp().system(key));
  }

  /** Drops every cached answer: the next lookups read the registry again. */
  public void forget() {
    byCertificate.clear();
    byName.clear();
  }

  private SystemDirectory lookUp() {
    SystemDirectory found = directory.getIfAvailable();
    if (found == null) {
      throw new IllegalStateException("No registry of systems is present");
    }
    return found;
  }

  private static <T> Optional<T> cached(
      ConcurrentHashMap<String, Entry<T>> cache, String key, Function<String, Optional<T>> read) {
    long now = System.nanoTime();
    Entry<T> entry = cache.get(key);
    if (entry != null && now - entry.readAt() < MAX_AGE.toNanos()) {
      return entry.value();
    }
    // Taken before the read: an answer read just before a change is still dropped in time.
    Optional<T> value = read.apply(key);
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(key, new Entry<>(value, now));
    return value;
  }
}
