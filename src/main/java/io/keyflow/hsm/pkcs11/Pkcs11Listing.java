package io.keyflow.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.keyflow.hsm.KeyCheckValues;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.VaultObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * Lists every key object on the token, Keyflow's or not, for reconciliation against the inventory.
 * A private key's KCV comes from the public key with the same CKA_ID, when there is one.
 */
final class Pkcs11Listing {

  private record Row(long handle, long objectClass, String id, String label, Long keyType) {}

  /**
   * Answers about an object whose attributes cannot be read at all: a damaged object, not a failed
   * listing.
   */
  private static final Set<Long> DAMAGED =
      Set.of(CKR_ATTRIBUTE_VALUE_INVALID, CKR_ATTRIBUTE_TYPE_INVALID);

  private Pkcs11Listing() {}

  static List<VaultObject> list(Session session) throws PKCS11Exception {
    List<Row> rows = new ArrayList<>();
    List<VaultObject> unreadable = new ArrayList<>();
    for (long handle : Pkcs11Objects.findAll(session, new AttributeVector())) {
      AttributeVector a;
      try {
        a = session.getAttrValues(handle, CKA_CLASS, CKA_ID, CKA_LABEL, CKA_KEY_TYPE);
      } catch (PKCS11Exception e) {
        if (!DAMAGED.contains(e.getErrorCode())) {
          throw e;
        }
        // Seen on SoftHSM2 after its token directory vanished during a C_GenerateKey: an object
        // file
        // with no attributes is left behind. It is listed, so reconciliation reports it.
        unreadable.add(
            new VaultObject(
                "unreadable-object-" + handle,
                "",
                "UNREADABLE",
                e.getErrorName(),
                new Provenance(false, false, false, false, false, null),
                null,
                null));
        continue;
      }
      Long objectClass = a.class_();
      if (objectClass != null && Pkcs11Objects.keyClasses().contains(objectClass)) {
        rows.add(
            new Row(
                handle,
                objectClass,
                Pkcs11Objects.idText(a.id()),
                a.label() == null ? "" : a.label(),
                a.keyType()));
      }
    }
    Map<String, String> publicKcvs = new HashMap<>();
    for (Row row : rows) {
      if (row.objectClass() == CKO_PUBLIC_KEY) {
        publicKcvs.put(row.id(), publicKcv(session, row.handle()));
      }
    }
    List<VaultObject> objects = new ArrayList<>(unreadable);
    for (Row row : rows) {
      String kcv =
          switch ((int) row.objectClass()) {
            case (int) CKO_SECRET_KEY -> secretKcv(session, row.handle());
            case (int) CKO_PRIVATE_KEY -> publicKcvs.get(row.id());
            default -> publicKcvs.get(row.id());
          };
      objects.add(
          new VaultObject(
              row.id(),
              row.label(),
              Pkcs11Objects.className(row.objectClass()),
              Pkcs11Objects.keyTypeName(row.keyType()),
              Pkcs11Objects.provenance(session, row.handle()),
              kcv,
              Pkcs11Objects.usage(session, row.handle(), row.objectClass())));
    }
    return objects;
  }

  private static String secretKcv(Session session, long handle) throws PKCS11Exception {
    byte[] checkValue = session.getAttrValues(handle, CKA_CHECK_VALUE).checkValue();
    return checkValue == null || checkValue.length < 3
        ? null
        : KeyCheckValues.ofCheckValue(checkValue);
  }

  private static String publicKcv(Session session, long handle) throws PKCS11Exception {
    try {
      return KeyCheckValues.ofPublicKey(Pkcs11Objects.publicKey(session, handle));
    } catch (IllegalStateException e) {
      // A foreign key type (e.g. Ed25519) the JDK cannot decode here: listed without a KCV.
      return null;
    }
  }
}
