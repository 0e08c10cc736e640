package io.keyflow.bench;

import io.keyflow.KeyflowApplication;
import io.keyflow.evidence.EvidencePacks;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.Provenance;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.CanonicalForm;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.support.EmbeddedPostgresSupport;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test (kept out of CI; run {@code bench/evidence-pack/run.sh}): seeds 10,000 keys (20,000
 * versions) and 100,000 hash-chained ledger entries into embedded PostgreSQL, then makes a pack for
 * the whole year and streams it as a ZIP, reporting the time and the peak heap. Meant to run with
 * {@code -Xmx256m}.
 */
public final class EvidencePackBenchmark {

  private static final Logger log = LoggerFactory.getLogger(EvidencePackBenchmark.class);
  private static final int KEYS = Integer.getInteger("bench.keys", 10_000);
  private static final int ENTRIES_PER_KEY = 10;

  public static void main(String[] args) throws Exception {
    String url = EmbeddedPostgresSupport.newDatabase();
    // Command-line arguments, so that they win over application.yaml.
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(KeyflowApplication.class)
            .run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.driver-class-name=org.postgresql.Driver",
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--keyflow.custodian.sweep-on-startup=false",
                "--keyflow.hsm.software.master-secret=bench-master-secret",
                "--keyflow.hsm.software.argon2-memory-kib=1024",
                "--keyflow.hsm.software.argon2-iterations=1",
                "--KEYFLOW_DEMO_PASSWORD=bench",
                "--logging.level.org.camunda=warn");
    try {
      Instant start = Instant.parse("2026-01-02T00:00:00Z");
      long seeding = System.nanoTime();
      seed(context, start);
      report(
          "seeded %d keys and %d ledger entries in %d s",
          KEYS, KEYS * ENTRIES_PER_KEY, (System.nanoTime() - seeding) / 1_000_000_000);
      EvidencePacks packs = context.getBean(EvidencePacks.class);
      for (int run = 1; run <= 2; run++) {
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long began = System.nanoTime();
        EvidencePacks.Pack pack =
            packs.make(
                new io.keyflow.evidence.EvidencePeriod(
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
                null,
                "bench");
        long built = System.nanoTime();
        CountingStream out = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
          for (String file : pack.files()) {
            zip.putNextEntry(new ZipEntry(file));
            Files.copy(pack.directory().resolve(file), zip);
            zip.closeEntry();
          }
        }
        pack.delete();
        long done = System.nanoTime();
        long peakHeap =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        report(
            "run %d: pack built in %d ms, zipped and streamed in %d ms (total %d ms), ZIP %d MiB, peak heap %d MiB"
                + " of max %d MiB (heap in use before, after GC: %d MiB)",
            run,
            (built - began) / 1_000_000,
            (done - built) / 1_000_000,
            (done - began) / 1_000_000,
            out.count >> 20,
            peakHeap >> 20,
            Runtime.getRuntime().maxMemory() >> 20,
            baseline >> 20);
      }
    } finally {
      context.close();
      System.exit(0);
    }
  }

  private static void report(String format, Object... args) {
    String line = String.format(format, args);
    log.info(line);
    System.out.println("BENCH " + line);
  }

  /** Inserts keys, versions and a valid hash chain directly, in batches. */
  private static void seed(ConfigurableApplicationContext context, Instant start) {
    KeyRepository keys = context.getBean(KeyRepository.class);
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
    Provenance provenance = new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN");
    String[] prev = {CanonicalForm.GENESIS_HASH};
    long[] seq = {0};
    for (int batch = 0; batch < KEYS; batch += 500) {
      int from = batch;
      transactions.executeWithoutResult(
          status -> {
            List<Object[]> rows = new ArrayList<>();
            for (int k = from; k < Math.min(from + 500, KEYS); k++) {
              Instant created = start.plus(Duration.ofMinutes(k * 30L));
              UUID keyId = UUID.randomUUID();
              UUID v1 = UUID.randomUUID();
              UUID v2 = UUID.randomUUID();
              String alias = "bench-" + k;
              keys.insert(
                  new ManagedKey(
                      keyId,
                      alias,
                      KeyPurpose.DATA_AT_REST,
                      KeyAlgorithm.AES_256,
                      "alice",
                      true,
                      Duration.ofDays(365),
                      Duration.ofDays(1095),
                      "benchmark key " + k,
                      v2,
                      created,
                      Environment.PRODUCTION));
              Instant rotated = created.plus(Duration.ofHours(6));
              KeyVersion first =
                  KeyVersion.activated(
                          v1,
                          keyId,
                          1,
                          "software",
                          alias + "/v1",
                          "a1b2c3",
                          provenance,
                          created,
                          Duration.ofDays(365),
                          "alice",
                          "bob",
                          "pi-" + k + "-g")
                      .deactivate(rotated, Duration.ofDays(1095));
              keys.insert(first);
              keys.insert(
                  KeyVersion.activated(
                      v2,
                      keyId,
                      2,
                      "software",
                      alias + "/v2",
                      "d4e5f6",
                      provenance,
                      rotated,
                      Duration.ofDays(365),
                      "alice",
                      "carol",
                      "pi-" + k + "-r"));
              String[][] events = {
                {"KEY_GENERATION_REQUESTED", "alice", "g"},
                {"KEY_GENERATION_APPROVED", "bob", "g"},
                {"KEY_GENERATED", "alice", "g"},
                {"KEY_DISTRIBUTION_REQUESTED", "alice", "d"},
                {"KEY_DISTRIBUTION_APPROVED", "carol", "d"},
                {"KEY_WRAPPED", "alice", "d"},
                {"KEY_DISTRIBUTED", "recipient:orders-app", "d"},
                {"KEY_ROTATION_REQUESTED", "alice", "r"},
                {"KEY_ROTATION_APPROVED", "bob", "r"},
                {"KEY_ROTATED", "alice", "r"}
              };
              for (int e = 0; e < events.length; e++) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("requestedBy", "alice");
                details.put("approvedBy", List.of("bob"));
                details.put("recipient", "orders-app");
                details.put("tlsProtocol", "TLSv1.3");
                details.put("oldVersion", 1);
                details.put("newVersion", 2);
                details.put("kcv", "a1b2c3");
                boolean rotation = events[e][2].equals("r");
                UUID version = rotation ? v2 : v1;
                LedgerEntry unhashed =
                    new LedgerEntry(
                        ++seq[0],
                        CanonicalForm.truncate(created.plusSeconds(e * 60L)),
                        events[e][1],
                        events[e][0],
                        keyId.toString(),
                        alias,
                        version.toString(),
                        rotation ? 2 : 1,
                        "pi-" + k + "-" + events[e][2],
                        CanonicalForm.detailsJson(details),
                        prev[0],
                        null);
                String hash = CanonicalForm.hash(unhashed);
                rows.add(
                    new Object[] {
                      unhashed.seq(),
                      OffsetDateTime.ofInstant(unhashed.recordedAt(), ZoneOffset.UTC),
                      unhashed.actor(),
                      unhashed.action(),
                      unhashed.keyId(),
                      unhashed.keyAlias(),
                      unhashed.versionId(),
                      unhashed.versionNumber(),
                      unhashed.processInstanceId(),
                      unhashed.detailsJson(),
                      prev[0],
                      hash
                    });
                prev[0] = hash;
              }
            }
            jdbc.batchUpdate(
                "INSERT INTO ledger_entry (seq, recorded_at, actor, action, key_id, key_alias, version_id,"
                    + " version_number, process_instance_id, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                rows);
            jdbc.update(
                "UPDATE ledger_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq[0], prev[0]);
          });
    }
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
