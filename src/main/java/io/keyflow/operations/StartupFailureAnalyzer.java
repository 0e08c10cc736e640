package io.keyflow.operations;

import io.keyflow.hsm.KeyVaultException;
import io.keyflow.shared.StartupRefusal;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * The one place a start-up refusal becomes Spring Boot's short "APPLICATION FAILED TO START"
 * report: a {@link StartupRefusal} (production settings, the database accounts, the first
 * administrator) or a vault misconfiguration (wrong PIN, missing module, unknown token, unreadable
 * SoftHSM configuration, wrong vault secret) is shown as its description and the setting to fix, at
 * ERROR without a stack trace (the trace is logged at DEBUG by Spring Boot).
 */
class StartupFailureAnalyzer implements FailureAnalyzer {

  static final String VAULT_ACTION =
      "Fix the named setting (see docs/configuration.md) and start Keyflow again.";

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupRefusal refusal) {
        return new FailureAnalysis(refusal.description(), refusal.action(), refusal);
      }
      if (cause instanceof KeyVaultException.Misconfigured misconfigured) {
        return new FailureAnalysis(misconfigured.getMessage(), VAULT_ACTION, misconfigured);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
