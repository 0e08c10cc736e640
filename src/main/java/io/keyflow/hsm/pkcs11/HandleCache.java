package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.pkcs11.Pkcs11Objects.Handles;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * CKA_ID → object handles. Finding by CKA_ID is a full scan on SoftHSM (45 finds/s with 1,500
 * objects), so every operation after the first on a key uses the cached handles. Handles are valid
 * for every session of the process; an entry is dropped when the token says the handle is invalid
 * and when the key is destroyed. Only hits are cached, so a key created by another node is found.
 */
final class HandleCache {

  private static final int LOCK_STRIPES = 64;

  private final Map<UUID, Handles> cache = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[LOCK_STRIPES];

  HandleCache() {
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** A lock shared by every operation that creates or destroys the key with this id. */
  Object lockFor(UUID id) {
    return locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
  }

  /**
   * The key's handles, from the cache or by a find on the token; null when there is no such key.
   */
  Handles lookup(Session session, UUID id) throws PKCS11Exception {
    Handles cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    Handles found =
        Pkcs11Objects.handles(
            session, id, Pkcs11Objects.findById(session, Pkcs11Templates.ckaId(id)));
    if (found != null) {
      cache.put(id, found);
    }
    return found;
  }

  void put(UUID id, Handles handles) {
    cache.put(id, handles);
  }

  void forget(UUID id) {
    cache.remove(id);
  }

  /** Forgets every handle: after the library was re-initialised, old handle numbers are void. */
  void clear() {
    cache.clear();
  }
}
