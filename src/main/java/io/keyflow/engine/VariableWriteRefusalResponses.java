package io.keyflow.engine;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The engine REST API answers {@code POST …/variables} (modify variables) with 500 for every engine
 * exception but an authorization failure, so a refused variable write arrived there as a server
 * error. This mapper, registered on the engine REST application ahead of Camunda's own, answers
 * that refusal with 400 and its message; every other REST exception is answered as Camunda does.
 */
@Component
class VariableWriteRefusalResponses implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
  }

  @Priority(1)
  static final class Mapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof VariableWriteGuard.VariableWriteRefused refused) {
          return camunda.toResponse(new RestException(Response.Status.BAD_REQUEST, refused, exception.getMessage()));
        }
      }
      return camunda.toResponse(exception);
    }
  }
}
