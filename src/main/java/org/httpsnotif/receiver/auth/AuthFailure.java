package org.httpsnotif.receiver.auth;

/** A request that cannot go on: 401 (with challenges to send) or 403. */
public final class AuthFailure extends Exception {

  private final int status;
  private final String challenge;

  public AuthFailure(int status, String challenge, String message) {
    super(message, null, false, false);
    this.status = status;
    this.challenge = challenge;
  }

  public int status() {
    return status;
  }

  /** The WWW-Authenticate value, or null. */
  public String challenge() {
    return challenge;
  }
}
