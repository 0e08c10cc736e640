package io.keyflow.campaign.internal;

import io.keyflow.campaign.Campaign;
import io.keyflow.campaign.CampaignKind;
import io.keyflow.campaign.CampaignProgress;
import io.keyflow.campaign.CampaignState;
import io.keyflow.campaign.ItemState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The campaign progress tables ({@code campaign}, {@code campaign_item}): a projection for Cockpit,
 * {@code /api/campaigns} and the gauge. Each per-key instance updates only its own row, so
 * thousands of keys finishing at once never contend on one row.
 */
@Repository
public class CampaignRepository {

  private final JdbcTemplate jdbc;

  CampaignRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(
      String id,
      CampaignKind kind,
      String requestedBy,
      Instant at,
      long requestSeq,
      int refused,
      Map<String, String> itemAliases) {
    jdbc.update(
        "INSERT INTO campaign (id, kind, state, requested_by, requested_at, request_seq, refused) VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        kind.name(),
        CampaignState.AWAITING_APPROVAL.name(),
        requestedBy,
        Timestamp.from(at),
        requestSeq,
        refused);
    jdbc.batchUpdate(
        "INSERT INTO campaign_item (campaign_id, item, alias, state) VALUES (?, ?, ?, ?)",
        itemAliases.entrySet().stream()
            .map(e -> new Object[] {id, e.getKey(), e.getValue(), ItemState.PENDING.name()})
            .toList());
  }

  public void decided(String id, CampaignState state, Instant at) {
    jdbc.update(
        "UPDATE campaign SET state = ?, decided_at = ? WHERE id = ?",
        state.name(),
        Timestamp.from(at),
        id);
  }

  public void finished(String id, Instant at) {
    jdbc.update(
        "UPDATE campaign SET state = ?, finished_at = ? WHERE id = ?",
        CampaignState.FINISHED.name(),
        Timestamp.from(at),
        id);
  }

  public void exclude(String id, Map<String, String> reasons) {
    jdbc.batchUpdate(
        "UPDATE campaign_item SET state = ?, note = ? WHERE campaign_id = ? AND item = ?",
        reasons.entrySet().stream()
            .map(
                e ->
                    new Object[] {
                      ItemState.EXCLUDED.name(), abbreviate(e.getValue()), id, e.getKey()
                    })
            .toList());
  }

  /** The next {@code limit} pending items, in request order of their names. */
  public List<String> pending(String id, int limit) {
    return jdbc.queryForList(
        "SELECT item FROM campaign_item WHERE campaign_id = ? AND state = ? ORDER BY item LIMIT ?",
        String.class,
        id,
        ItemState.PENDING.name(),
        limit);
  }

  public void started(String id, String item, String processInstanceId) {
    jdbc.update(
        "UPDATE campaign_item SET state = ?, process_instance_id = ? WHERE campaign_id = ? AND item = ?",
        ItemState.RUNNING.name(),
        processInstanceId,
        id,
        item);
  }

  /** The per-key instance the campaign started for an item, if it started one. */
  public Optional<String> instanceOf(String id, String item) {
    return jdbc
        .queryForList(
            "SELECT process_instance_id FROM campaign_item WHERE campaign_id = ? AND item = ? AND process_instance_id IS NOT NULL",
            String.class,
            id,
            item)
        .stream()
        .findFirst();
  }

  public void mark(String id, String item, ItemState state, String note) {
    jdbc.update(
        "UPDATE campaign_item SET state = ?, note = ? WHERE campaign_id = ? AND item = ?",
        state.name(),
        note == null ? null : abbreviate(note),
        id,
        item);
  }

  /** Items of the campaign in a state, e.g. RUNNING ones whose instances may have failed. */
  Set<String> items(String id, ItemState state) {
    return Set.copyOf(
        jdbc.queryForList(
            "SELECT item FROM campaign_item WHERE campaign_id = ? AND state = ?",
            String.class,
            id,
            state.name()));
  }

  /** Aliases that are part of a campaign of this kind still awaiting approval or running. */
  public Set<String> aliasesInOpenCampaigns(CampaignKind kind) {
    return Set.copyOf(
        jdbc.queryForList(
            "SELECT DISTINCT i.alias FROM campaign_item i JOIN campaign c ON c.id = i.campaign_id"
                + " WHERE c.kind = ? AND c.state IN (?, ?) AND i.state IN (?, ?)",
            String.class,
            kind.name(),
            CampaignState.AWAITING_APPROVAL.name(),
            CampaignState.RUNNING.name(),
            ItemState.PENDING.name(),
            ItemState.RUNNING.name()));
  }

  public CampaignProgress progress(String id) {
    Map<ItemState, Integer> counts = new EnumMap<>(ItemState.class);
    jdbc.query(
        "SELECT state, COUNT(*) FROM campaign_item WHERE campaign_id = ? GROUP BY state",
        row -> {
          counts.put(ItemState.valueOf(row.getString(1)), row.getInt(2));
        },
        id);
    return CampaignProgress.of(counts);
  }

  /**
   * Keys of every campaign awaiting approval or running by item state, plus the keys still FAILED
   * in any campaign (a failure outlives its campaign until the key's incident is resolved): for the
   * gauge.
   */
  public Map<ItemState, Long> openItemCounts() {
    Map<ItemState, Long> counts = new EnumMap<>(ItemState.class);
    for (ItemState state : ItemState.values()) {
      counts.put(state, 0L);
    }
    jdbc.query(
        "SELECT i.state, COUNT(*) FROM campaign_item i JOIN campaign c ON c.id = i.campaign_id"
            + " WHERE c.state IN (?, ?) OR i.state = ? GROUP BY i.state",
        row -> {
          counts.put(ItemState.valueOf(row.getString(1)), row.getLong(2));
        },
        CampaignState.AWAITING_APPROVAL.name(),
        CampaignState.RUNNING.name(),
        ItemState.FAILED.name());
    return counts;
  }

  public Optional<Campaign> find(String id) {
    return jdbc.query("SELECT * FROM campaign WHERE id = ?", (row, n) -> campaign(row), id).stream()
        .findFirst();
  }

  /** The newest campaigns first. */
  public List<Campaign> newest(int limit) {
    return jdbc.query(
        "SELECT * FROM campaign ORDER BY requested_at DESC, id LIMIT ?",
        (row, n) -> campaign(row),
        limit);
  }

  public List<CampaignItem> itemsOf(String id) {
    return jdbc.query(
        "SELECT item, alias, state, process_instance_id, note FROM campaign_item WHERE campaign_id = ? ORDER BY item",
        (row, n) ->
            new CampaignItem(
                row.getString(1),
                row.getString(2),
                ItemState.valueOf(row.getString(3)),
                row.getString(4),
                row.getString(5)),
        id);
  }

  /** Items of the given names with their per-key instances, for failure lookups. */
  Map<String, String> instancesOf(String id, Collection<String> items) {
    return itemsOf(id).stream()
        .filter(i -> items.contains(i.item()) && i.processInstanceId() != null)
        .collect(Collectors.toMap(CampaignItem::item, CampaignItem::processInstanceId));
  }

  private Campaign campaign(ResultSet row) throws SQLException {
    String id = row.getString("id");
    return new Campaign(
        id,
        CampaignKind.valueOf(row.getString("kind")),
        CampaignState.valueOf(row.getString("state")),
        row.getString("requested_by"),
        instant(row, "requested_at"),
        row.getLong("request_seq"),
        row.getInt("refused"),
        instant(row, "decided_at"),
        instant(row, "finished_at"),
        progress(id));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static String abbreviate(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
  }
}
