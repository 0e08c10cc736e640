package io.keyflow.approval;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerQuery;
import io.keyflow.ledger.details.CampaignItem;
import io.keyflow.ledger.details.CampaignRequest;
import io.keyflow.ledger.details.OfficerDecision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads a campaign's request and its officers' decisions back from the ledger: the keys the request
 * listed (with the ids fixed for them) and, per approval, the keys excluded with reasons. What a
 * campaign does is the request entry minus the exclusions of its approval entries, never a process
 * variable.
 *
 * <p>A request entry never changes once appended (the verifier would notice), so its parsed form is
 * kept for the few campaigns in progress: each of a campaign's thousands of per-key steps then
 * reads only the small decision entries after it, not the whole key list again.
 */
@Component
public class CampaignEntries {

  /** A campaign's request as its ledger entry recorded it. */
  public record Request(long seq, String requestedBy, Map<String, CampaignItem> items) {}

  /** One officer's approval of a campaign. */
  public record Approval(long seq, String officer, Map<String, String> exclusions) {}

  private static final int CACHED_REQUESTS = 16;

  private final Ledger ledger;
  private final Map<String, Request> requests =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Request> eldest) {
              return size() > CACHED_REQUESTS;
            }
          });

  CampaignEntries(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The campaign's request entry, or empty when the campaign wrote none. */
  public Optional<Request> request(ApprovalPhase phase, String campaignId) {
    Request cached = requests.get(campaignId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Request> read =
        entries(campaignId, 1).stream()
            .filter(e -> e.is(phase.requested()))
            .findFirst()
            .map(this::parse);
    read.ifPresent(r -> requests.put(campaignId, r));
    return read;
  }

  /** The approvals recorded after the request, in order (the requester's own never count). */
  public List<Approval> approvals(ApprovalPhase phase, String campaignId, Request request) {
    List<Approval> approvals = new ArrayList<>();
    for (LedgerEntry e : entries(campaignId, request.seq() + 1)) {
      if (e.is(phase.approved()) && !e.actor().equals(request.requestedBy())) {
        Map<String, String> exclusions = new LinkedHashMap<>();
        List<OfficerDecision.Exclusion> excluded = e.details(OfficerDecision.class).exclusions();
        if (excluded != null) {
          excluded.forEach(x -> exclusions.put(x.item(), x.reason()));
        }
        approvals.add(new Approval(e.seq(), e.actor(), exclusions));
      }
    }
    return approvals;
  }

  private List<LedgerEntry> entries(String campaignId, long fromSeq) {
    List<LedgerEntry> all = new ArrayList<>();
    LedgerQuery query = new LedgerQuery(null, campaignId, fromSeq, LedgerQuery.MAX_LIMIT);
    while (true) {
      List<LedgerEntry> page = ledger.entries(query);
      all.addAll(page);
      if (page.size() < query.limit()) {
        return all;
      }
      query = query.from(page.get(page.size() - 1).seq() + 1);
    }
  }

  private Request parse(LedgerEntry entry) {
    CampaignRequest details = (CampaignRequest) entry.details();
    Map<String, CampaignItem> items = new LinkedHashMap<>();
    if (details.items() != null) {
      details.items().forEach(item -> items.put(item.item(), item));
    }
    return new Request(entry.seq(), entry.actor(), Collections.unmodifiableMap(items));
  }
}
