package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.KeyVaultException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * The process-wide registry of loaded PKCS#11 modules. A module is initialised (C_Initialize) when
 * first used and finalised by a shutdown hook; a closed Spring context (or a test context evicted
 * from the cache) never finalises it, because every vault on the same library shares one instance.
 * The only other C_Finalize is {@link SharedModule#recover}, which initialises it again at once.
 */
final class Pkcs11Modules {

  private static final Logger log = LoggerFactory.getLogger(Pkcs11Modules.class);
  private static final Map<Path, SharedModule> MODULES = new HashMap<>();

  private Pkcs11Modules() {}

  /** The initialised module for this library path, loading it on first use. */
  static PKCS11Module get(Path library) {
    return shared(library).module();
  }

  /** The module with its lock, generation and recovery, loading it on first use. */
  static synchronized SharedModule shared(Path library) {
    Path key = library.toAbsolutePath().normalize();
    SharedModule shared = MODULES.get(key);
    if (shared != null) {
      return shared;
    }
    PKCS11Module module;
    try {
      module = PKCS11Module.getInstance(key.toString());
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new KeyVaultException.Misconfigured(
          "The PKCS#11 library "
              + key
              + " could not be loaded; check keyflow.hsm.pkcs11.module"
              + " (and that java.io.tmpdir allows executing the wrapper's native library)",
          e);
    }
    try {
      module.initialize();
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw new KeyVaultException.Misconfigured(
            "The PKCS#11 library "
                + key
                + " failed to initialise ("
                + e.getErrorName()
                + "); check keyflow.hsm.pkcs11.module and the library's own configuration",
            e);
      }
    }
    PKCS11Module loaded = module;
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> finalizeQuietly(loaded), "pkcs11-finalize"));
    shared = new SharedModule(module, key.toString());
    MODULES.put(key, shared);
    log.info("PKCS#11 library {} initialised", key);
    return shared;
  }

  private static void finalizeQuietly(PKCS11Module module) {
    try {
      module.finalize(null);
    } catch (PKCS11Exception | RuntimeException e) {
      // The JVM is exiting; nothing useful can be done with the failure.
    }
  }
}
