package io.keyflow.kmip.operation;

import io.keyflow.kmip.protocol.Catalogue;
import io.keyflow.kmip.protocol.KmipCall;
import io.keyflow.kmip.protocol.KmipOperation;
import io.keyflow.kmip.protocol.Operation;
import io.keyflow.kmip.protocol.Payloads;
import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Query: the operations and object types Keyflow serves and who it is. Functions it has nothing to
 * report for (application namespaces, extensions, attestation types, profiles, capabilities) are
 * answered with nothing, as the specification allows.
 */
@Component
class Query implements KmipOperation {

  static final int QUERY_OPERATIONS = 1;
  static final int QUERY_OBJECTS = 2;
  static final int QUERY_SERVER_INFORMATION = 3;

  static final String VENDOR = "Keyflow";

  @Override
  public Operation operation() {
    return Operation.QUERY;
  }

  @Override
  public Ttlv.Structure answer(Ttlv.Structure payload, KmipCall call) {
    Payloads.onlyTags(payload, "Query", Tag.QUERY_FUNCTION);
    List<Integer> functions = Payloads.enums(payload, Tag.QUERY_FUNCTION, "Query Function");
    Catalogue catalogue = call.catalogue();
    // The response lists its fields in the specification's order, whatever the request's order.
    List<Ttlv> answer = new ArrayList<>();
    if (functions.contains(QUERY_OPERATIONS)) {
      for (Operation operation : catalogue.operations()) {
        answer.add(new Ttlv.EnumItem(Tag.OPERATION, operation.code()));
      }
    }
    if (functions.contains(QUERY_OBJECTS)) {
      for (int objectType : catalogue.objectTypes()) {
        answer.add(new Ttlv.EnumItem(Tag.OBJECT_TYPE, objectType));
      }
    }
    if (functions.contains(QUERY_SERVER_INFORMATION)) {
      answer.add(new Ttlv.TextItem(Tag.VENDOR_IDENTIFICATION, VENDOR));
      answer.add(
          Ttlv.structure(
              Tag.SERVER_INFORMATION,
              new Ttlv.TextItem(Tag.KEYFLOW_SERVER_NAME, "Keyflow KMIP server"),
              new Ttlv.TextItem(
                  Tag.KEYFLOW_SERVER_POLICY,
                  "Keys are generated in Keyflow's HSM; what a system may do is what an officer"
                      + " approved for it, and every lifecycle operation is in Keyflow's ledger")));
    }
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, answer);
  }
}
