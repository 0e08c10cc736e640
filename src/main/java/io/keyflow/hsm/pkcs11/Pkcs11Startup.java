package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.KeyVaultException.Misconfigured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

/**
 * The checks that run before the vault accepts work, each refusing with one sentence that names the
 * setting to fix. Configuration files and the PIN are checked before the library is touched: a
 * library initialised with a bad configuration cannot be re-initialised in the same JVM, and
 * SoftHSM reports a missing configuration only as CKR_GENERAL_ERROR.
 */
final class Pkcs11Startup {

  static final String SOFTHSM_DEFAULT_CONF = "/etc/softhsm/softhsm2.conf";

  private final Pkcs11Properties props;
  private final Map<String, String> env;

  Pkcs11Startup(Pkcs11Properties props, Map<String, String> env) {
    this.props = props;
    this.env = env;
  }

  /** Checks the library path and, for SoftHSM, its configuration file. */
  Path checkModule() {
    Path module = props.module();
    if (module == null) {
      throw new Misconfigured(
          "No PKCS#11 library is configured: set keyflow.hsm.pkcs11.module", null);
    }
    if (!Files.isRegularFile(module) || !Files.isReadable(module)) {
      throw new Misconfigured(
          "The PKCS#11 library "
              + module
              + " does not exist or is not readable: fix keyflow.hsm.pkcs11.module",
          null);
    }
    if (module.toString().toLowerCase().contains("softhsm")) {
      String conf = env.get("SOFTHSM2_CONF");
      Path confPath = Path.of(conf == null || conf.isBlank() ? SOFTHSM_DEFAULT_CONF : conf);
      if (!Files.isRegularFile(confPath) || !Files.isReadable(confPath)) {
        throw new Misconfigured(
            "The SoftHSM configuration file "
                + confPath
                + " is missing or unreadable: set the environment variable SOFTHSM2_CONF to a readable"
                + " softhsm2.conf",
            null);
      }
    }
    return module;
  }

  /** The user PIN from {@code pinFile} or the environment variable {@code pinEnv}. */
  char[] readPin() {
    if (props.pinFile() != null) {
      try {
        String pin = Files.readString(props.pinFile(), StandardCharsets.UTF_8).strip();
        if (pin.isEmpty()) {
          throw new Misconfigured(
              "The HSM PIN file " + props.pinFile() + " is empty: fix keyflow.hsm.pkcs11.pin-file",
              null);
        }
        return pin.toCharArray();
      } catch (IOException e) {
        throw new Misconfigured(
            "The HSM PIN file "
                + props.pinFile()
                + " cannot be read: fix keyflow.hsm.pkcs11.pin-file",
            null);
      }
    }
    String pin = env.get(props.pinEnv());
    if (pin == null || pin.isEmpty()) {
      throw new Misconfigured(
          "No HSM user PIN: set the environment variable "
              + props.pinEnv()
              + " (named by keyflow.hsm.pkcs11.pin-env) or keyflow.hsm.pkcs11.pin-file",
          null);
    }
    return pin.toCharArray();
  }

  /** The token with the configured label; slot ids change when tokens are added, labels do not. */
  Token findToken(PKCS11Module module) {
    String wanted = props.tokenLabel();
    if (wanted == null || wanted.isBlank()) {
      throw new Misconfigured(
          "No token label is configured: set keyflow.hsm.pkcs11.token-label", null);
    }
    List<String> found = new ArrayList<>();
    try {
      for (Slot slot : module.getSlotList(true)) {
        Token token = slot.getToken();
        String label = token.getTokenInfo().getLabel().strip();
        if (label.equals(wanted.strip())) {
          return token;
        }
        found.add(label);
      }
    } catch (PKCS11Exception e) {
      throw new Misconfigured(
          "The PKCS#11 library could not list its tokens ("
              + e.getErrorName()
              + "): check keyflow.hsm.pkcs11.module",
          e);
    }
    throw new Misconfigured(
        "No token labelled '"
            + wanted
            + "' was found: fix"
            + " keyflow.hsm.pkcs11.token-label (tokens found: "
            + found
            + ")",
        null);
  }

  /** Where the PIN came from, for refusal messages; never the PIN itself. */
  String pinSource() {
    return props.pinFile() != null
        ? "the file " + props.pinFile() + " (keyflow.hsm.pkcs11.pin-file)"
        : "the environment variable " + props.pinEnv() + " (keyflow.hsm.pkcs11.pin-env)";
  }
}
