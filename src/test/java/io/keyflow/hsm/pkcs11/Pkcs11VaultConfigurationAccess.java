package io.keyflow.hsm.pkcs11;

/** Lets tests outside this package name the package-private configuration class. */
public final class Pkcs11VaultConfigurationAccess {
  private Pkcs11VaultConfigurationAccess() {}

  public static Class<?> configuration() {
    return Pkcs11VaultConfiguration.class;
  }
}
