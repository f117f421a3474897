package org.httpsnotif.receiver.store;

import io.vertx.core.buffer.Buffer;

/** The exact bytes of a stored notification, with how they were sent. */
public record Payload(String contentType, String encoding, Buffer bytes) {}
