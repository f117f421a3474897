package org.httpsnotif.receiver.http;

/**
 * Connection-level limits of a listener.
 *
 * @param headerTimeoutSeconds time a new connection has to deliver its first request's headers
 * @param idleTimeoutSeconds time a connection may go without a request (and without bytes)
 */
public record ServerLimits(
    int maxHeaderSize, int idleTimeoutSeconds, int headerTimeoutSeconds, int maxConnections) {}
