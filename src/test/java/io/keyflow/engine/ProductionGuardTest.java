package io.keyflow.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.KeyflowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

  private final ProductionGuard guard = new ProductionGuard();

  private static MockEnvironment production() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("production");
    return environment;
  }

  @Test
  void productionRefusesTheEmbeddedH2Database() {
    MockEnvironment environment = production().withProperty("spring.datasource.url", "jdbc:h2:file:./data/keyflow");
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("spring.datasource.url");
  }

  @Test
  void productionRefusesADatabaseWithoutCredentials() {
    MockEnvironment environment =
        production().withProperty("spring.datasource.url", "jdbc:postgresql://db/keyflow").withProperty("spring.datasource.username", "keyflow");
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("spring.datasource.password");
  }

  @Test
  void productionAcceptsAConfiguredDatabaseAndDemoIgnoresTheRule() {
    MockEnvironment environment =
        production()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db/keyflow")
            .withProperty("spring.datasource.username", "keyflow")
            .withProperty("spring.datasource.password", "secret");
    assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
    MockEnvironment demo = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x");
    assertThatCode(() -> guard.postProcessEnvironment(demo, new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void theApplicationItselfRefusesToStartInProductionOnItsDefaults() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(KeyflowApplication.class).profiles("production").run())
        .hasMessageContaining("The production profile needs a real database");
  }
}
