package io.keyflow.hsm.software;

/** Lets tests outside this package name the package-private configuration class. */
public final class SoftwareVaultConfigurationAccess {
  private SoftwareVaultConfigurationAccess() {}

  public static Class<?> configuration() {
    return SoftwareVaultConfiguration.class;
  }
}
