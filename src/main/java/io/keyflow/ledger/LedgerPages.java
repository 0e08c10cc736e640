package io.keyflow.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Entries in sequence order, read page by page (keyset paging on seq) so that a ledger of millions
 * of rows is never held in memory at once, with the next page read on a second thread while the
 * caller hashes the current one: the database's work and the hashing overlap instead of taking
 * turns. The connection is used by one thread at a time (the reader, between pages); {@link #close}
 * waits for a read in flight, so the caller can use the connection again once it returns.
 */
final class LedgerPages implements Iterator<LedgerEntry>, AutoCloseable {

  private final Connection connection;
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "ledger-page-reader");
            thread.setDaemon(true);
            return thread;
          });
  private Iterator<LedgerEntry> page = List.<LedgerEntry>of().iterator();
  private CompletableFuture<List<LedgerEntry>> next;

  LedgerPages(Connection connection, long fromSeq) {
    this.connection = connection;
    this.next = read(fromSeq);
  }

  @Override
  public boolean hasNext() {
    if (!page.hasNext() && next != null) {
      List<LedgerEntry> entries = await(next);
      next =
          entries.size() < LedgerRows.VERIFY_PAGE_SIZE
              ? null
              : read(entries.get(entries.size() - 1).seq() + 1);
      page = entries.iterator();
    }
    return page.hasNext();
  }

  @Override
  public LedgerEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }

  /** Waits for a read in flight (its result or failure no longer matters) and stops the reader. */
  @Override
  public void close() {
    if (next != null) {
      try {
        next.join();
      } catch (RuntimeException ignored) {
        // the verdict is already decided; the connection is free again
      }
      next = null;
    }
    reader.shutdown();
  }

  private CompletableFuture<List<LedgerEntry>> read(long fromSeq) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return LedgerRows.page(connection, fromSeq, LedgerRows.VERIFY_PAGE_SIZE);
          } catch (SQLException e) {
            throw new LedgerRows.LedgerReadFailed(e);
          }
        },
        reader);
  }

  private static List<LedgerEntry> await(CompletableFuture<List<LedgerEntry>> read) {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the ledger", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
