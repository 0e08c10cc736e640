package io.keyflow.evidence;

import java.net.URI;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused pack requests as RFC 9457 problem details. */
@RestControllerAdvice(assignableTypes = EvidenceController.class)
// Before the application-wide ProblemHandler, whose catch-all would otherwise answer these refusals
// with 500.
@Order(0)
class EvidenceProblems {

  @ExceptionHandler(EvidenceRefused.class)
  ProblemDetail refused(EvidenceRefused e) {
    HttpStatus status = HttpStatus.valueOf(e.status());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setType(
        URI.create(
            "https://keyflow.io/problems/evidence-"
                + (status == HttpStatus.NOT_FOUND ? "not-found" : "bad-request")));
    problem.setTitle(
        status == HttpStatus.NOT_FOUND ? "Nothing to report on" : "Evidence request refused");
    return problem;
  }
}
