package io.keyflow.operations;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Refuses to start the {@code production} profile on demo settings: it needs a real database (not
 * the embedded H2) with configured credentials, and TLS on the main port or a declared
 * TLS-terminating proxy ({@link ProductionTls}). Runs before any bean, so nothing is created on the
 * wrong database and no port opens in clear.
 */
public class ProductionGuard implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains("production")) {
      return;
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.isBlank() || url.startsWith("jdbc:h2:")) {
      throw new IllegalStateException(
          "The production profile needs a real database: set spring.datasource.url"
              + " (SPRING_DATASOURCE_URL) to a PostgreSQL URL; the embedded H2 database is for the demo only.");
    }
    if (environment.getProperty("spring.datasource.username", "").isBlank()
        || environment.getProperty("spring.datasource.password", "").isBlank()) {
      throw new IllegalStateException(
          "The production profile needs database credentials: set spring.datasource.username and"
              + " spring.datasource.password (SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD).");
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
