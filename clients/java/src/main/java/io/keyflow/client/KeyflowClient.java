package io.keyflow.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A using system's client for Keyflow's crypto API: encrypt and decrypt, data keys for envelope
 * encryption, rewrap after a rotation, sign and verify, HMAC. It authenticates with the system's
 * client certificate on Keyflow's mutual-TLS port ({@link Builder#clientCertificate}), or with the
 * system's {@code key-user} login on the ordinary port ({@link Builder#login}). Ciphertexts,
 * wrapped data keys, signatures and MAC tags are Keyflow's versioned envelopes ({@code
 * keyflow:v<N>:...}): store them as they are, and every later call picks the right key version by
 * itself.
 *
 * <p>Thread-safe; one client per system and Keyflow instance, reused for every call (it keeps its
 * connections alive).
 *
 * <pre>{@code
 * KeyflowClient keyflow = KeyflowClient.builder(URI.create("https://keyflow.example:8443"))
 *     .clientCertificate(Path.of("payments-app.p12"), password)
 *     .trust(Path.of("keyflow-ca.p12"), caPassword)
 *     .build();
 * KeyflowClient.DataKey key = keyflow.dataKey("payments-db", null);
 * // encrypt locally with key.plaintext(), store key.wrapped(), then forget the plaintext
 * }</pre>
 */
public final class KeyflowClient {

  /** A fresh data key: the plaintext to encrypt with, and the wrapped envelope to store. */
  public record DataKey(int version, byte[] plaintext, String wrapped) {}

  /** A signature: the envelope ({@code verify} takes it) and the raw bytes ({@code openssl}). */
  public record Signature(int version, String mechanism, String envelope, byte[] raw) {}

  private final URI base;
  private final HttpClient http;
  private final String authorization;

  private KeyflowClient(URI base, HttpClient http, String authorization) {
    this.base = base;
    this.http = http;
    this.authorization = authorization;
  }

  public static Builder builder(URI base) {
    return new Builder(base);
  }

  /** AES-256-GCM under the key's primary version; the envelope names the version. */
  public String encrypt(String alias, byte[] plaintext, byte[] aad) {
    Map<String, Object> out =
        post(key(alias, "encrypt"), Json.object("plaintext", b64(plaintext), "aad", b64(aad)));
    byte[] iv = unb64(out.get("iv"));
    byte[] ciphertext = unb64(out.get("ciphertext"));
    byte[] both = new byte[iv.length + ciphertext.length];
    System.arraycopy(iv, 0, both, 0, iv.length);
    System.arraycopy(ciphertext, 0, both, iv.length, ciphertext.length);
    return "keyflow:v" + number(out.get("version")) + ":" + b64(both);
  }

  /** Decrypts an envelope from {@link #encrypt} (or {@link #rewrap}). */
  public byte[] decrypt(String alias, String envelope, byte[] aad) {
    Envelope parsed = Envelope.parse(envelope);
    byte[] iv = new byte[12];
    System.arraycopy(parsed.bytes, 0, iv, 0, 12);
    byte[] ciphertext = new byte[parsed.bytes.length - 12];
    System.arraycopy(parsed.bytes, 12, ciphertext, 0, ciphertext.length);
    Map<String, Object> out =
        post(
            key(alias, "decrypt"),
            Json.object(
                "version",
                parsed.version,
                "iv",
                b64(iv),
                "ciphertext",
                b64(ciphertext),
                "aad",
                b64(aad)));
    return unb64(out.get("plaintext"));
  }

  /** A fresh AES-256 data key, in plaintext and wrapped under the key's primary version. */
  public DataKey dataKey(String alias, byte[] aad) {
    Map<String, Object> out = post(key(alias, "data-keys"), Json.object("aad", b64(aad)));
    return new DataKey(
        number(out.get("version")), unb64(out.get("plaintext")), (String) out.get("wrapped"));
  }

  /** A data key wrapped only, for a system that stores it now and unwraps it later. */
  public String wrappedDataKey(String alias, byte[] aad) {
    return (String)
        post(key(alias, "data-keys") + "?plaintext=false", Json.object("aad", b64(aad)))
            .get("wrapped");
  }

  /** The plaintext of a wrapped data key. */
  public byte[] decryptDataKey(String alias, String wrapped, byte[] aad) {
    return unb64(
        post(key(alias, "data-keys/decrypt"), Json.object("wrapped", wrapped, "aad", b64(aad)))
            .get("plaintext"));
  }

  /** A ciphertext (or wrapped data key) under the key's primary version, plaintext never seen. */
  public String rewrap(String alias, String envelope, byte[] aad) {
    return (String)
        post(key(alias, "rewrap"), Json.object("ciphertext", envelope, "aad", b64(aad)))
            .get("ciphertext");
  }

  /** Rewraps up to 1,000 envelopes (all made with {@code aad}, null for none) in one call. */
  public List<String> rewrap(String alias, List<String> envelopes, byte[] aad) {
    List<Object> items = new ArrayList<>(envelopes.size());
    for (String envelope : envelopes) {
      items.add(new Json.Raw(Json.object("ciphertext", envelope, "aad", b64(aad))));
    }
    Map<String, Object> out = post(key(alias, "rewrap"), Json.object("items", items));
    List<String> rewrapped = new ArrayList<>(envelopes.size());
    for (Object item : (List<?>) out.get("items")) {
      rewrapped.add((String) ((Map<?, ?>) item).get("ciphertext"));
    }
    return rewrapped;
  }

  /** Signs a message (up to 64 KiB) with the key's primary version; mechanism null for default. */
  public Signature sign(String alias, byte[] message, String mechanism) {
    return signature(
        post(key(alias, "sign"), Json.object("message", b64(message), "mechanism", mechanism)));
  }

