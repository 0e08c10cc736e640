package io.keyflow.recipient;

/**
 * A registered recipient receives keys while ACTIVE; a REVOKED one never again (its record is
 * kept).
 */
public enum RecipientState {
  ACTIVE,
  REVOKED
}
