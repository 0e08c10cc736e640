package io.keyflow.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.database.*}: the production profile's check of the runtime database account.
 *
 * @param acceptPrivilegedRuntimeAccount {@code true} starts the production profile, with a warning,
 *     even though the account the application runs as can alter the ledger's tables (owns them, may
 *     update, delete, truncate or add triggers to them, is a superuser) or create tables; by
 *     default such a start is refused
 */
@Validated
@ConfigurationProperties("keyflow.database")
public record DatabaseSettings(@DefaultValue("false") boolean acceptPrivilegedRuntimeAccount) {}
