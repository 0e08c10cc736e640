package io.keyflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

class EngineRestErrorsTest {

  private final EngineRestErrors errors = new EngineRestErrors();

  private static RestException wrappedIn500(Exception cause) {
    return new RestException(
        Response.Status.INTERNAL_SERVER_ERROR,
        cause,
        "Cannot instantiate process definition X: " + cause.getMessage());
  }

  @Test
  void theCallersMistakesAreFourHundredsAlsoWhenAResourceWrappedThemInAFiveHundred() {
    assertThat(EngineRestErrors.statusOf(new AuthorizationException("no"))).isEqualTo(403);
    assertThat(EngineRestErrors.statusOf(new NotFoundException("gone"))).isEqualTo(404);
    assertThat(EngineRestErrors.statusOf(new BadUserRequestException("bad"))).isEqualTo(400);
    assertThat(
            EngineRestErrors.statusOf(
                wrappedIn500(new FormFieldValidationException("start", "too long"))))
        .isEqualTo(400);
    assertThat(EngineRestErrors.statusOf(wrappedIn500(new NotFoundException("no task"))))
        .isEqualTo(404);
    assertThat(
            EngineRestErrors.statusOf(
                new InvalidRequestException(Response.Status.BAD_REQUEST, "bad query")))
        .isEqualTo(400);
  }

  @Test
  void theServersFaultsStayFiveHundredsAndRevealNothing() {
    RestException failure =
        wrappedIn500(new ProcessEngineException("An exception occurred in the persistence layer"));
    Response response = errors.toResponse(failure);
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(((Map<?, ?>) response.getEntity()).toString())
        .doesNotContain("persistence", "Exception");
    assertThat(
            errors
                .toResponse(new IllegalStateException("java.lang.NullPointerException"))
                .getStatus())
        .isEqualTo(500);
  }

  @Test
  void messagesNameNoJavaClass() {
    assertThat(
            EngineRestErrors.simpleNames("Cannot convert value \"x\" to java type java.util.Date"))
        .isEqualTo("Cannot convert value \"x\" to java type Date");
    assertThat(
            EngineRestErrors.simpleNames(
                "MismatchingMessageCorrelationException: Cannot correlate message 'm'"))
        .isEqualTo("Cannot correlate message 'm'");
  }
}
