package io.keyflow.compliance;

import java.util.List;

/** A page of the inventory; {@code total} counts every key that matched the filters. */
public record InventoryPage(List<InventoryRow> rows, int page, int size, int total) {}
