package io.keyflow.ledger;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import io.keyflow.shared.Refusal;
import java.net.URI;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The transparency side of the ledger: signed tree heads, inclusion proofs and consistency proofs,
 * for officers and auditors. Hashes are lowercase hex; a proof says whether it leads to the signed
 * tree head of its size, when there is one.
 */
@RestController
@RequestMapping("/api/ledger")
class LedgerTreeController {

  private final LedgerTree tree;
  private final LedgerCheckpoints checkpoints;
  private final AccessGuard accessGuard;

  LedgerTreeController(LedgerTree tree, LedgerCheckpoints checkpoints, AccessGuard accessGuard) {
    this.tree = tree;
    this.checkpoints = checkpoints;
    this.accessGuard = accessGuard;
  }

  /**
   * Every signed tree head as a C2SP signed note ({@code tlog-checkpoint} body, blank line,
   * signature line), newest first, one empty line between two notes: the first note is the latest
   * head.
   */
  @GetMapping(value = "/tree-heads", produces = "text/plain;charset=UTF-8")
  String treeHeads() {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    List<LedgerCheckpoint> heads = new ArrayList<>(signedHeads());
    java.util.Collections.reverse(heads);
    PublicKey publicKey = heads.isEmpty() ? null : checkpoints.publicKey();
    StringBuilder text = new StringBuilder();
    for (LedgerCheckpoint head : heads) {
      text.append(text.isEmpty() ? "" : "\n").append(head.signedNote(publicKey));
    }
    return text.toString();
  }

  /** The latest signed tree head alone, as a signed note (the file a log client polls). */
  @GetMapping(value = "/tree-heads/latest", produces = "text/plain;charset=UTF-8")
  String latestTreeHead() {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    return latestHead()
        .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "No tree head has been signed yet"))
        .signedNote(checkpoints.publicKey());
  }

  /**
   * The inclusion proof of entry {@code seq} in the tree of {@code treeSize} entries (default: the
   * latest signed tree head's size).
   */
  @GetMapping("/entries/{seq}/proof")
  InclusionView inclusion(@PathVariable long seq, @RequestParam(required = false) Long treeSize) {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    long size = treeSize != null ? treeSize : latestSignedSize();
    LedgerTree.InclusionProof proof = tree.inclusion(seq, size);
    String signedRoot = signedRootAt(size);
    return new InclusionView(
        proof.seq(),
        proof.seq() - 1,
        proof.treeSize(),
        Merkle.hex(proof.leafHash()),
        proof.path().stream().map(Merkle::hex).toList(),
        Merkle.hex(proof.rootHash()),
        signedRoot,
        signedRoot == null
            ? null
            : Merkle.verifyInclusion(
                proof.seq(),
                proof.treeSize(),
                proof.leafHash(),
                proof.path(),
                Merkle.unhex(signedRoot)));
  }

  /** The consistency proof from the tree of {@code from} entries to the tree of {@code to}. */
  @GetMapping("/consistency")
  ConsistencyView consistency(@RequestParam long from, @RequestParam long to) {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    LedgerTree.ConsistencyProof proof = tree.consistency(from, to);
    String signedFrom = signedRootAt(from);
    String signedTo = signedRootAt(to);
    return new ConsistencyView(
        from,
        to,
        Merkle.hex(proof.fromRoot()),
        Merkle.hex(proof.toRoot()),
        proof.path().stream().map(Merkle::hex).toList(),
        signedFrom,
        signedTo,
        signedFrom == null || signedTo == null
            ? null
            : Merkle.verifyConsistency(
                from, to, Merkle.unhex(signedFrom), Merkle.unhex(signedTo), proof.path()));
  }

  /** Bad sizes are the caller's: 400, with the rule in words. */
  @ExceptionHandler(Refusal.class)
  ProblemDetail refused(Refusal e) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          default -> HttpStatus.CONFLICT;
        };
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setType(URI.create("https://keyflow.io/problems/" + e.problemType()));
    problem.setTitle("Request refused");
    return problem;
  }

  private List<LedgerCheckpoint> signedHeads() {
    return checkpoints.all().stream().filter(c -> c.treeRoot() != null).toList();
  }

  private Optional<LedgerCheckpoint> latestHead() {
    List<LedgerCheckpoint> heads = signedHeads();
    return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(heads.size() - 1));
  }

  private long latestSignedSize() {
    return latestHead()
        .map(LedgerCheckpoint::seq)
        .orElseThrow(
            () ->
                new Refusal(
                    Refusal.Kind.INVALID_REQUEST,
                    "No tree head has been signed yet: pass treeSize (at most "
                        + tree.size()
                        + ")"));
  }

  private String signedRootAt(long size) {
    return checkpoints.all().stream()
        .filter(c -> c.seq() == size && c.treeRoot() != null)
        .map(LedgerCheckpoint::treeRoot)
        .findFirst()
        .orElse(null);
  }

  /**
   * An inclusion proof; {@code signedRoot} is the signed tree head's root at {@code treeSize} (null
   * when none was signed at that size), {@code verifiesAgainstSignedHead} whether the proof leads
   * to it.
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
  record InclusionView(
      long seq,
      long leafIndex,
      long treeSize,
      String leafHash,
      List<String> auditPath,
      String rootHash,
      String signedRoot,
      Boolean verifiesAgainstSignedHead) {}

  /** A consistency proof, and whether it joins the two signed heads of those sizes. */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
  record ConsistencyView(
      long from,
      long to,
      String fromRoot,
      String toRoot,
      List<String> proof,
      String signedFromRoot,
      String signedToRoot,
      Boolean verifiesAgainstSignedHeads) {}
}
