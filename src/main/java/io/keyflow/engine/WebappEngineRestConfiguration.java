package io.keyflow.engine;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The webapps' own copy of the engine REST API ({@code /camunda/api/engine/...}, what Tasklist and
 * Cockpit call) with the same error mapping as {@code /engine-rest} ({@link EngineRestErrors}):
 * Camunda's handlers answer a refused start (bad variables, start instructions) with 500, because
 * the resource wraps every engine exception but an authorization failure in a server error.
 *
 * <p>The hook: Camunda's webapp initializer registers this servlet, named {@value #SERVLET_NAME},
 * only when no servlet of that name exists yet. This registration runs first and registers it with
 * {@link KeyflowWebappEngineRest}: Camunda's resources unchanged, the exception handlers replaced.
 */
@Configuration(proxyBeanMethods = false)
class WebappEngineRestConfiguration {

  static final String SERVLET_NAME = "Engine Api";

  @Bean
  ServletRegistrationBean<ServletContainer> webappEngineRest(CamundaBpmProperties camunda) {
    var registration =
        new ServletRegistrationBean<>(
            new ServletContainer(), camunda.getWebapp().getApplicationPath() + "/api/engine/*");
    registration.setName(SERVLET_NAME);
    registration.addInitParameter(
        ServletProperties.JAXRS_APPLICATION_CLASS, KeyflowWebappEngineRest.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Camunda's webapp engine REST application with Keyflow's error mapping. */
  public static class KeyflowWebappEngineRest extends EngineRestApplication {

    @Override
    public Set<Class<?>> getClasses() {
      Set<Class<?>> classes = new HashSet<>(super.getClasses());
      classes.removeAll(EngineRestConfiguration.REPLACED);
      classes.add(EngineRestErrors.class);
      return classes;
    }

    @Override
    public Set<Object> getSingletons() {
      // Without its exception mappers, which answer a malformed body in plain text, naming Java
      // classes.
      return Set.of(JacksonFeature.withoutExceptionMappers());
    }
  }
}
