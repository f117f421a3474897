package org.httpsnotif.receiver.store;

import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import org.httpsnotif.receiver.decode.Extracted;

/**
 * One accepted notification on its way to the database: immutable, so the event bus hands the
 * same object from the HTTP verticle to the persistence verticle without copying.
 *
 * @param publisher the publisher's identity as established by {@code authMethod}
 * @param authMethod how the identity was established (for now always {@code address})
 * @param encoding {@code json}, {@code xml} or {@code cbor}
 * @param payload the exact bytes received
 */
public record Notification(
    OffsetDateTime receivedAt,
    Extracted extracted,
    String publisher,
    String authMethod,
    String peerAddress,
    String basePath,
    String encoding,
    String contentType,
    Buffer payload) {}
