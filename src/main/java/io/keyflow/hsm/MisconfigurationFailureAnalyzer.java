package io.keyflow.hsm;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a vault misconfiguration at start-up (wrong PIN, missing module, unknown token, unreadable
 * SoftHSM configuration, wrong vault secret) into Spring Boot's short "APPLICATION FAILED TO START"
 * report with the one sentence that names the setting to fix, instead of a wall of stack trace.
 */
class MisconfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<KeyVaultException.Misconfigured> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, KeyVaultException.Misconfigured cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix the named setting (see docs/configuration.md) and start Keyflow again.",
        cause);
  }
}
