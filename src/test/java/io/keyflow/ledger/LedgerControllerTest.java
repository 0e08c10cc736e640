package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.keyflow.security.AccessDenied;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class LedgerControllerTest {

  private final Ledger ledger = mock(Ledger.class);
  private final AccessGuard accessGuard = mock(AccessGuard.class);
  private final LedgerCheckpoints checkpoints = mock(LedgerCheckpoints.class);
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    when(checkpoints.verify()).thenReturn(new CheckpointVerification(true, 0, null, null, null));
    mvc =
        MockMvcBuilders.standaloneSetup(new LedgerController(ledger, checkpoints, accessGuard))
            .build();
  }

  @Test
  void reportsAValidLedgerWithEveryMemberPresent() throws Exception {
    when(ledger.verify()).thenReturn(LedgerVerification.ok(1234));

    mvc.perform(get("/api/ledger/verify"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    "{\"valid\":true,\"entries\":1234,\"firstInvalidSequence\":null,\"reason\":null,"
                        + "\"checkpoints\":{\"valid\":true,\"checkpoints\":0,\"lastCheckpointSequence\":null,"
                        + "\"firstInvalidCheckpoint\":null,\"reason\":null}}",
                    true));
    verify(accessGuard).require(Role.SECURITY_OFFICER, Role.AUDITOR);
  }

  @Test
  void reportsAnInvalidLedgerWithTheFirstInvalidSequence() throws Exception {
    when(ledger.verify()).thenReturn(LedgerVerification.invalid(16, 17L, "hash mismatch"));

    mvc.perform(get("/api/ledger/verify"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid").value(false))
        .andExpect(jsonPath("$.entries").value(16))
        .andExpect(jsonPath("$.firstInvalidSequence").value(17))
        .andExpect(jsonPath("$.reason").value("hash mismatch"));
  }

  @Test
  void aFailedCheckpointMakesTheLedgerInvalidAndNamesItsSequence() throws Exception {
    when(ledger.verify()).thenReturn(LedgerVerification.ok(40));
    when(checkpoints.verify())
        .thenReturn(new CheckpointVerification(false, 3, 40L, 20L, "the chain was rewritten"));

    mvc.perform(get("/api/ledger/verify"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid").value(false))
        .andExpect(jsonPath("$.firstInvalidSequence").value(20))
        .andExpect(jsonPath("$.reason").value("the chain was rewritten"))
        .andExpect(jsonPath("$.checkpoints.firstInvalidCheckpoint").value(20));
  }

  @Test
  void refusesToSignABrokenChainWithAConflictNamingTheFirstBadSequence() throws Exception {
    when(checkpoints.checkpoint())
        .thenThrow(
            new LedgerIntegrityFailed(
                LedgerVerification.invalid(
                    4, 5L, "hash mismatch: the entry's content differs from what was hashed")));

    mvc.perform(post("/api/ledger/checkpoints"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value("https://keyflow.io/problems/ledger-integrity-failed"))
        .andExpect(jsonPath("$.firstInvalidSequence").value(5))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("not signed: entry 5 fails")))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("restore the altered rows")));
    verify(accessGuard).require(Role.SECURITY_OFFICER);
  }

  @Test
  void refusesVerificationToCallersWithoutOfficerOrAuditorRole() {
    when(accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR))
        .thenThrow(new AccessDenied("needs security-officer or auditor"));

    assertThatThrownBy(() -> mvc.perform(get("/api/ledger/verify")))
        .hasCauseInstanceOf(AccessDenied.class);
    verify(ledger, never()).verify();
  }

  @Test
  void listsEntriesFilteredByAliasWithTheirDetailsAsJson() throws Exception {
    List<LedgerEntry> page = LedgerFixtures.chain(2);
    when(ledger.entries(new LedgerQuery("alias-1", "pi-1", 5, 2))).thenReturn(page);

    mvc.perform(
            get("/api/ledger")
                .param("alias", "alias-1")
                .param("processInstanceId", "pi-1")
                .param("fromSeq", "5")
                .param("limit", "2"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[0].seq").value(1))
        .andExpect(jsonPath("$.entries[0].recordedAt").value("2025-06-01T08:00:01.000Z"))
        .andExpect(jsonPath("$.entries[0].details.n").value(1))
        .andExpect(jsonPath("$.entries[1].hash").value(page.get(1).hash()))
        .andExpect(jsonPath("$.nextFromSeq").value(3));
    verify(accessGuard).require(Role.SECURITY_OFFICER, Role.AUDITOR, Role.SECURITY_ENGINEERING);
  }

  @Test
  void refusesAListingLimitAboveTheMaximum() throws Exception {
    mvc.perform(get("/api/ledger").param("limit", "5000")).andExpect(status().isBadRequest());
    verify(ledger, never()).entries(any());
  }
}
