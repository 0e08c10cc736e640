package io.keyflow.approval;

import io.keyflow.approval.ApprovalRefusal.Kind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keys an officer leaves out of a campaign when approving it, one line each: {@code alias:
 * reason} (for a destruction campaign {@code alias/vN: reason}). Only keys of the campaign's
 * request may be excluded, each once, and each with a reason of printable text; anything else
 * refuses the whole completion, so nothing is recorded and the task stays open.
 */
public final class CampaignExclusions {

  /** The longest reason accepted for one exclusion. */
  public static final int MAX_REASON = 200;

  private static final Pattern LINE = Pattern.compile("([^:\\s]{1,160})\\s*:(.*)");

  private CampaignExclusions() {}

  /**
   * Reads the exclusions field.
   *
   * @param value the submitted field (null or blank: no exclusion)
   * @param items the campaign's items as its request entry lists them
   * @return item → reason, in the order given
   * @throws ApprovalRefusal INVALID naming the line and what to do instead
   */
  public static Map<String, String> parse(Object value, Collection<String> items) {
    Map<String, String> exclusions = new LinkedHashMap<>();
    if (value == null) {
      return exclusions;
    }
    if (!(value instanceof String text)) {
      throw invalid("The exclusions must be text: one line 'alias: reason' per key to leave out");
    }
    String[] lines = text.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      var match = LINE.matcher(line);
      if (!match.matches()) {
        throw invalid(
            "Exclusion line "
                + (n + 1)
                + " is not 'alias: reason'; write one key per line, its alias, a colon"
                + " and why it is left out");
      }
      String item = match.group(1);
      String reason = match.group(2).strip();
      if (!items.contains(item)) {
        throw invalid(
            "Exclusion line "
                + (n + 1)
                + " names '"
                + abbreviate(item)
                + "', which is not in this campaign;"
                + " only keys listed in the campaign can be excluded");
      }
      if (reason.isEmpty()) {
        throw invalid(
            "Exclusion of '"
                + item
                + "' has no reason; say why the key is left out of the campaign");
      }
      if (reason.length() > MAX_REASON) {
        throw invalid(
            "The reason for excluding '"
                + item
                + "' is longer than "
                + MAX_REASON
                + " characters; shorten it");
      }
      if (reason.codePoints().anyMatch(c -> Character.isISOControl(c) || !Character.isDefined(c))) {
        throw invalid(
            "The reason for excluding '"
                + item
                + "' contains a control or undefined character; use printable text");
      }
      if (exclusions.putIfAbsent(item, reason) != null) {
        throw invalid("'" + item + "' is excluded twice; give one line per key");
      }
    }
    return exclusions;
  }

  private static ApprovalRefusal invalid(String message) {
    return new ApprovalRefusal(Kind.INVALID, message + ". Nothing was recorded");
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
