package io.keyflow.engine;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code production} profile on demo settings: it needs a real database (not
 * the embedded H2) with configured credentials. Runs before any bean, so nothing is created on the
 * wrong database.
 */
public class ProductionGuard implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
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
  }
}
