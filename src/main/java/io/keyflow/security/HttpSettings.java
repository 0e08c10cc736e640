package io.keyflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code keyflow.http.*}.
 *
 * @param maxRequestBody the largest request body on {@code /api} and {@code /engine-rest} (413
 *     above it); the crypto API takes at most 64 KiB of plaintext, about 87 KiB as base64
 */
@ConfigurationProperties("keyflow.http")
public record HttpSettings(@DefaultValue("256KB") DataSize maxRequestBody) {}
