package io.keyflow.compliance;

import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.details.KeyDistributed;
import io.keyflow.ledger.details.KeyDistributionExpired;
import io.keyflow.ledger.details.KeyDistributionWithdrawn;
import io.keyflow.ledger.details.KeyWrapped;
import io.keyflow.shared.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 4.2: every distribution was wrapped in the HSM and picked up over mutual TLS by its registered
 * recipient, and no package expired unnoticed (an expired package has its KEY_DISTRIBUTION_EXPIRED
 * entry). A package withdrawn because its version was reported compromised ends with its
 * KEY_DISTRIBUTION_WITHDRAWN entry instead.
 */
final class DistributionRule implements ControlRule {

  private final Map<String, LedgerFact> wrapped = new LinkedHashMap<>();
  private final Map<String, LedgerFact> delivered = new LinkedHashMap<>();
  private final Map<String, LedgerFact> expired = new LinkedHashMap<>();

  @Override
  public void read(LedgerFact f) {
    if (f.kind() == null) {
      return;
    }
    String pkg =
        switch (f.kind()) {
          case KEY_WRAPPED -> f.details(KeyWrapped.class).packageId();
          case KEY_DISTRIBUTED -> f.details(KeyDistributed.class).packageId();
          case KEY_DISTRIBUTION_EXPIRED -> f.details(KeyDistributionExpired.class).packageId();
          case KEY_DISTRIBUTION_WITHDRAWN -> f.details(KeyDistributionWithdrawn.class).packageId();
          default -> null;
        };
    if (pkg == null) {
      return;
    }
    (f.is(LedgerAction.KEY_WRAPPED)
            ? wrapped
            : f.is(LedgerAction.KEY_DISTRIBUTED) ? delivered : expired)
        .putIfAbsent(pkg, f);
  }

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    List<ControlFinding> findings = new ArrayList<>();
    wrapped.forEach(
        (pkg, wrap) ->
            findings.add(
                wrappedPackage(pkg, wrap, delivered.get(pkg), expired.get(pkg), snapshot.now())));
    delivered.forEach(
        (pkg, delivery) -> {
          if (!wrapped.containsKey(pkg)) {
            findings.add(
                ControlFinding.fail(
                    subject(pkg, delivery),
                    "delivered without a KEY_WRAPPED entry: nothing shows it was wrapped in the HSM",
                    List.of(delivery.seq())));
          }
        });
    return ControlResult.of(
        Control.DISTRIBUTION,
        findings,
        Texts.count(findings.size(), "package")
            + ": wrapped in the HSM, picked up over mutual TLS or expiry recorded");
  }

  private static ControlFinding wrappedPackage(
      String pkg, LedgerFact wrap, LedgerFact delivery, LedgerFact expiry, Instant now) {
    String subject = subject(pkg, wrap);
    KeyWrapped wrapping = wrap.details(KeyWrapped.class);
    String how = "wrapped (" + wrapping.mechanism() + ") for " + wrapping.recipient();
    if (delivery != null) {
      KeyDistributed receipt = delivery.details(KeyDistributed.class);
      String protocol = receipt.tlsProtocol();
      String peer = receipt.peerCertificateSha256();
      List<Long> seqs = List.of(wrap.seq(), delivery.seq());
      if (protocol == null || peer == null) {
        return ControlFinding.fail(
            subject, how + "; picked up without a recorded mutual-TLS peer certificate", seqs);
      }
      return ControlFinding.pass(
          subject,
          how
              + "; picked up by "
              + delivery.entry().actor()
              + " over "
              + protocol
              + " "
              + receipt.tlsCipherSuite()
              + ", client certificate SHA-256 "
              + Text.abbreviate(peer, 8),
          seqs);
    }
    if (expiry != null && expiry.is(LedgerAction.KEY_DISTRIBUTION_WITHDRAWN)) {
      return ControlFinding.pass(
          subject,
          how
              + "; withdrawn before pickup ("
              + expiry.details(KeyDistributionWithdrawn.class).reason()
              + "), the wrapped key erased",
          List.of(wrap.seq(), expiry.seq()));
    }
    if (expiry != null) {
      return ControlFinding.pass(
          subject,
          how + "; not fetched, expiry recorded and the wrapped key erased",
          List.of(wrap.seq(), expiry.seq()));
    }
    Instant expiresAt = wrapping.expiresAt();
    if (expiresAt != null && expiresAt.isBefore(now)) {
      return ControlFinding.fail(
          subject,
          how
              + "; expired at "
              + Texts.time(expiresAt)
              + " without a KEY_DISTRIBUTION_EXPIRED entry",
          List.of(wrap.seq()));
    }
    return ControlFinding.pass(
        subject, how + "; held for pickup until " + Texts.time(expiresAt), List.of(wrap.seq()));
  }

  private static String subject(String pkg, LedgerFact fact) {
    return fact.entry().keyAlias()
        + " v"
        + fact.entry().versionNumber()
        + " package "
        + Text.abbreviate(pkg, 8);
  }
}
