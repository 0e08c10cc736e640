package io.keyflow.evidence;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Caller;
import io.keyflow.security.Role;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/evidence?from=2026-01-01&to=2026-12-31[&alias=…]} for officers and auditors: the
 * evidence pack as a ZIP, streamed from its working directory.
 */
@RestController
@RequestMapping("/api/evidence")
class EvidenceController {

  private final EvidencePacks packs;
  private final AccessGuard accessGuard;

  EvidenceController(EvidencePacks packs, AccessGuard accessGuard) {
    this.packs = packs;
    this.accessGuard = accessGuard;
  }

  @GetMapping(produces = {"application/zip", "application/problem+json"})
  ResponseEntity<StreamingResponseBody> pack(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String alias,
      @RequestParam(required = false) Long previousTreeSize) {
    Caller caller = accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    EvidencePeriod period = EvidencePeriod.parse(from, to);
    String key = alias == null || alias.isBlank() ? null : alias.strip();
    EvidencePacks.Pack pack = packs.make(period, key, caller.userId(), previousTreeSize);
    StreamingResponseBody body =
        out -> {
          try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String file : pack.files()) {
              zip.putNextEntry(new ZipEntry(file));
              Files.copy(pack.directory().resolve(file), zip);
              zip.closeEntry();
            }
          } finally {
            pack.delete();
          }
        };
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(pack.fileName()).build().toString())
        .header("X-Keyflow-Manifest-SHA256", pack.manifestSha256())
        .header("X-Keyflow-Ledger-Sequence", Long.toString(pack.ledgerSequence()))
        .body(body);
  }
}
