package io.keyflow.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One browser per person in a browser test, as if each sat at their own desk. Register with
 * {@code @RegisterExtension}: when a test fails, every open browser saves what it shows as {@code
 * target/e2e/TEST-PERSON-failure.png} (and {@code .html}); after each test all are closed.
 */
public final class Browsers implements AfterTestExecutionCallback, AfterEachCallback {

  private final Map<String, Chromium> open = new LinkedHashMap<>();

  /** A new browser for the person; their screenshots are named after them. */
  public Chromium open(String person) {
    if (open.containsKey(person)) {
      throw new IllegalStateException(person + " already has a browser");
    }
    Chromium browser = Chromium.start();
    open.put(person, browser);
    return browser;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty()) {
      return;
    }
    String test = context.getRequiredTestMethod().getName();
    open.forEach(
        (person, browser) -> {
          try {
            browser.capture(test + "-" + person + "-failure");
          } catch (RuntimeException e) {
            // The browser may be what failed; the test's own error is the one to report.
          }
        });
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RuntimeException failure = null;
    for (Chromium browser : open.values()) {
      try {
        browser.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
