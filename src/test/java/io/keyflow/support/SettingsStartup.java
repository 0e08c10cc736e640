package io.keyflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * Starts a context that binds and validates settings records as Keyflow's start-up does, and reads
 * a refused start as the operator reads it: the description and action Spring Boot's failure
 * analyzers print under "APPLICATION FAILED TO START".
 */
public final class SettingsStartup {

  private final ApplicationContextRunner runner;

  private SettingsStartup(ApplicationContextRunner runner) {
    this.runner = runner;
  }

  /**
   * A start-up of these configuration classes (e.g. one that enables the settings record under
   * test).
   */
  public static SettingsStartup of(Class<?>... configurations) {
    return new SettingsStartup(
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(configurations));
  }

  /** The runner, for tests that need more beans than the settings. */
  public ApplicationContextRunner runner() {
    return runner;
  }

  /** The bean of {@code type} after a start with these properties ({@code key=value}). */
  public <T> T bound(Class<T> type, String... properties) {
    AtomicReference<T> bean = new AtomicReference<>();
    runner
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              bean.set(context.getBean(type));
            });
    return bean.get();
  }

  /**
   * What the operator reads after a start with these properties; fails the test when the start
   * succeeded.
   */
  public String refusal(String... properties) {
    AtomicReference<String> report = new AtomicReference<>();
    runner
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).as("a start with %s", String.join(", ", properties)).hasFailed();
              report.set(report(context.getStartupFailure()));
            });
    return report.get();
  }

  private static String report(Throwable failure) {
    for (FailureAnalyzer analyzer :
        SpringFactoriesLoader.forDefaultResourceLocation()
            .load(
                FailureAnalyzer.class,
                ArgumentResolver.none(),
                FailureHandler.handleMessage((message, e) -> {}))) {
      FailureAnalysis analysis = analyzer.analyze(failure);
      if (analysis != null) {
        return "Description:\n\n"
            + analysis.getDescription()
            + "\n\nAction:\n\n"
            + analysis.getAction();
      }
    }
    throw new AssertionError("No failure analyzer explains the failed start", failure);
  }
}
