package io.keyflow.kmip.protocol;

import java.util.Optional;

/** KMIP 1.x operations (section 9.1.3.2.27), by their Operation enumeration value. */
public enum Operation {
  CREATE(0x01, "Create"),
  CREATE_KEY_PAIR(0x02, "Create Key Pair"),
  REGISTER(0x03, "Register"),
  REKEY(0x04, "Re-key"),
  DERIVE_KEY(0x05, "Derive Key"),
  CERTIFY(0x06, "Certify"),
  RECERTIFY(0x07, "Re-certify"),
  LOCATE(0x08, "Locate"),
  CHECK(0x09, "Check"),
  GET(0x0A, "Get"),
  GET_ATTRIBUTES(0x0B, "Get Attributes"),
  GET_ATTRIBUTE_LIST(0x0C, "Get Attribute List"),
  ADD_ATTRIBUTE(0x0D, "Add Attribute"),
  MODIFY_ATTRIBUTE(0x0E, "Modify Attribute"),
  DELETE_ATTRIBUTE(0x0F, "Delete Attribute"),
  OBTAIN_LEASE(0x10, "Obtain Lease"),
  GET_USAGE_ALLOCATION(0x11, "Get Usage Allocation"),
  ACTIVATE(0x12, "Activate"),
  REVOKE(0x13, "Revoke"),
  DESTROY(0x14, "Destroy"),
  ARCHIVE(0x15, "Archive"),
  RECOVER(0x16, "Recover"),
  VALIDATE(0x17, "Validate"),
  QUERY(0x18, "Query"),
  CANCEL(0x19, "Cancel"),
  POLL(0x1A, "Poll"),
  NOTIFY(0x1B, "Notify"),
  PUT(0x1C, "Put"),
  REKEY_KEY_PAIR(0x1D, "Re-key Key Pair"),
  DISCOVER_VERSIONS(0x1E, "Discover Versions"),
  ENCRYPT(0x1F, "Encrypt"),
  DECRYPT(0x20, "Decrypt"),
  SIGN(0x21, "Sign"),
  SIGNATURE_VERIFY(0x22, "Signature Verify"),
  MAC(0x23, "MAC"),
  MAC_VERIFY(0x24, "MAC Verify"),
  RNG_RETRIEVE(0x25, "RNG Retrieve"),
  RNG_SEED(0x26, "RNG Seed"),
  HASH(0x27, "Hash"),
  CREATE_SPLIT_KEY(0x28, "Create Split Key"),
  JOIN_SPLIT_KEY(0x29, "Join Split Key");

  private final int code;
  private final String title;

  Operation(int code, String title) {
    this.code = code;
    this.title = title;
  }

  public int code() {
    return code;
  }

  /** The operation's name as the specification writes it, e.g. {@code Discover Versions}. */
  public String title() {
    return title;
  }

  public static Optional<Operation> of(int code) {
    for (Operation operation : values()) {
      if (operation.code == code) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }
}
