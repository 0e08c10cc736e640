package io.keyflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.ManagedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What docs/crypto-api.md shows, done with the {@code openssl} command line against Keyflow on
 * SoftHSM2: signatures verified by {@code openssl dgst -verify} against the published public key,
 * and a file encrypted by {@code openssl enc} with a data key that Keyflow later unwraps to the key
 * it issued.
 */
class OpenSslInteroperabilityIT extends CryptoApiFixtures {

  private final Path dir = Path.of("target", "openssl-it", UUID.randomUUID().toString());

  @Test
  void keyflowSignaturesVerifyWithOpensslAgainstThePublishedPublicKey() throws Exception {
    Files.createDirectories(dir);
    ManagedKey ec = newKey(KeyAlgorithm.EC_P256, KeyPurpose.SIGNING);
    ManagedKey rsa = newKey(KeyAlgorithm.RSA_3072, KeyPurpose.SIGNING);
    grant(ec, "sign");
    grant(rsa, "sign");
    Path message = Files.writeString(dir.resolve("release.txt"), "release 4.2.0\n");

    for (String[] scheme :
        List.of(
            new String[] {"ECDSA-SHA256", "-sha256"},
            new String[] {"RSA-PKCS1-SHA384", "-sha384"},
            new String[] {
              "RSA-PSS-SHA256", "-sha256", "rsa_padding_mode:pss", "rsa_pss_saltlen:digest"
            })) {
      ManagedKey key = scheme[0].startsWith("ECDSA") ? ec : rsa;
      JsonNode signed =
          ok(
              "/api/keys/" + key.alias() + "/sign",
              body("message", b64(Files.readAllBytes(message)), "mechanism", scheme[0]));
      Path signature = Files.write(dir.resolve(scheme[0] + ".sig"), unb64(signed.get("raw")));
      Path pem =
          Files.writeString(
              dir.resolve(key.alias() + ".pem"),
              rest.get("/api/keys/" + key.alias() + "/public-key", "dave").body());
      List<String> command = new ArrayList<>(List.of("openssl", "dgst", scheme[1]));
      for (int i = 2; i < scheme.length; i++) {
        command.addAll(List.of("-sigopt", scheme[i]));
      }
      command.addAll(
          List.of(
              "-verify", pem.toString(), "-signature", signature.toString(), message.toString()));

      assertThat(openssl(command)).as(scheme[0]).isEqualTo("Verified OK");

      Files.writeString(message, "release 4.2.1\n");
      assertThat(openssl(command))
          .as(scheme[0] + " of another message")
          .contains("Verification failure");
      Files.writeString(message, "release 4.2.0\n");
    }
  }

  @Test
  void aFileEncryptedWithOpensslUnderADataKeyDecryptsWithTheKeyKeyflowUnwraps() throws Exception {
    Files.createDirectories(dir);
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    grant(key, "encrypt", "decrypt");
    byte[] content = new byte[100_000];
    new java.util.Random(42).nextBytes(content);
    Path file = Files.write(dir.resolve("backup.tar"), content);

    JsonNode issued = ok("/api/keys/" + key.alias() + "/data-keys", "{}");
    String hexKey = HexFormat.of().formatHex(unb64(issued.get("plaintext")));
    String iv = "000102030405060708090a0b0c0d0e0f";
    Path encrypted = dir.resolve("backup.tar.enc");
    assertThat(
            openssl(
                List.of(
                    "openssl",
                    "enc",
                    "-aes-256-cbc",
                    "-K",
                    hexKey,
                    "-iv",
                    iv,
                    "-in",
                    file.toString(),
                    "-out",
                    encrypted.toString())))
        .isEmpty();

    JsonNode unwrapped =
        ok(
            "/api/keys/" + key.alias() + "/data-keys/decrypt",
            body("wrapped", issued.get("wrapped").asText()));
    String unwrappedHex = HexFormat.of().formatHex(unb64(unwrapped.get("plaintext")));
    Path decrypted = dir.resolve("backup.tar.out");
    openssl(
        List.of(
            "openssl",
            "enc",
            "-d",
            "-aes-256-cbc",
            "-K",
            unwrappedHex,
            "-iv",
            iv,
            "-in",
            encrypted.toString(),
            "-out",
            decrypted.toString()));

    assertThat(unwrappedHex).isEqualTo(hexKey);
    assertThat(Files.readAllBytes(encrypted)).isNotEqualTo(content);
    assertThat(Files.readAllBytes(decrypted)).isEqualTo(content);
  }

  /** Runs openssl and answers its output (stdout and stderr), trimmed. */
  private static String openssl(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }
}
