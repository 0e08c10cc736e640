package io.keyflow.key;

/** The number of key versions in one state, of one purpose, in one environment. */
public record VersionCount(
    KeyState state, KeyPurpose purpose, Environment environment, long count) {}