  /** Signs a digest made with the mechanism's hash. */
  public Signature signDigest(String alias, byte[] digest, String mechanism) {
    return signature(
        post(key(alias, "sign"), Json.object("digest", b64(digest), "mechanism", mechanism)));
  }

  /**
   * Whether {@code envelope} is a valid signature of {@code message}; never throws for a bad one.
   */
  public boolean verify(String alias, String envelope, byte[] message, String mechanism) {
    return Boolean.TRUE.equals(
        post(
                key(alias, "verify"),
                Json.object("signature", envelope, "message", b64(message), "mechanism", mechanism))
            .get("valid"));
  }

  /** HMAC-SHA-256 of {@code data} under the MAC key's primary version, as an envelope. */
  public String mac(String alias, byte[] data) {
    return (String) post(key(alias, "mac"), Json.object("data", b64(data))).get("mac");
  }

  public boolean verifyMac(String alias, String envelope, byte[] data) {
    return Boolean.TRUE.equals(
        post(key(alias, "mac/verify"), Json.object("mac", envelope, "data", b64(data)))
            .get("valid"));
  }

  /** {@code bytes} (1–1,024) random bytes from Keyflow's HSM. */
  public byte[] random(int bytes) {
    return unb64(json(send(request("/api/random?bytes=" + bytes).GET())).get("bytes"));
  }

  /** The PEM public key of a SIGNING key's primary version. */
  public String publicKeyPem(String alias) {
    return send(request(key(alias, "public-key")).GET());
  }

  // ---- plumbing ----

  private static Signature signature(Map<String, Object> out) {
    return new Signature(
        number(out.get("version")),
        (String) out.get("mechanism"),
        (String) out.get("signature"),
        unb64(out.get("raw")));
  }

  private static String key(String alias, String operation) {
    return "/api/keys/"
        + java.net.URLEncoder.encode(alias, StandardCharsets.UTF_8)
        + "/"
        + operation;
  }

  private Map<String, Object> post(String path, String body) {
    return json(
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private String send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Keyflow could not be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling Keyflow", e);
    }
    if (response.statusCode() / 100 != 2) {
      String type = null;
      String detail = response.body();
      try {
        Map<String, Object> problem = json(response.body());
        String uri = (String) problem.get("type");
        type = uri == null ? null : uri.substring(uri.lastIndexOf('/') + 1);
        detail = (String) problem.get("detail");
      } catch (RuntimeException notJson) {
        // keep the body as the detail
      }
      throw new KeyflowException(response.statusCode(), type, detail);
    }
    return response.body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String body) {
    return (Map<String, Object>) Json.parse(body);
  }

  private static String b64(byte[] bytes) {
    return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] unb64(Object value) {
    return value == null ? null : Base64.getDecoder().decode((String) value);
  }

  private static int number(Object value) {
    return ((Number) value).intValue();
  }

  private record Envelope(int version, byte[] bytes) {
    static Envelope parse(String text) {
      if (text == null || !text.startsWith("keyflow:v")) {
        throw new IllegalArgumentException("not a Keyflow envelope: keyflow:v<N>:<base64>");
      }
      int colon = text.indexOf(':', "keyflow:v".length());
      if (colon < 0) {
        throw new IllegalArgumentException("not a Keyflow envelope: keyflow:v<N>:<base64>");
      }
      return new Envelope(
          Integer.parseInt(text.substring("keyflow:v".length(), colon)),
          Base64.getDecoder().decode(text.substring(colon + 1)));
    }
  }

  /** How to reach Keyflow and who the system is. */
  public static final class Builder {
    private final URI base;
    private KeyManagerFactory keys;
    private TrustManagerFactory trust;
    private SSLContext context;
    private String authorization;

    private Builder(URI base) {
      this.base = base;
    }

    /** The system's client certificate and private key, a PKCS#12 file (mutual-TLS port). */
    public Builder clientCertificate(Path pkcs12, char[] password) {
      try (InputStream in = Files.newInputStream(pkcs12)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password);
        return clientCertificate(store, password);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot read the client certificate " + pkcs12, e);
      }
    }

    /** The system's client certificate and private key from a loaded key store. */
    public Builder clientCertificate(KeyStore store, char[] password) {
      try {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return this;
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot use the client certificate", e);
      }
    }

    /** The certificates to trust for Keyflow's server certificate (default: the JDK's). */
    public Builder trust(KeyStore store) {
      try {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        return this;
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot use the trust store", e);
      }
    }

    public Builder trust(Path pkcs12, char[] password) {
      try (InputStream in = Files.newInputStream(pkcs12)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password);
        return trust(store);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot read the trust store " + pkcs12, e);
      }
    }

    /** A TLS context of the caller's own (instead of {@link #clientCertificate} and trust). */
    public Builder sslContext(SSLContext context) {
      this.context = context;
      return this;
    }

    /** The system's {@code key-user} login on Keyflow's ordinary port (HTTP Basic). */
    public Builder login(String user, char[] password) {
      authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
      return this;
    }

    public KeyflowClient build() {
      HttpClient.Builder http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10));
      try {
        if (context != null) {
          http.sslContext(context);
        } else if (keys != null || trust != null) {
          SSLContext tls = SSLContext.getInstance("TLS");
          tls.init(
              keys == null ? null : keys.getKeyManagers(),
              trust == null ? null : trust.getTrustManagers(),
              null);
          http.sslContext(tls);
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TLS is unavailable in this JVM", e);
      }
      return new KeyflowClient(base, http.build(), authorization);
    }
  }
}
