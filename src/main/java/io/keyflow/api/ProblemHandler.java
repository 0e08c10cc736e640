package io.keyflow.api;

import io.keyflow.hsm.KeyVaultException;
import io.keyflow.security.AccessDenied;
import io.keyflow.shared.Refusal;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps Keyflow's refusals to RFC 9457 problem details; never a stack trace, never key material.
 * Ordered last (feature advices are ordered before it): its catch-all for {@code Exception} would
 * otherwise win over a feature's own advice (evidence, compliance) whenever Spring happens to
 * consult this one first, turning their refusals into 500s.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(AccessDenied.class)
  ProblemDetail accessDenied(AccessDenied e) {
    return problem(HttpStatus.FORBIDDEN, "access-denied", "Access denied", e.getMessage());
  }

  @ExceptionHandler(Refusal.class)
  ProblemDetail refused(Refusal e) {
    HttpStatus status =
        switch (e.kind()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT, STATE_TRANSITION_FORBIDDEN, VERSION_NOT_USABLE -> HttpStatus.CONFLICT;
          case INVALID_REQUEST, POLICY_VIOLATED -> HttpStatus.UNPROCESSABLE_ENTITY;
          case NOT_GRANTED -> HttpStatus.FORBIDDEN;
        };
    return problem(status, e.problemType(), "Request refused", e.getMessage());
  }

  @ExceptionHandler(KeyVaultException.Unavailable.class)
  ProblemDetail vaultUnavailable(KeyVaultException.Unavailable e) {
    log.warn("Key vault unavailable: {}", e.getMessage());
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "vault-unavailable",
        "Key vault unavailable",
        "The key vault cannot be reached; try again later");
  }

  @ExceptionHandler(KeyVaultException.class)
  ProblemDetail vaultRefused(KeyVaultException e) {
    HttpStatus status =
        e instanceof KeyVaultException.KeyNotFound ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
    return problem(status, "vault-refused", "Key vault refused the operation", e.getMessage());
  }

  /**
   * Anything else is the server's fault: a 500 that names no class and echoes nothing; the cause is
   * logged for the operators.
   */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Request failed", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal-error",
        "Internal error",
        "The request could not be processed; the error was logged for the operators");
  }

  static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("https://keyflow.io/problems/" + type));
    problem.setTitle(title);
    return problem;
  }
}
