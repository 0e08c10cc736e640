package io.keyflow.distribution;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code GET /api/distribution/packages} answers a recipient: the packages waiting for it, at
 * most {@link #LIMIT}, soonest expiry first; {@code more} says that further ones wait beyond the
 * limit (fetch some, then list again). Metadata only: never the wrapped bytes.
 */
public record WaitingPackages(String recipient, int limit, boolean more, List<Waiting> packages) {

  /** The most packages one listing returns. */
  public static final int LIMIT = 1000;

  /**
   * One package waiting for pickup.
   *
   * @param kcv the key check value the unwrapped key must have (AES-ECB over one zero block, first
   *     3 bytes, hex)
   * @param mechanism {@code RSA-OAEP} or {@code AES-KWP}
   * @param oaepHash for RSA-OAEP: {@code SHA-1} or {@code SHA-256}; null for AES-KWP
   * @param pickup the path to fetch it from, on this port
   */
  public record Waiting(
      UUID id,
      String alias,
      int version,
      String algorithm,
      String kcv,
      String mechanism,
      String oaepHash,
      String mgf,
      Instant createdAt,
      Instant expiresAt,
      String pickup) {

    public static Waiting of(DistributionPackage p) {
      return new Waiting(
          p.id(),
          p.keyAlias(),
          p.versionNumber(),
          p.algorithm(),
          p.kcv(),
          p.mechanism(),
          p.oaepHash(),
          p.oaepMgf(),
          p.createdAt(),
          p.expiresAt(),
          "/api/distribution/" + p.id() + "/package");
    }
  }
}
