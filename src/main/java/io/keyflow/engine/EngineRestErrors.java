package io.keyflow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.FormException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the engine REST API, in Camunda's body shape ({@code type}, {@code message}) so
 * its clients keep working, with a status that says whose fault it is: the caller's (403 not
 * allowed, 404 not found, 400 anything the caller sent) — also when a Camunda resource wrapped the
 * cause in a generic 500 — or the server's (500, with a message that reveals nothing; the cause is
 * logged).
 */
@Provider
class EngineRestErrors implements ExceptionMapper<Throwable> {

  private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);

  /** A fully qualified Java class name, which a message shows by its simple name only. */
  /** An exception's class name that a Camunda resource put in front of its message. */
  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("\\b[A-Z][A-Za-z0-9_]*Exception: ");

  private static final Pattern QUALIFIED_CLASS =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

  @Override
  public Response toResponse(Throwable exception) {
    int status = statusOf(exception);
    String message;
    if (status >= 500) {
      log.error("Engine REST request failed", exception);
      message = "The request could not be processed; the error was logged for the operators";
    } else if (exception instanceof JsonProcessingException json) {
      message = unreadable(json);
    } else {
      message =
          exception.getMessage() == null
              ? "The request was refused"
              : simpleNames(exception.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", status >= 500 ? "ServerError" : exception.getClass().getSimpleName());
    body.put("message", message);
    Throwable engineCause =
        exception instanceof RestException && exception.getCause() != null
            ? exception.getCause()
            : exception;
    if (status < 500
        && engineCause instanceof ProcessEngineException engine
        && engine.getCode() != 0) {
      body.put("code", engine.getCode());
    }
    if (exception instanceof AuthorizationException authorization) {
      body.put("userId", authorization.getUserId());
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  static int statusOf(Throwable exception) {
    if (exception instanceof JsonProcessingException) {
      return 400;
    }
    if (exception instanceof WebApplicationException web) {
      return web.getResponse().getStatus();
    }
    if (exception instanceof RestException rest) {
      int status = rest.getStatus() == null ? 500 : rest.getStatus().getStatusCode();
      int callers = status >= 500 ? callersFault(rest.getCause()) : 0;
      return callers > 0 ? callers : status;
    }
    int callers = callersFault(exception);
    return callers > 0 ? callers : 500;
  }

  private static String unreadable(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      return "Field '" + field + "' has the wrong type or form; see Camunda's REST API reference";
    }
    return "The body is not valid JSON for this request";
  }

  static String simpleNames(String message) {
    return EXCEPTION_PREFIX
        .matcher(QUALIFIED_CLASS.matcher(message).replaceAll("$1"))
        .replaceAll("");
  }

  /** 403, 404 or 400 when the exception or a cause is the caller's fault; 0 otherwise. */
  private static int callersFault(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException) {
        return 403;
      }
      if (cause instanceof NotFoundException) {
        return 404;
      }
      if (cause instanceof BadUserRequestException
          || cause instanceof FormException
          || cause instanceof ParseException
          || cause instanceof NullValueException) {
        return 400;
      }
      if (cause instanceof RestException rest
          && rest.getStatus() != null
          && rest.getStatus().getStatusCode() < 500) {
        return rest.getStatus().getStatusCode();
      }
    }
    return 0;
  }
}
