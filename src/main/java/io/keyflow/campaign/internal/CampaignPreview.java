package io.keyflow.campaign.internal;

import io.keyflow.shared.Text;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The first keys of a campaign as lines for the approval form ({@code alias | purpose | environment
 * | protect-stop}): a process variable holds at most 4,000 characters, so the form shows the first
 * ones and says where the whole list is ({@code GET /api/campaigns/{id}}, and the request's ledger
 * entry).
 */
public final class CampaignPreview {

  /** The lines' share of the variable: the rest is left for the "First N of M" header. */
  static final int MAX_CHARS = Text.MAX_VARIABLE_CHARS - 400;

  private CampaignPreview() {}

  public static void line(
      StringBuilder preview, String item, Object purpose, Object environment, Instant date) {
    String line =
        item
            + " | "
            + purpose
            + " | "
            + environment
            + " | "
            + (date == null ? "-" : date.truncatedTo(ChronoUnit.SECONDS))
            + "\n";
    if (preview.length() + line.length() <= MAX_CHARS) {
      preview.append(line);
    } else if (!preview.toString().endsWith("…\n")) {
      preview.append("…\n");
    }
  }

  public static String finish(StringBuilder preview, int total) {
    String shown = preview.toString();
    long lines = shown.lines().filter(l -> !l.equals("…")).count();
    return Text.fitVariable(
        (lines < total
                ? "First " + lines + " of " + total + " (all: GET /api/campaigns/ID):\n"
                : "")
            + shown.stripTrailing(),
        "\n…");
  }
}
