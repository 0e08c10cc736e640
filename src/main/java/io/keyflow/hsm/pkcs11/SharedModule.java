package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.KeyVaultException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * One initialised PKCS#11 library, shared by every vault of the JVM, and its recovery.
 *
 * <p>SoftHSM2 2.6.1 whose token directory vanished answers CKR_GENERAL_ERROR to every call — on old
 * and new sessions, and to C_GetTokenInfo — even after the directory is back: it does not re-read
 * the token until C_Finalize and C_Initialize (verified with ipkcs11wrapper 1.0.9, which allows
 * that cycle in one JVM, repeatedly). A network HSM that restarts behaves alike (CKR_DEVICE_ERROR,
 * CKR_SESSION_HANDLE_INVALID, CKR_TOKEN_NOT_PRESENT). So a vault that meets such an error asks this
 * module to {@link #recover} it: under the write lock (no call in flight) the library is finalised
 * and initialised again, which invalidates every session and object handle of the process; each
 * vault sees the new {@link #generation()} and opens, and logs in to, fresh sessions. While the
 * device stays unreachable, attempts are spaced by an exponential back-off and calls fail fast.
 */
final class SharedModule {

  private static final Logger log = LoggerFactory.getLogger(SharedModule.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private final PKCS11Module module;
  private final String library;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile long generation;
  private volatile Instant downSince;
  private volatile Instant nextAttempt = Instant.MIN;
  private volatile int failedAttempts;
  private volatile Duration maxBackoff = Duration.ofSeconds(30);

  SharedModule(PKCS11Module module, String library) {
    this.module = module;
    this.library = library;
  }

  PKCS11Module module() {
    return module;
  }

  /**
   * Increases by one every time the library is initialised again; handles of older generations are
   * void.
   */
  long generation() {
    return generation;
  }

  void maxBackoff(Duration max) {
    if (max != null && !max.isNegative() && !max.isZero()) {
      this.maxBackoff = max;
    }
  }

  /**
   * A held read lock: library calls run under it, so a re-initialisation never pulls the library
   * from under them.
   */
  interface Use extends AutoCloseable {
    long generation();

    @Override
    void close();
  }

  /**
   * Enters the library for a call. When the device is known to be unreachable this either makes the
   * next reconnection attempt (when its back-off has passed) or fails at once.
   *
   * @throws KeyVaultException.Unavailable while the device cannot be reached
   */
  Use enter() {
    if (downSince != null) {
      if (Instant.now().isBefore(nextAttempt)) {
        throw unreachable();
      }
      recover(generation, "reconnection attempt " + (failedAttempts + 1));
      if (downSince != null) {
        throw unreachable();
      }
    }
    var read = lock.readLock();
    read.lock();
    long current = generation;
    return new Use() {
      @Override
      public long generation() {
        return current;
      }

      @Override
      public void close() {
        read.unlock();
      }
    };
  }

  /**
   * Finalises and initialises the library again, unless another caller already did so since {@code
   * seenGeneration}. Must be called without holding a {@link Use}.
   */
  void recover(long seenGeneration, String reason) {
    var write = lock.writeLock();
    write.lock();
    try {
      if (generation != seenGeneration
          || (downSince != null && Instant.now().isBefore(nextAttempt))) {
        return;
      }
      try {
        module.finalize(null);
      } catch (PKCS11Exception | RuntimeException e) {
        // Finalising a library that already lost its device may fail; initialising is what counts.
      }
      try {
        module.initialize();
      } catch (PKCS11Exception e) {
        if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
          markDownLocked(e.getErrorName());
          return;
        }
      }
      generation++;
      if (downSince != null) {
        log.info(
            "PKCS#11 library {} re-initialised after {} attempt(s); the HSM is reachable again",
            library,
            failedAttempts + 1);
      } else {
        log.warn("PKCS#11 library {} re-initialised ({})", library, reason);
      }
      downSince = null;
      failedAttempts = 0;
      nextAttempt = Instant.MIN;
    } finally {
      write.unlock();
    }
  }

  /**
   * Records that the device cannot be reached now (e.g. its token is not found after a
   * re-initialisation). Must be called without holding a {@link Use}.
   */
  void markDown(String why) {
    var write = lock.writeLock();
    write.lock();
    try {
      markDownLocked(why);
    } finally {
      write.unlock();
    }
  }

  private void markDownLocked(String why) {
    if (downSince == null) {
      downSince = Instant.now();
      log.warn(
          "The HSM behind {} is unreachable ({}); reconnecting with back-off up to {}",
          library,
          why,
          maxBackoff);
    }
    failedAttempts++;
    long factor = 1L << Math.min(failedAttempts - 1, 20);
    Duration backoff = FIRST_BACKOFF.multipliedBy(factor);
    nextAttempt = Instant.now().plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
  }

  /** When the device became unreachable, or null while it is reachable. */
  Instant downSince() {
    return downSince;
  }

  private KeyVaultException.Unavailable unreachable() {
    return new KeyVaultException.Unavailable(
        "The HSM behind "
            + library
            + " has been unreachable since "
            + downSince
            + "; the next reconnection attempt is at "
            + nextAttempt,
        null,
        "UNREACHABLE");
  }
}
