package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.KeyVaultException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * A fixed number of read-write sessions, each lent to exactly one thread at a time (one session
 * used by two threads at once crashed the JVM inside the module). A session whose operation failed
 * is closed and reopened on next use rather than returned, because a half-finished operation can
 * leave it unusable (CKR_OPERATION_ACTIVE).
 *
 * <p>Login is per token and process: the first C_Login logs in every session, so the pool logs in
 * once, tolerates CKR_USER_ALREADY_LOGGED_IN, and logs in again whenever a fresh session finds the
 * token logged out (after a device restart or a re-initialisation). It never logs out.
 *
 * <p>A failure that may mean a broken session or device ({@link Pkcs11Errors#isBroken}) is followed
 * by a probe of the token; if the probe fails as well, the {@link SharedModule} is re-initialised.
 * Sessions, the token and the cached object handles of an older module generation are dropped
 * without a call to the library: their numbers are void and may name something else now.
 */
final class SessionPool implements AutoCloseable {

  /** Work done with one borrowed session. */
  @FunctionalInterface
  interface Work<T> {
    T run(Session session) throws PKCS11Exception;
  }

  /** Finds the configured token on the (re-)initialised library. */
  @FunctionalInterface
  interface TokenFinder {
    Token find(PKCS11Module module);
  }

  /** A pool slot; {@code session == null} means "open a fresh one on next use". */
  private static final class Slot {
    Session session;
    long generation;
  }

  private static final long BORROW_TIMEOUT_SECONDS = 30;

  private final SharedModule module;
  private final TokenFinder finder;
  private final Runnable onReconnect;
  private final char[] pin;
  private final BlockingQueue<Slot> idle;
  private Token token;
  private long tokenGeneration;
  private volatile boolean closed;

  /**
   * Finds the token, opens the first session and logs in, so that a wrong PIN fails here, at
   * start-up.
   */
  SessionPool(SharedModule module, TokenFinder finder, char[] pin, int size, Runnable onReconnect)
      throws PKCS11Exception {
    this.module = module;
    this.finder = finder;
    this.onReconnect = onReconnect;
    this.pin = pin.clone();
    this.idle = new ArrayBlockingQueue<>(size);
    this.token = finder.find(module.module());
    this.tokenGeneration = module.generation();
    Slot first = new Slot();
    try (SharedModule.Use use = module.enter()) {
      first.session = open();
      first.generation = use.generation();
    }
    idle.add(first);
    for (int i = 1; i < size; i++) {
      idle.add(new Slot());
    }
  }

  <T> T execute(Work<T> work) throws PKCS11Exception {
    Slot slot = borrow();
    long seen = module.generation();
    PKCS11Exception broken = null;
    try (SharedModule.Use use = module.enter()) {
      seen = use.generation();
      if (slot.generation != seen) {
        slot.session =
            null; // a handle of an older generation: never close it, its number may be reused
      }
      boolean healthy = false;
      try {
        ensureCurrent(seen);
        if (slot.session == null) {
          slot.session = open();
          slot.generation = seen;
        }
        T result = work.run(slot.session);
        healthy = true;
        return result;
      } catch (PKCS11Exception e) {
        if (Pkcs11Errors.isBroken(e)) {
          broken = e;
        }
        throw e;
      } finally {
        if (!healthy) {
          discard(slot);
        }
      }
    } finally {
      idle.add(slot);
      if (broken != null) {
        checkDevice(seen, broken.getErrorName());
      }
    }
  }

  /**
   * Checks that the token answers now, re-initialising the library if it does not.
   *
   * @throws KeyVaultException.Unavailable if the token still cannot be reached
   */
  void probe() {
    long seen = module.generation();
    if (probeOnce()) {
      return;
    }
    checkDevice(seen, "health probe failed");
    if (!probeOnce()) {
      throw new KeyVaultException.Unavailable(
          "The HSM token cannot be reached; Keyflow keeps reconnecting",
          null,
          "CKR_TOKEN_NOT_PRESENT");
    }
  }

  /**
   * After a failure that may mean a broken device: probe; if that fails too, re-initialise the
   * library.
   */
  private void checkDevice(long seenGeneration, String reason) {
    if (probeOnce()) {
      return;
    }
    module.recover(seenGeneration, reason);
    if (module.downSince() == null && !probeOnce()) {
      module.markDown("the token is not usable after re-initialising the library");
    }
  }

  private boolean probeOnce() {
    try (SharedModule.Use use = module.enter()) {
      ensureCurrent(use.generation());
      currentToken().getTokenInfo();
      return true;
    } catch (PKCS11Exception | KeyVaultException e) {
      return false;
    }
  }

  /**
   * Re-finds the token and forgets cached handles the first time a new module generation is seen.
   */
  private synchronized void ensureCurrent(long generation) throws PKCS11Exception {
    if (tokenGeneration == generation && token != null) {
      return;
    }
    token = null;
    try {
      token = finder.find(module.module());
    } catch (KeyVaultException e) {
      throw new PKCS11Exception(PKCS11Constants.CKR_TOKEN_NOT_PRESENT, e.getMessage());
    }
    tokenGeneration = generation;
    onReconnect.run();
  }

  private synchronized Token currentToken() {
    return token;
  }

  private Slot borrow() {
    if (closed) {
      throw new KeyVaultException.Unavailable("The PKCS#11 vault has been shut down", null);
    }
    try {
      Slot slot = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (slot == null) {
        throw new KeyVaultException.Unavailable(
            "No PKCS#11 session became free within "
                + BORROW_TIMEOUT_SECONDS
                + " s; raise keyflow.hsm.pkcs11.session-pool-size",
            null);
      }
      return slot;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyVaultException.Unavailable("Interrupted while waiting for a PKCS#11 session", e);
    }
  }

  private Session open() throws PKCS11Exception {
    Session session = currentToken().openSession(true);
    try {
      long state = session.getSessionInfo().getState();
      if (state != PKCS11Constants.CKS_RW_USER_FUNCTIONS) {
        session.login(PKCS11Constants.CKU_USER, pin);
      }
      return session;
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() == PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN) {
        return session;
      }
      closeQuietly(session);
      throw e;
    }
  }

  private static void discard(Slot slot) {
    if (slot.session != null) {
      closeQuietly(slot.session);
      slot.session = null;
    }
  }

  private static void closeQuietly(Session session) {
    try {
      session.closeSession();
    } catch (PKCS11Exception | RuntimeException e) {
      // The session is being thrown away; a failure to close it changes nothing.
    }
  }

  /**
   * Closes the idle sessions. Closing the last session of a token logs it out for the whole
   * process, which is what a shutdown wants; another vault on the same token logs in again on its
   * next open.
   */
  @Override
  public void close() {
    closed = true;
    try (SharedModule.Use use = module.enter()) {
      Slot slot;
      while ((slot = idle.poll()) != null) {
        if (slot.generation == use.generation()) {
          discard(slot);
        }
      }
    } catch (KeyVaultException unreachable) {
      idle.clear();
    }
    Arrays.fill(pin, '\0');
  }
}
