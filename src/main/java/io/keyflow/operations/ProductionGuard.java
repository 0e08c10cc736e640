package io.keyflow.operations;

import io.keyflow.shared.StartupRefusal;
import java.util.Arrays;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Refuses to start the {@code production} profile on demo settings: it needs a real database (not
 * the embedded H2) with configured credentials, and TLS on the main port or a declared
 * TLS-terminating proxy ({@link ProductionTls}). Runs once the environment is complete and before
 * any bean, so nothing is created on the wrong database and no port opens in clear; and right after
 * the logging system is set up, so a refusal reads as Spring Boot's start-up report ({@link
 * StartupFailureAnalyzer}) rather than a stack trace.
 */
public class ProductionGuard
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    apply(event.getEnvironment());
  }

  void apply(ConfigurableEnvironment environment) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains("production")) {
      return;
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.isBlank() || url.startsWith("jdbc:h2:")) {
      throw new StartupRefusal(
          "The production profile needs a real database; the embedded H2 database is for the demo"
              + " only.",
          "Set spring.datasource.url (SPRING_DATASOURCE_URL) to a PostgreSQL URL.");
    }
    if (environment.getProperty("spring.datasource.username", "").isBlank()
        || environment.getProperty("spring.datasource.password", "").isBlank()) {
      throw new StartupRefusal(
          "The production profile needs database credentials.",
          "Set spring.datasource.username and spring.datasource.password"
              + " (SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD).");
    }
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource("keyflowProductionTls", ProductionTls.enforced(environment)));
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "keyflowProductionTlsDefaults", ProductionTls.defaults(environment)));
  }
}
