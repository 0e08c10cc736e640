package io.keyflow.kmip.protocol;

import java.util.List;

/**
 * What the server offers, as Query reports it: the operations a client may use (in Operation order)
 * and the object types they serve.
 */
public record Catalogue(List<Operation> operations, List<Integer> objectTypes) {
  public Catalogue {
    operations = List.copyOf(operations);
    objectTypes = List.copyOf(objectTypes);
  }
}
