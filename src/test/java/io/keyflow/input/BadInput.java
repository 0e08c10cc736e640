package io.keyflow.input;

import java.nio.charset.StandardCharsets;

/**
 * One entry of the bad-input catalogue: a request, the 4xx it must get (or 200 and a modelled
 * refusal end), and words the answer must contain.
 *
 * @param refusalEnd for a process start that passes the input checks but breaks a request rule: the
 *     end event the instance must have reached; null when the request itself must be refused
 */
record BadInput(
    String name,
    String method,
    String path,
    String user,
    String contentType,
    byte[] body,
    int status,
    String says,
    String refusalEnd) {

  static final String JSON = "application/json";

  static BadInput get(String name, String path, String user, int status, String says) {
    return new BadInput(name, "GET", path, user, null, null, status, says, null);
  }

  static BadInput post(
      String name, String path, String user, String json, int status, String says) {
    return new BadInput(name, "POST", path, user, JSON, bytes(json), status, says, null);
  }

  static BadInput send(
      String name,
      String method,
      String path,
      String user,
      String contentType,
      byte[] body,
      int status,
      String says) {
    return new BadInput(name, method, path, user, contentType, body, status, says, null);
  }

  /** A start that is accepted (200) and must end on {@code refusalEnd} at once. */
  static BadInput refusedStart(
      String name, String path, String user, String json, String refusalEnd) {
    return new BadInput(name, "POST", path, user, JSON, bytes(json), 200, "", refusalEnd);
  }

  /**
   * Camunda's engine REST API, which answers in its own body shape: /engine-rest or the webapps'
   * copy.
   */
  boolean engineRest() {
    return path.startsWith("/engine-rest") || webapp();
  }

  /**
   * The webapps' engine REST API, reached with a session login rather than Basic authentication.
   */
  boolean webapp() {
    return path.startsWith(WebappSession.ENGINE);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return name;
  }
}
