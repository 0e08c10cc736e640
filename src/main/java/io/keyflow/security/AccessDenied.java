package io.keyflow.security;

/** The caller is authenticated but lacks the role an operation needs (HTTP 403). */
public class AccessDenied extends RuntimeException {
  public AccessDenied(String message) {
    super(message);
  }
}
