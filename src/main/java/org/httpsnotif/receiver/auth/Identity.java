package org.httpsnotif.receiver.auth;

/**
 * Who sent a request, and how that was established.
 *
 * @param method {@code certificate}, {@code basic}, {@code token} or {@code address}
 */
public record Identity(String name, String method) {

  public static final String CERTIFICATE = "certificate";
  public static final String BASIC = "basic";
  public static final String TOKEN = "token";
  /** No authentication configured: the peer address is all we know. */
  public static final String ADDRESS = "address";
}
