package io.keyflow.shared;

/**
 * Keyflow refuses to start: a setting is missing or unsafe for where it runs (typically the {@code
 * production} profile). The description says what is wrong in one sentence; the action names the
 * setting that fixes it. Spring Boot's start-up report shows both, without a stack trace, and
 * nothing was created.
 */
public class StartupRefusal extends RuntimeException {

  private final String description;
  private final String action;

  public StartupRefusal(String description, String action) {
    this(description, action, null);
  }

  public StartupRefusal(String description, String action, Throwable cause) {
    super(description + " " + action, cause);
    this.description = description;
    this.action = action;
  }

  /** What is wrong, in one sentence. */
  public String description() {
    return description;
  }

  /** What to set (or unset) so that Keyflow starts. */
  public String action() {
    return action;
  }
}
