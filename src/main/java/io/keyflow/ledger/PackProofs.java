package io.keyflow.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code java -jar keyflow.jar ledger verify-pack pack.zip}: checks an evidence pack offline, with
 * no database — the manifest's signature and every file's hash, the signed tree head's signature
 * (all with the pack's audit public key, which the auditor compares with the one Keyflow
 * publishes), every ledger entry's inclusion proof against that head (the leaf re-computed from the
 * entry's canonical JSON in the pack), and the consistency proof from a previous head when the pack
 * has one. Exit codes as {@code ledger verify}: 0 valid, 1 invalid, 2 unreadable.
 *
 * <p>The pack's files it reads: {@code audit-public-key.pem}, {@code manifest.sha256(.sig)}, {@code
 * ledger-checkpoint.msg/.sig} (the signed tree head), {@link #PROOFS} and {@link #CONSISTENCY}.
 */
public final class PackProofs {

  /** One line per ledger entry of the pack's period: the entry and its audit path. */
  public static final String PROOFS = "ledger-proofs.jsonl";

  /** The consistency proof from the auditor's previous tree head, when asked for. */
  public static final String CONSISTENCY = "ledger-consistency.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PackProofs() {}

  static int verifyPack(List<String> args, PrintStream out) {
    if (args.size() != 1) {
      out.println("usage: ledger verify-pack PACK.zip");
      return 2;
    }
    Map<String, byte[]> files;
    try {
      files = unzip(Path.of(args.get(0)));
    } catch (IOException e) {
      out.println("ledger verify-pack: cannot read " + args.get(0) + ": " + e.getMessage());
      return 2;
    }
    List<String> problems = check(files, out);
    problems.forEach(p -> out.println("INVALID: " + p));
    out.println(
        problems.isEmpty() ? "pack valid" : "pack INVALID: " + problems.size() + " problem(s)");
    return problems.isEmpty() ? 0 : 1;
  }

  /** Every problem found, in words; empty when the pack verifies. */
  static List<String> check(Map<String, byte[]> files, PrintStream out) {
    List<String> problems = new ArrayList<>();
    PublicKey key;
    try {
      key = publicKey(files.get("audit-public-key.pem"));
    } catch (GeneralSecurityException | RuntimeException e) {
      problems.add("audit-public-key.pem is missing or no EC public key");
      return problems;
    }
    byte[] manifest = files.get("manifest.sha256");
    if (manifest == null || !verifies(key, manifest, files.get("manifest.sha256.sig"))) {
      problems.add("the manifest's signature does not verify with audit-public-key.pem");
    } else {
      for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String hash = line.substring(0, 64);
        String name = line.substring(66);
        byte[] content = files.get(name);
        if (content == null || !hash.equals(HexFormat.of().formatHex(sha256(content)))) {
          problems.add(name + (content == null ? " is missing" : " was changed after signing"));
        }
      }
    }
    byte[] head = files.get("ledger-checkpoint.msg");
    if (head == null || !verifies(key, head, files.get("ledger-checkpoint.sig"))) {
      problems.add("the signed tree head (ledger-checkpoint.msg) does not verify");
      return problems;
    }
    String[] lines = new String(head, StandardCharsets.UTF_8).split("\n");
    if (lines.length < 3 || !LedgerCheckpoint.ORIGIN.equals(lines[0])) {
      problems.add(
          "ledger-checkpoint.msg is no signed tree head (a checkpoint from before the tree)");
      return problems;
    }
    long treeSize = Long.parseLong(lines[1]);
    byte[] root = Base64.getDecoder().decode(lines[2]);
    out.println("signed tree head: size " + treeSize + ", root " + Merkle.hex(root));
    byte[] proofs = files.get(PROOFS);
    long proved = 0;
    if (proofs != null) {
      for (String line : new String(proofs, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String problem = checkInclusion(line, treeSize, root);
        if (problem != null) {
          problems.add(problem);
        }
        proved++;
      }
    }
    out.println("inclusion proofs checked: " + proved);
    byte[] consistency = files.get(CONSISTENCY);
    if (consistency != null) {
      try {
        JsonNode c = JSON.readTree(consistency);
        long from = c.get("from").asLong();
        if (c.get("to").asLong() != treeSize
            || !Merkle.verifyConsistency(
                from,
                treeSize,
                Merkle.unhex(c.get("fromRoot").asText()),
                root,
                hashes(c.get("proof")))) {
          problems.add(
              "the consistency proof from tree size "
                  + from
                  + " does not lead to the signed tree head: the ledger was rewritten since");
        } else {
          out.println(
              "consistent with the tree of size " + from + ", root " + c.get("fromRoot").asText());
        }
      } catch (IOException | RuntimeException e) {
        problems.add(CONSISTENCY + " is unreadable: " + e.getMessage());
      }
    }
    return problems;
  }

  private static String checkInclusion(String line, long treeSize, byte[] root) {
    try {
      JsonNode proof = JSON.readTree(line);
      long seq = proof.get("seq").asLong();
      String entry = proof.get("entry").asText();
      if (!entry.startsWith("{\"seq\":" + seq + ",")) {
        return "entry " + seq + ": the entry in the proof is not entry " + seq;
      }
      byte[] leaf = Merkle.leafHash(entry.getBytes(StandardCharsets.UTF_8));
      if (proof.get("treeSize").asLong() != treeSize
          || !Merkle.verifyInclusion(seq, treeSize, leaf, hashes(proof.get("auditPath")), root)) {
        return "entry "
            + seq
            + ": its inclusion proof does not lead to the signed tree head (the entry differs from"
            + " the one signed)";
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "an unreadable proof line: " + e.getMessage();
    }
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> hashes = new ArrayList<>();
    array.forEach(node -> hashes.add(Merkle.unhex(node.asText())));
    return hashes;
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
    if (signature == null) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(LedgerCheckpoints.SIGNATURE_ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PublicKey publicKey(byte[] pem) throws GeneralSecurityException {
    String body =
        new String(pem, StandardCharsets.US_ASCII)
            .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static byte[] sha256(byte[] content) {
    MessageDigest digest = CanonicalForm.newSha256();
    return digest.digest(content);
  }

  private static Map<String, byte[]> unzip(Path zip) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          entries.transferTo(bytes);
          files.put(entry.getName(), bytes.toByteArray());
        }
      }
    }
    return files;
  }
}
