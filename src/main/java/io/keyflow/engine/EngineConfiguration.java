package io.keyflow.engine;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keyflow-wide beans that come from the engine. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock();
  }
}
