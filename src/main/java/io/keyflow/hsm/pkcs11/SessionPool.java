package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.KeyVaultException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * A fixed number of read-write sessions, each lent to exactly one thread at a time (one session
 * used by two threads at once crashed the JVM inside the module). A session whose operation failed
 * is closed and reopened on next use rather than returned, because a half-finished operation can
 * leave it unusable (CKR_OPERATION_ACTIVE).
 *
 * <p>Login is per token and process: the first C_Login logs in every session, so the pool logs in
 * once, tolerates CKR_USER_ALREADY_LOGGED_IN, and logs in again only if a reopened session finds
 * the token logged out (e.g. after a device restart). It never logs out.
 */
final class SessionPool implements AutoCloseable {

  /** Work done with one borrowed session. */
  @FunctionalInterface
  interface Work<T> {
    T run(Session session) throws PKCS11Exception;
  }

  /** A pool slot; {@code session == null} means "open a fresh one on next use". */
  private static final class Slot {
    Session session;
  }

  private static final long BORROW_TIMEOUT_SECONDS = 30;

  private final Token token;
  private final char[] pin;
  private final BlockingQueue<Slot> idle;
  private volatile boolean closed;

  /** Opens the first session and logs in, so that a wrong PIN fails here, at start-up. */
  SessionPool(Token token, char[] pin, int size) throws PKCS11Exception {
    this.token = token;
    this.pin = pin.clone();
    this.idle = new ArrayBlockingQueue<>(size);
    Slot first = new Slot();
    first.session = open();
    idle.add(first);
    for (int i = 1; i < size; i++) {
      idle.add(new Slot());
    }
  }

  <T> T execute(Work<T> work) throws PKCS11Exception {
    Slot slot = borrow();
    boolean healthy = false;
    try {
      if (slot.session == null) {
        slot.session = open();
      }
      T result = work.run(slot.session);
      healthy = true;
      return result;
    } finally {
      if (!healthy) {
        discard(slot);
      }
      idle.add(slot);
    }
  }

  private Slot borrow() {
    if (closed) {
      throw new KeyVaultException.Unavailable("The PKCS#11 vault has been shut down", null);
    }
    try {
      Slot slot = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (slot == null) {
        throw new KeyVaultException.Unavailable("No PKCS#11 session became free within "
            + BORROW_TIMEOUT_SECONDS + " s; raise keyflow.hsm.pkcs11.session-pool-size", null);
      }
      return slot;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyVaultException.Unavailable("Interrupted while waiting for a PKCS#11 session", e);
    }
  }

  private Session open() throws PKCS11Exception {
    Session session = token.openSession(true);
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
   * Closes the idle sessions. Closing the last session of a token logs it out for the whole process,
   * which is what a shutdown wants; another vault on the same token logs in again on its next open.
   */
  @Override
  public void close() {
    closed = true;
    Slot slot;
    while ((slot = idle.poll()) != null) {
      discard(slot);
    }
    Arrays.fill(pin, '\0');
  }
}
