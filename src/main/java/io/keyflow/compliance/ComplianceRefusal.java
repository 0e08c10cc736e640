package io.keyflow.compliance;

/** A compliance query Keyflow cannot answer as asked (a bad filter, page or size): HTTP 400. */
class ComplianceRefusal extends RuntimeException {

  public ComplianceRefusal(String message) {
    super(message);
  }
}
