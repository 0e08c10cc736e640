package io.keyflow.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.keyflow.security.RequestBodyLimit;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for requests Spring MVC cannot even hand to a controller — unreadable JSON, a
 * field or parameter of the wrong type, a wrong content type (415), a body over the size limit
 * (413) — with a {@code detail} that names the field in words and never a Java class. Ordered
 * first; it handles only Spring MVC's own exceptions, so Keyflow's refusals still reach {@link
 * ProblemHandler}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestProblems extends ResponseEntityExceptionHandler {

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestBodyLimit.TooLarge tooLarge) {
        return answer(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "body-too-large",
            "Request body too large",
            tooLarge.getMessage());
      }
    }
    return answer(
        HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body", unreadable(e));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = e.getPropertyName() == null ? "A parameter" : "'" + e.getPropertyName() + "'";
    return answer(
        HttpStatus.BAD_REQUEST,
        "invalid-parameter",
        "Invalid parameter",
        name + " must be " + expected(e.getRequiredType()));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        e.getParameterValidationResults().stream()
            .map(
                result ->
                    "'"
                        + result.getMethodParameter().getParameterName()
                        + "' "
                        + result.getResolvableErrors().stream()
                            .map(error -> error.getDefaultMessage())
                            .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("; "));
    return answer(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
  }

  private ResponseEntity<Object> answer(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(ProblemHandler.problem(status, type, title, detail));
  }

  private static String unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      return "Field '"
          + field
          + "' has the wrong type or form; see the API description at /api/docs";
    }
    if (cause instanceof JsonParseException || cause instanceof JsonMappingException) {
      return "The body is not valid JSON for this request; see the API description at /api/docs";
    }
    return "A JSON body is required; see the API description at /api/docs";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another form";
    }
    if (type == java.util.UUID.class) {
      return "a UUID";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a whole number";
    }
    return "of another form";
  }
}
