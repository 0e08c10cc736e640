package io.keyflow.compliance;

/**
 * The outcome of one control: it holds for every row (PASS) or at least one row breaks it (FAIL).
 */
public enum Verdict {
  PASS,
  FAIL;

  static Verdict of(boolean holds) {
    return holds ? PASS : FAIL;
  }
}
