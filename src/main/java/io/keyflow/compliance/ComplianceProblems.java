package io.keyflow.compliance;

import java.net.URI;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a refused compliance query with RFC 9457 problem details (400). */
@RestControllerAdvice(assignableTypes = ComplianceController.class)
// Before the application-wide ProblemHandler, whose catch-all would otherwise answer these refusals
// with 500.
@Order(0)
class ComplianceProblems {

  @ExceptionHandler(ComplianceRefusal.class)
  ProblemDetail refused(ComplianceRefusal e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(URI.create("https://keyflow.io/problems/invalid-query"));
    problem.setTitle("Query refused");
    return problem;
  }
}
