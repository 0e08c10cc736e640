package io.keyflow.engine;

import jakarta.ws.rs.ApplicationPath;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's engine REST API ({@code /engine-rest}) with Keyflow's error mapping ({@link
 * EngineRestErrors}) in place of Camunda's exception handlers, which answer every engine exception
 * a resource did not foresee (and every one it wrapped) with 500 and echo Jackson's messages, Java
 * class names included. Camunda's resources are registered unchanged.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestConfiguration {

  static final Set<Class<?>> REPLACED =
      Set.of(
          ExceptionHandler.class,
          ProcessEngineExceptionHandler.class,
          RestExceptionHandler.class,
          JsonMappingExceptionHandler.class,
          JsonParseExceptionHandler.class);

  @Bean
  CamundaJerseyResourceConfig engineRestResources() {
    return new KeyflowEngineRest();
  }

  @ApplicationPath("/engine-rest")
  static class KeyflowEngineRest extends CamundaJerseyResourceConfig {
    @Override
    protected void registerCamundaRestResources() {
      registerClasses(CamundaRestResources.getResourceClasses());
      registerClasses(
          CamundaRestResources.getConfigurationClasses().stream()
              .filter(type -> !REPLACED.contains(type))
              .collect(Collectors.toSet()));
      register(EngineRestErrors.class);
      // Without its exception mappers, which answer a malformed body in plain text, naming Java
      // classes.
      register(JacksonFeature.withoutExceptionMappers());
    }
  }
}
