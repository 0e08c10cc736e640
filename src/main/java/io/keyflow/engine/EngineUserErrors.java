package io.keyflow.engine;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;

/**
 * Engine exceptions that are the caller's fault but come as a plain {@link ProcessEngineException},
 * which the REST API answers with 500. Each is recognised by the engine's stable message text and
 * becomes a {@link BadUserRequestException} (400; {@link NotFoundException}, 404, for what does not
 * exist) with a sentence that says what to do instead. Anything not listed stays what it was.
 */
final class EngineUserErrors {

  private record Known(String fragment, String sentence, boolean notFound) {
    Known(String fragment, String sentence) {
      this(fragment, sentence, false);
    }
  }

  private static final List<Known> KNOWN =
      List.of(
          new Known(
              "Java serialization format is prohibited",
              "A variable is a serialized Java object, which Keyflow never accepts; send text, numbers and true/false"),
          new Known(
              "Cannot find serializer for value",
              "A variable has a type Keyflow cannot store; send text, numbers and true/false"),
          new Known(
              "because is part of a running process",
              "The task belongs to a running process and cannot be deleted; an officer completes it with a decision"),
          new Known(
              "Cannot find task with id",
              "There is no open task with this id; it may have been completed already",
              true),
          new Known(
              "Cannot deserialize object in variable",
              "A variable holds a serialized object Keyflow cannot read; send text, numbers and true/false"));

  private EngineUserErrors() {}

  /** The 400 this exception should have been, if it is a known caller mistake. */
  static Optional<BadUserRequestException> translate(ProcessEngineException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return KNOWN.stream()
        .filter(known -> message.contains(known.fragment()))
        .findFirst()
        .map(
            known ->
                known.notFound()
                    ? new NotFoundException(known.sentence())
                    : new BadUserRequestException(known.sentence()));
  }
}
