package io.keyflow.evidence;

/** A pack request that cannot be served, with the HTTP status and a sentence saying why. */
class EvidenceRefused extends RuntimeException {

  private final int status;

  private EvidenceRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  static EvidenceRefused badRequest(String message) {
    return new EvidenceRefused(400, message);
  }

  static EvidenceRefused notFound(String message) {
    return new EvidenceRefused(404, message);
  }

  int status() {
    return status;
  }
}
